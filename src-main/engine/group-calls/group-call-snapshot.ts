/** The engine's group call record → seed 000's wire shape. */
import { NIL_UUID, seedTime, type GroupCall } from '../../contract/group-call.js';
import type { GroupCallRecord } from './group-call-record.js';

export function toGroupCallSnapshot(record: GroupCallRecord): GroupCall {
  return {
    id: record.id,
    customer_id: record.customer_id,
    name: record.name,
    source: { ...record.source },
    destinations: record.destinations.map((address) => ({ ...address })),
    ring_method: record.ring_method,
    answer_method: record.answer_method,
    answer_call_id: record.answer_call_id ?? NIL_UUID,
    call_ids: [...record.call_ids],
    status: record.status,
    timeout_seconds: record.timeout_seconds,
    tm_create: seedTime(record.tm_create),
    tm_update: seedTime(record.tm_update),
    tm_delete: seedTime(record.tm_delete),
  };
}
