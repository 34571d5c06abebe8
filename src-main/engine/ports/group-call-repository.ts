import type { GroupCallRecord } from '../group-calls/group-call-record.js';

/** Where group call records live. Synchronous and durable when a method returns. */
export interface GroupCallRepository {
  insert(record: GroupCallRecord): void;
  /** Persist the whole record (matched by id). */
  update(record: GroupCallRecord): void;
  get(id: string): GroupCallRecord | undefined;
  /** Not deleted, newest first. */
  list(limit: number): GroupCallRecord[];
  /** The newest group call with this name that is not deleted (how nesting names a group). */
  findByName(name: string): GroupCallRecord | undefined;
  /** Group calls still ringing (status 'ringing'). */
  listRinging(): GroupCallRecord[];
}
