/** Reads a desk's conferencecalls straight from its SQLite file (read-only, alongside the host). */
import Database from 'better-sqlite3';
import { join } from 'node:path';

export interface StoredConferencecall {
  id: string;
  conference_id: string;
  reference_id: string;
  status: string;
  role: string;
  supervisor_mode: string | null;
}

export function storedConferencecalls(dataDir: string): StoredConferencecall[] {
  const db = new Database(join(dataDir, 'calls.sqlite'), { readonly: true, fileMustExist: true });
  try {
    return db
      .prepare(`SELECT id, conference_id, reference_id, status, role, supervisor_mode FROM conferencecalls ORDER BY seq`)
      .all() as StoredConferencecall[];
  } finally {
    db.close();
  }
}
