/**
 * The engine's call record: the single source of truth for one call. Times are epoch
 * milliseconds inside the engine; the snapshot mapper turns them into each wire format.
 */
import type {
  CallState,
  CreateMethod,
  Direction,
  EndReason,
  Labels,
} from '../contract/call.js';

export interface CallRecord {
  readonly id: string;
  /** Assigned by the repository on insert: a 64-bit integer for seed 002's JSON-RPC. */
  readonly callid: number;
  readonly direction: Direction;
  readonly state: CallState;
  readonly end_reason: EndReason | null;
  readonly from: string;
  readonly to: string;
  readonly remote_name: string | null;
  readonly labels: Labels;
  readonly timeout_seconds: number;
  readonly create_method: CreateMethod;
  readonly originating_call: string | null;
  readonly sip_call_id: string | null;
  readonly error_code: string | null;
  readonly error_message: string | null;
  readonly create_time: number;
  readonly start_time: number | null;
  readonly ring_time: number | null;
  readonly answer_time: number | null;
  readonly end_time: number | null;
  readonly held: boolean;
  readonly muted: boolean;
}

/** A record before the repository has given it a callid. */
export type NewCallRecord = Omit<CallRecord, 'callid'>;
