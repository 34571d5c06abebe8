/**
 * 0003: group calls (seed 000). One row per group call; its legs are rows of `calls` whose
 * originating_call is the group's id. Addresses and call ids are JSON columns, checked to be
 * JSON arrays/objects. Times: epoch milliseconds, NULL for "not yet".
 */
import type { Migration } from './migration.js';

export const GROUP_CALLS_SQL = `
CREATE TABLE group_calls (
  seq             INTEGER PRIMARY KEY AUTOINCREMENT,
  id              TEXT    NOT NULL UNIQUE,
  customer_id     TEXT    NOT NULL,
  name            TEXT    NOT NULL DEFAULT '',
  source          TEXT    NOT NULL CHECK (json_valid(source) AND json_type(source) = 'object'),
  destinations    TEXT    NOT NULL CHECK (json_valid(destinations) AND json_type(destinations) = 'array'),
  ring_method     TEXT    NOT NULL CHECK (ring_method IN ('ring_all', 'linear')),
  answer_method   TEXT    NOT NULL CHECK (answer_method IN ('hangup_others')),
  answer_call_id  TEXT,
  call_ids        TEXT    NOT NULL DEFAULT '[]' CHECK (json_valid(call_ids) AND json_type(call_ids) = 'array'),
  status          TEXT    NOT NULL CHECK (status IN ('ringing', 'answered', 'no_answer', 'hungup')),
  timeout_seconds INTEGER NOT NULL,
  tm_create       INTEGER NOT NULL,
  tm_update       INTEGER,
  tm_delete       INTEGER
) STRICT;

-- The list (not deleted, newest first) and nesting by name.
CREATE INDEX group_calls_by_name ON group_calls (name, seq DESC) WHERE tm_delete IS NULL;
CREATE INDEX group_calls_ringing ON group_calls (seq) WHERE status = 'ringing';
`;

export const migration0003: Migration = {
  version: 3,
  name: 'group-calls',
  up(db) {
    db.exec(GROUP_CALLS_SQL);
  },
};
