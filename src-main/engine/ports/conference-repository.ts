import type { ConferenceRecord, ConferencecallRecord } from '../conference/conference-record.js';

/** Where conferences and their conferencecalls live. Synchronous; durable when a method returns. */
export interface ConferenceRepository {
  insertConference(record: ConferenceRecord): void;
  updateConference(record: ConferenceRecord): void;
  getConference(id: string): ConferenceRecord | undefined;
  /** Newest first. */
  listConferences(limit: number): ConferenceRecord[];
  /** Conferences not terminated, oldest first. */
  listLiveConferences(): ConferenceRecord[];

  insertConferencecall(record: ConferencecallRecord): void;
  updateConferencecall(record: ConferencecallRecord): void;
  getConferencecall(id: string): ConferencecallRecord | undefined;
  /** In join order. */
  listConferencecallsOf(conferenceId: string): ConferencecallRecord[];
  /** Newest first. */
  listConferencecalls(limit: number): ConferencecallRecord[];
  /** The conferencecall of this call that has not left yet, if any. */
  findActiveByCall(callId: string): ConferencecallRecord | undefined;
}
