/**
 * The engine's group call record. Times are epoch milliseconds inside the engine (null: not
 * yet); the snapshot mapper writes them in seed 000's format.
 */
import type { Address, AnswerMethod, GroupCallStatus, RingMethod } from '../../contract/group-call.js';

export interface GroupCallRecord {
  readonly id: string;
  readonly customer_id: string;
  readonly name: string;
  readonly source: Address;
  readonly destinations: readonly Address[];
  readonly ring_method: RingMethod;
  readonly answer_method: AnswerMethod;
  /** The leg that answered; null until one does. */
  readonly answer_call_id: string | null;
  /** Every leg placed so far, nested groups' legs included, in the order they were dialled. */
  readonly call_ids: readonly string[];
  readonly status: GroupCallStatus;
  readonly timeout_seconds: number;
  readonly tm_create: number;
  readonly tm_update: number | null;
  readonly tm_delete: number | null;
}
