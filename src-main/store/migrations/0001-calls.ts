/**
 * 0001: the call records table.
 *
 * The value lists in the CHECK constraints are written out, not built from the contract, so
 * that this migration means the same thing forever. A test compares them with the contract:
 * when the contract gains a state or end reason, that test fails and a new migration must
 * rebuild the table (SQLite cannot alter a CHECK in place).
 *
 * `from` and `to` are SQL keywords; their columns are `from_party` and `to_party`.
 */
import type { Migration } from './migration.js';

export const CALLS_SQL = `
CREATE TABLE calls (
  -- Alias of rowid. AUTOINCREMENT: a callid is never handed out twice, even after deletes.
  callid           INTEGER PRIMARY KEY AUTOINCREMENT,
  id               TEXT    NOT NULL UNIQUE,
  direction        TEXT    NOT NULL CHECK (direction IN ('OUTGOING', 'INCOMING')),
  state            TEXT    NOT NULL CHECK (state IN (
                     'QUEUED', 'STARTING', 'RINGING', 'IN_PROGRESS',
                     'COMPLETED', 'FAILED', 'NOT_ANSWERED', 'BUSY', 'REJECTED')),
  end_reason       TEXT             CHECK (end_reason IN (
                     'completed', 'busy', 'declined', 'rejected', 'no_answer', 'cancelled',
                     'missed', 'answered_elsewhere', 'unavailable', 'not_found', 'failed',
                     'transferred', 'network', 'desk_closed', 'host_restart')),
  from_party       TEXT    NOT NULL,
  to_party         TEXT    NOT NULL,
  remote_name      TEXT,
  labels           TEXT    NOT NULL DEFAULT '{}'
                           CHECK (json_valid(labels) AND json_type(labels) = 'object'),
  timeout_seconds  INTEGER NOT NULL,
  create_method    TEXT    NOT NULL CHECK (create_method IN ('INCOMING_CALL', 'PARENT_CALL', 'API', 'DESK')),
  originating_call TEXT,
  sip_call_id      TEXT,
  error_code       TEXT,
  error_message    TEXT,
  -- Times: epoch milliseconds.
  create_time      INTEGER NOT NULL,
  start_time       INTEGER,
  ring_time        INTEGER,
  answer_time      INTEGER,
  end_time         INTEGER,
  held             INTEGER NOT NULL DEFAULT 0 CHECK (held IN (0, 1)),
  muted            INTEGER NOT NULL DEFAULT 0 CHECK (muted IN (0, 1))
) STRICT;

-- History, newest first; keyset paging on (create_time, callid).
CREATE INDEX calls_history ON calls (create_time DESC, callid DESC);

-- Live calls only: stays tiny however long the history grows.
CREATE INDEX calls_live ON calls (create_time, callid)
  WHERE state IN ('QUEUED', 'STARTING', 'RINGING', 'IN_PROGRESS');
`;

export const migration0001: Migration = {
  version: 1,
  name: 'calls',
  up(db) {
    db.exec(CALLS_SQL);
  },
};
