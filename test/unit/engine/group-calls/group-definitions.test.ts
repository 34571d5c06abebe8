/** Saved group definitions (settings group_definitions): nested by name, never rung by themselves. */
import { describe, expect, it } from 'vitest';
import type { Address } from '../../../../src-main/contract/group-call.js';
import { GroupDefinitions } from '../../../../src-main/contract/group-definition.js';
import { DeskError } from '../../../../src-main/contract/result.js';
import { groupCallHarness } from '../../../support/fakes/group-call-harness.js';

const endpoint = (target: string): Address => ({ type: 'endpoint', target, target_name: '', name: '', detail: '' });
const nest = (target: string): Address => ({ type: 'groupcall', target, target_name: '', name: '', detail: '' });

function harnessWith(definitions: unknown[]) {
  const h = groupCallHarness();
  h.settings.group_definitions = GroupDefinitions.parse(definitions);
  return h;
}

function messageOf(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(DeskError);
    return (error as DeskError).message;
  }
  throw new Error('did not throw');
}

describe('saved group definitions', () => {
  it('a definition rings nothing and creates no group call until a group call nests it', () => {
    const h = harnessWith([{ name: 'Backline', ring_method: 'linear', destinations: [endpoint('1003'), endpoint('1004')] }]);
    expect(h.telephony.ofType('dial')).toEqual([]);
    expect(h.groupCalls.list()).toEqual([]);

    const group = h.groupCalls.create({ name: 'Front', destinations: [endpoint('1002'), nest('backline')], ring_method: 'ring_all' });
    // Nested by name (case-insensitive), with its own ring method: linear rings 1003 first, 1004 waits.
    expect(h.telephony.ofType('dial').map((dial) => dial.uri)).toEqual(['sip:1002@sip.test', 'sip:1003@sip.test']);
    h.engine.legEvent({ type: 'ended', call_id: group.call_ids[1]!, end: { by: 'remote', status_code: 603 } });
    expect(h.telephony.ofType('dial').map((dial) => dial.uri)).toEqual(['sip:1002@sip.test', 'sip:1003@sip.test', 'sip:1004@sip.test']);
    expect(h.groupCalls.list().map((g) => g.name)).toEqual(['Front']);
  });

  it('definitions nest definitions; a cycle among them is refused when rung, dialling nothing', () => {
    const h = harnessWith([
      { name: 'A', destinations: [endpoint('1002'), nest('B')] },
      { name: 'B', destinations: [nest('a')] },
    ]);
    expect(messageOf(() => h.groupCalls.create({ name: 'Top', destinations: [nest('A')] }))).toBe(
      'groupcall destinations form a cycle: Top → A → B → A',
    );
    expect(h.telephony.ofType('dial')).toEqual([]);
    expect(h.groupCalls.list()).toEqual([]);
  });

  it('a definition wins over an older group call with the same name; an id still names that group call', () => {
    const h = harnessWith([{ name: 'Sales', destinations: [endpoint('1004')] }]);
    const placed = h.groupCalls.create({ name: 'Sales', destinations: [endpoint('1002')] });
    h.groupCalls.hangup(placed.id);
    h.telephony.sent.length = 0;
    h.groupCalls.create({ name: 'ByName', destinations: [nest('Sales')] });
    h.groupCalls.create({ name: 'ById', destinations: [nest(placed.id)] });
    expect(h.telephony.ofType('dial').map((dial) => dial.uri)).toEqual(['sip:1004@sip.test', 'sip:1002@sip.test']);
  });

  it('a bad destination inside a definition is refused when it is rung', () => {
    const h = harnessWith([{ name: 'Broken', destinations: [{ type: 'agent', target: 'nobody@example.com' }] }]);
    expect(messageOf(() => h.groupCalls.create({ destinations: [nest('Broken')] }))).toContain('is not in the agent directory');
  });

  it.each([
    [[{ name: 'X', destinations: [] }], 'destinations must list at least one address'],
    [[{ name: '', destinations: [endpoint('1')] }], 'a saved group needs a name'],
    [[{ name: 'X', destinations: [endpoint('1')] }, { name: 'x', destinations: [endpoint('2')] }], 'listed twice'],
    [[{ name: 'X', destinations: [{ type: 'fax', target: '1' }] }], 'unknown destination type "fax"'],
  ])('settings refuse a bad definition list %#', (definitions, message) => {
    const parsed = GroupDefinitions.safeParse(definitions);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((issue) => issue.message).join('; ')).toContain(message);
  });
});
