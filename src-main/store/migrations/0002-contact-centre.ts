/**
 * 0002: the contact-centre side of calls (seed 004) and the contacts directory.
 *
 * A separate table, not new columns on `calls`: a scheduled call, or one waiting for the agent
 * to pick an outbound number, has no telephony leg yet, and `calls` rows are legs. When a leg
 * exists it has the same id (`has_leg` = 1). Value lists are written out, as in 0001.
 */
import type { Migration } from './migration.js';

export const CONTACT_CENTRE_SQL = `
CREATE TABLE contact_centre_calls (
  seq                   INTEGER PRIMARY KEY AUTOINCREMENT,
  id                    TEXT    NOT NULL UNIQUE,
  has_leg               INTEGER NOT NULL CHECK (has_leg IN (0, 1)),
  phase                 TEXT    NOT NULL CHECK (phase IN ('scheduled', 'awaiting_number', 'dialled', 'cancelled')),
  call_type             TEXT             CHECK (call_type IN (
                          'Voice Outbound (API)', 'Voice Inbound (API)', 'Voice Scheduled (API)')),
  lang                  TEXT    NOT NULL,
  parent_id             TEXT,
  menu_id               INTEGER,
  ticket_id             TEXT,
  end_user_number       TEXT,
  outbound_number       TEXT,
  recording_permission  TEXT    NOT NULL CHECK (recording_permission IN (
                          'recording_permission_not_asked', 'recording_permission_granted',
                          'recording_permission_denied')),
  agent_email           TEXT,
  state_update_uri      TEXT,
  -- Times: epoch milliseconds.
  created_at            INTEGER NOT NULL,
  scheduled_at          INTEGER,
  verified_customer     INTEGER NOT NULL DEFAULT 0 CHECK (verified_customer IN (0, 1)),
  bad_actor             INTEGER NOT NULL DEFAULT 0 CHECK (bad_actor IN (0, 1)),
  repeat_customer       INTEGER NOT NULL DEFAULT 0 CHECK (repeat_customer IN (0, 1)),
  hold_ms               INTEGER NOT NULL DEFAULT 0,
  hold_started_at       INTEGER,
  fail_reason           TEXT,
  fail_details          TEXT
) STRICT;

-- Calls without a leg (scheduled, waiting for a number, cancelled), newest first.
CREATE INDEX contact_centre_legless ON contact_centre_calls (created_at DESC, seq DESC) WHERE has_leg = 0;

-- GET /v1/calls?number=…: the far party of outgoing (to) and incoming (from) calls, newest first.
CREATE INDEX calls_to_party ON calls (to_party, create_time DESC, callid DESC);
CREATE INDEX calls_from_party ON calls (from_party, create_time DESC, callid DESC);

CREATE TABLE contacts (
  id            INTEGER PRIMARY KEY AUTOINCREMENT,
  name          TEXT NOT NULL,
  phone_number  TEXT NOT NULL
) STRICT;

-- Audio for seed 002's broadcasts (calls.broadcast_1 plays media ids from here).
CREATE TABLE media (
  id            INTEGER PRIMARY KEY AUTOINCREMENT,
  name          TEXT    NOT NULL,
  content_type  TEXT    NOT NULL,
  bytes         INTEGER NOT NULL,
  data          BLOB    NOT NULL,
  created_at    INTEGER NOT NULL
) STRICT;

CREATE TABLE contact_tickets (
  ticket_id   TEXT    PRIMARY KEY,
  contact_id  INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE
) STRICT;
`;

export const migration0002: Migration = {
  version: 2,
  name: 'contact-centre',
  up(db) {
    db.exec(CONTACT_CENTRE_SQL);
  },
};
