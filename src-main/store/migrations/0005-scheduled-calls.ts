/**
 * 0005: the scheduler's state for scheduled calls, keyed by the call's id (the same id as the
 * contact-centre record and, once dialled, the telephony leg: one record moving forward).
 *
 * - `status` is the scheduled call's status on its forward-only path (scheduled → queued →
 *   connecting → connected → finished, or failed / cancelled / expired / missed).
 * - `stage` is how far the agent got before the dial (waiting / prompted / accepted); NULL
 *   once claimed or ended.
 * - `claimed_at` is the claim to dial, committed before the dial (at most one dial).
 * A scheduled call created by the API before its first prompt has no row yet: it is read as
 * status scheduled, stage waiting.
 *
 * The partial index answers "what is due next" among undialled calls without touching the
 * rest of the history.
 */
import type { Migration } from './migration.js';

export const SCHEDULED_CALLS_SQL = `
CREATE TABLE scheduled_calls (
  id            TEXT    NOT NULL PRIMARY KEY,
  status        TEXT    NOT NULL CHECK (status IN (
                  'scheduled', 'queued', 'connecting', 'connected', 'finished',
                  'failed', 'cancelled', 'expired', 'missed')),
  stage         TEXT             CHECK (stage IN ('waiting', 'prompted', 'accepted')),
  -- Times: epoch milliseconds.
  prompted_at   INTEGER,
  accepted_at   INTEGER,
  dismissed_at  INTEGER,
  claimed_at    INTEGER,
  ended_at      INTEGER
) STRICT;

CREATE INDEX contact_centre_scheduled_due ON contact_centre_calls (scheduled_at, seq) WHERE phase = 'scheduled';
CREATE INDEX contact_centre_scheduled_past ON contact_centre_calls (scheduled_at DESC, seq DESC)
  WHERE call_type = 'Voice Scheduled (API)' AND phase <> 'scheduled';
CREATE INDEX scheduled_calls_claimed ON scheduled_calls (id) WHERE status = 'queued';
`;

export const migration0005: Migration = {
  version: 5,
  name: 'scheduled-calls',
  up(db) {
    db.exec(SCHEDULED_CALLS_SQL);
  },
};
