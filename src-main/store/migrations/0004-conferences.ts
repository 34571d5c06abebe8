/**
 * 0004: conferences and their conferencecalls (seed 001). Times are epoch milliseconds;
 * NULL tm_delete means "not yet" (the snapshot writes 9999-01-01 00:00:00.000000).
 * reference_id is the call's UUID; no foreign key to calls, so that pruning call history
 * never has to care about conferences.
 */
import type { Migration } from './migration.js';

export const CONFERENCES_SQL = `
CREATE TABLE conferences (
  id          TEXT    NOT NULL PRIMARY KEY,
  customer_id TEXT    NOT NULL,
  name        TEXT    NOT NULL DEFAULT '',
  status      TEXT    NOT NULL CHECK (status IN ('progressing', 'terminating', 'terminated')),
  tm_create   INTEGER NOT NULL,
  tm_update   INTEGER NOT NULL,
  tm_delete   INTEGER
) STRICT;

CREATE INDEX conferences_newest ON conferences (tm_create DESC);
CREATE INDEX conferences_live ON conferences (tm_create) WHERE status <> 'terminated';

CREATE TABLE conferencecalls (
  seq             INTEGER PRIMARY KEY AUTOINCREMENT,
  id              TEXT    NOT NULL UNIQUE,
  customer_id     TEXT    NOT NULL,
  conference_id   TEXT    NOT NULL REFERENCES conferences (id),
  reference_type  TEXT    NOT NULL DEFAULT 'call' CHECK (reference_type = 'call'),
  reference_id    TEXT    NOT NULL,
  status          TEXT    NOT NULL CHECK (status IN ('joining', 'joined', 'leaving', 'leaved')),
  role            TEXT    NOT NULL CHECK (role IN ('participant', 'supervisor')),
  supervisor_mode TEXT             CHECK (supervisor_mode IN ('listen', 'whisper', 'barge')),
  supervisor_name TEXT,
  tm_create       INTEGER NOT NULL,
  tm_update       INTEGER NOT NULL,
  tm_delete       INTEGER
) STRICT;

CREATE INDEX conferencecalls_of_conference ON conferencecalls (conference_id, seq);
CREATE INDEX conferencecalls_active_by_call ON conferencecalls (reference_id) WHERE status <> 'leaved';
`;

export const migration0004: Migration = {
  version: 4,
  name: 'conferences',
  up(db) {
    db.exec(CONFERENCES_SQL);
  },
};
