/** Conference and conferencecall records as the engine keeps them (times in epoch ms, null = not yet). */
import type {
  ConferenceStatus,
  ConferencecallRole,
  ConferencecallStatus,
  SupervisorMode,
} from '../../contract/conference.js';

export interface ConferenceRecord {
  readonly id: string;
  readonly customer_id: string;
  readonly name: string;
  readonly status: ConferenceStatus;
  readonly tm_create: number;
  readonly tm_update: number;
  readonly tm_delete: number | null;
}

export interface ConferencecallRecord {
  readonly id: string;
  readonly customer_id: string;
  readonly conference_id: string;
  /** The call's UUID id (reference_type is always `call`). */
  readonly reference_id: string;
  readonly status: ConferencecallStatus;
  readonly role: ConferencecallRole;
  readonly supervisor_mode: SupervisorMode | null;
  readonly supervisor_name: string | null;
  readonly tm_create: number;
  readonly tm_update: number;
  readonly tm_delete: number | null;
}
