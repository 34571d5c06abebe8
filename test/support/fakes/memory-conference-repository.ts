/** ConferenceRepository in memory, for engine unit tests. */
import type { ConferenceRecord, ConferencecallRecord } from '../../../src-main/engine/conference/conference-record.js';
import type { ConferenceRepository } from '../../../src-main/engine/ports/conference-repository.js';

export class MemoryConferenceRepository implements ConferenceRepository {
  readonly conferences = new Map<string, ConferenceRecord>();
  readonly calls = new Map<string, ConferencecallRecord>();

  insertConference(record: ConferenceRecord): void {
    this.conferences.set(record.id, record);
  }
  updateConference(record: ConferenceRecord): void {
    this.conferences.set(record.id, record);
  }
  getConference(id: string): ConferenceRecord | undefined {
    return this.conferences.get(id);
  }
  listConferences(limit: number): ConferenceRecord[] {
    return [...this.conferences.values()].reverse().slice(0, limit);
  }
  listLiveConferences(): ConferenceRecord[] {
    return [...this.conferences.values()].filter((c) => c.status !== 'terminated');
  }
  insertConferencecall(record: ConferencecallRecord): void {
    this.calls.set(record.id, record);
  }
  updateConferencecall(record: ConferencecallRecord): void {
    this.calls.set(record.id, record);
  }
  getConferencecall(id: string): ConferencecallRecord | undefined {
    return this.calls.get(id);
  }
  listConferencecallsOf(conferenceId: string): ConferencecallRecord[] {
    return [...this.calls.values()].filter((c) => c.conference_id === conferenceId);
  }
  listConferencecalls(limit: number): ConferencecallRecord[] {
    return [...this.calls.values()].reverse().slice(0, limit);
  }
  findActiveByCall(callId: string): ConferencecallRecord | undefined {
    return [...this.calls.values()].reverse().find((c) => c.reference_id === callId && c.status !== 'leaved');
  }
}
