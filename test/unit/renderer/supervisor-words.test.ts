import { describe, expect, it } from 'vitest';
import {
  presentSupervisors,
  supervisorChanges,
  supervisorSentence,
  type SupervisorMember,
} from '../../../src-renderer/components/conference/supervisor-words.js';

const sam = (over: Partial<SupervisorMember> = {}): SupervisorMember => ({
  id: 'cc-sam',
  role: 'supervisor',
  status: 'joined',
  supervisor_name: 'Sam Supervisor',
  supervisor_mode: 'listen',
  ...over,
});
const customer: SupervisorMember = { id: 'cc-customer', role: 'participant', status: 'joined', supervisor_name: null, supervisor_mode: null };

describe('what the agent is told about supervisors', () => {
  it('names the supervisor and what they are doing, in each mode', () => {
    expect(supervisorSentence(sam())).toBe('Sam Supervisor is listening');
    expect(supervisorSentence(sam({ supervisor_mode: 'whisper' }))).toBe('Sam Supervisor is whispering to you');
    expect(supervisorSentence(sam({ supervisor_mode: 'barge' }))).toBe('Sam Supervisor is speaking to everyone');
    expect(supervisorSentence(sam({ supervisor_name: ' ' }))).toBe('A supervisor is listening');
  });

  it('counts joining and joined supervisors as present, not participants or those leaving', () => {
    const present = presentSupervisors([customer, sam({ id: 'a', status: 'joining' }), sam({ id: 'b' }), sam({ id: 'c', status: 'leaving' }), sam({ id: 'd', status: 'leaved' })]);
    expect(present.map((m) => m.id)).toEqual(['a', 'b']);
  });

  it('says when a supervisor comes on, switches mode and leaves, and nothing otherwise', () => {
    expect(supervisorChanges([customer], [customer, sam({ status: 'joining' })])).toEqual(['Sam Supervisor is listening']);
    expect(supervisorChanges([customer, sam({ status: 'joining' })], [customer, sam()])).toEqual([]);
    expect(supervisorChanges([sam()], [sam({ supervisor_mode: 'whisper' })])).toEqual(['Sam Supervisor is now whispering to you']);
    expect(supervisorChanges([sam({ supervisor_mode: 'whisper' })], [sam({ supervisor_mode: 'barge', status: 'leaving' })])).toEqual([
      'Sam Supervisor has left the call',
    ]);
    expect(supervisorChanges([sam()], [])).toEqual(['Sam Supervisor has left the call']);
    expect(supervisorChanges([customer], [])).toEqual([]);
  });

  it('tells about two supervisors at once, each by name', () => {
    const alex = sam({ id: 'cc-alex', supervisor_name: 'Alex Lead', supervisor_mode: 'barge' });
    expect(supervisorChanges([sam()], [alex])).toEqual(['Alex Lead is speaking to everyone', 'Sam Supervisor has left the call']);
  });
});
