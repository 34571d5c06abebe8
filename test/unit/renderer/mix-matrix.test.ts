import { describe, expect, it } from 'vitest';
import { SUPERVISOR_MODES, type SupervisorMode } from '../../../src-main/contract/conference.js';
import { HOST, hears, mixMatrix, type MixMember } from '../../../src-renderer/media/mix-matrix.js';

const B: MixMember = { id: 'b', role: 'participant' };
const C: MixMember = { id: 'c', role: 'participant' };
const sup = (mode: SupervisorMode, id = 's'): MixMember => ({ id, role: 'supervisor', mode });

function sorted(matrix: Map<string, string[]>): Record<string, string[]> {
  return Object.fromEntries([...matrix].map(([listener, speakers]) => [listener, [...speakers].sort()]));
}

describe('mix matrix', () => {
  it('a plain conference: everyone hears everyone but themselves; the host hears everyone', () => {
    expect(sorted(mixMatrix([B, C]))).toEqual({ host: ['b', 'c'], b: ['c', 'host'], c: ['b', 'host'] });
  });

  it('listen: the supervisor hears everyone and is heard by no one', () => {
    expect(sorted(mixMatrix([B, C, sup('listen')]))).toEqual({
      host: ['b', 'c'],
      b: ['c', 'host'],
      c: ['b', 'host'],
      s: ['b', 'c', 'host'],
    });
  });

  it('whisper: only the host (the agent) hears the supervisor', () => {
    expect(sorted(mixMatrix([B, sup('whisper')]))).toEqual({ host: ['b', 's'], b: ['host'], s: ['b', 'host'] });
  });

  it('barge: everyone hears the supervisor', () => {
    expect(sorted(mixMatrix([B, C, sup('barge')]))).toEqual({
      host: ['b', 'c', 's'],
      b: ['c', 'host', 's'],
      c: ['b', 'host', 's'],
      s: ['b', 'c', 'host'],
    });
  });

  it.each(SUPERVISOR_MODES)('nobody hears themselves (%s)', (mode) => {
    const members = [B, C, sup(mode)];
    for (const member of [HOST, ...members] as const) expect(hears(member, member)).toBe(false);
    const matrix = mixMatrix(members);
    for (const [listener, speakers] of matrix) expect(speakers).not.toContain(listener);
  });

  it.each(SUPERVISOR_MODES)('the customer hears the supervisor only in barge (%s)', (mode) => {
    expect(hears(B, sup(mode))).toBe(mode === 'barge');
    expect(hears(HOST, sup(mode))).toBe(mode !== 'listen');
    expect(hears(sup(mode), B)).toBe(true);
    expect(hears(sup(mode), HOST)).toBe(true);
  });

  it('two supervisors hear each other only when one barges', () => {
    expect(hears(sup('listen', 's1'), sup('whisper', 's2'))).toBe(false);
    expect(hears(sup('listen', 's1'), sup('barge', 's2'))).toBe(true);
  });

  it('eight participants: each hears seven others and the host', () => {
    const members: MixMember[] = Array.from({ length: 8 }, (_, i) => ({ id: `p${i}`, role: 'participant' }));
    const matrix = mixMatrix(members);
    for (const member of members) expect(matrix.get(member.id)).toHaveLength(8);
    expect(matrix.get(HOST)).toHaveLength(8);
  });
});
