/**
 * Seed 004 conformance of POST /calls validation: for every named error case, a request with
 * exactly that one defect gets the seed's status code and exact text; and the order is fixed.
 */
import { describe, expect, it } from 'vitest';
import { Settings } from '../../../../src-main/contract/settings.js';
import { validateCreateCall, type CreateCallContext } from '../../../../src-main/engine/contact-centre/create-call-request.js';

const NOW = Date.parse('2026-01-01T00:00:00Z');
const FUTURE = '2027-09-15T00:19:14.421Z';

function context(overrides: Partial<Record<string, unknown>> = {}, available = true): CreateCallContext {
  const settings = Settings.parse({
    agent: { email: 'agent@somedomain.com', name: 'Admin UJET', can_place_calls: true },
    outbound_numbers: ['+13392195276'],
    languages: ['en'],
    menus: [
      { id: 9, name: 'Lock Star', type: 'ivr' },
      { id: 10, name: 'App', type: 'mobile' },
      { id: 11, name: 'Web', type: 'web' },
      { id: 20, name: 'Late', type: 'ivr', state: 'after_hours' },
      { id: 21, name: 'Redirected', type: 'ivr', state: 'manual_redirection' },
      { id: 22, name: 'Late web', type: 'web', state: 'after_hours' },
      { id: 23, name: 'Redirected web', type: 'web', state: 'manual_redirection' },
    ],
    ...overrides,
  });
  return {
    settings,
    now: NOW,
    contactByTicket: (ticket) =>
      ticket === '71450' ? { id: 67, name: 'Ann', phone_number: '+18596579625', ticket_ids: ['71450'] } : undefined,
    resolveCallId: (id) => (String(id) === '514' ? '00000000-0000-4000-8000-000000000514' : undefined),
    agentAvailable: () => available,
  };
}

const outbound = {
  call_type: 'Voice Outbound (API)',
  agent_email: 'agent@somedomain.com',
  end_user_number: '+1 205-123-4567',
  lang: 'en',
};
const inbound = {
  call_type: 'Voice Inbound (API)',
  lang: 'en',
  menu_id: 9,
  end_user_number: '+1 859-657-9625',
  recording_permission: 'recording_permission_granted',
};
const scheduled = {
  call_type: 'Voice Scheduled (API)',
  lang: 'en',
  menu_id: 10,
  end_user_number: '+1 859-657-9625',
  scheduled_at: FUTURE,
  recording_permission: 'recording_permission_granted',
};

function without<T extends object>(body: T, key: keyof T): Partial<T> {
  const copy = { ...body };
  delete copy[key];
  return copy;
}

function refusal(body: unknown, ctx = context()): string {
  const outcome = validateCreateCall(body, ctx);
  if (outcome.ok) throw new Error('expected a refusal');
  expect(outcome.status).toBe(400);
  return outcome.message;
}

describe('the valid base requests', () => {
  it.each([
    ['outbound', outbound],
    ['inbound', inbound],
    ['scheduled', scheduled],
  ])('%s is accepted', (_name, body) => {
    expect(validateCreateCall(body, context()).ok).toBe(true);
  });

  it.each([
    ['OutboundCall', outbound, 'Voice Outbound (API)'],
    ['IncomingCall', inbound, 'Voice Inbound (API)'],
    ['ScheduledCall', scheduled, 'Voice Scheduled (API)'],
  ])('the deprecated alias %s is the current call type', (alias, body, current) => {
    const outcome = validateCreateCall({ ...body, call_type: alias }, context());
    expect(outcome.ok && outcome.plan.callType).toBe(current);
  });
});

describe('seed 004 error cases: one defect each, exact text', () => {
  const cases: Array<[string, unknown, string, CreateCallContext?]> = [
    ['invalid call type', { ...inbound, call_type: 'InvalidCallType' }, 'Invalid call type'],
    ['missing call type', without(outbound, 'call_type'), 'Invalid call type'],
    ['agent email required', without(outbound, 'agent_email'), 'Agent email required'],
    ['not a valid agent email', { ...outbound, agent_email: 'admin@somedomain.com' }, 'Not a valid agent email'],
    ['agent may not call', outbound, 'Agent does not have access to make calls', context({ agent: { email: 'agent@somedomain.com', can_place_calls: false } })],
    ['ticket_id or end_user_number required', without(outbound, 'end_user_number'), 'ticket_id or end_user_number required'],
    ['outbound end_user_number not well-formed', { ...outbound, end_user_number: '123123' }, 'end_user_number is not well-formed'],
    ['contact not found', { ...without(outbound, 'end_user_number'), ticket_id: 1 }, 'Contact not found'],
    ['agent not available', outbound, 'Agent is not available to take this call', context({}, false)],
    ['language not available', { ...outbound, lang: 'fr' }, "Language 'fr' is not available"],
    ['language not found', { ...outbound, lang: 'xy' }, "Language 'xy' is not found"],
    ['inbound language not available', { ...inbound, lang: 'fr' }, "Language 'fr' is not available"],
    ['scheduled language not found', { ...scheduled, lang: 'xy' }, "Language 'xy' is not found"],
    ['inbound menu_id required', without(inbound, 'menu_id'), 'menu_id is required'],
    ['inbound menu_id not well formed', { ...inbound, menu_id: 'menu_999' }, 'menu_id is not well formed'],
    ['inbound menu_id not found', { ...inbound, menu_id: 9999 }, 'menu_id 9999 is not found'],
    ['inbound web menu', { ...inbound, menu_id: 11 }, 'Only IVR and mobile menu IDs are permitted'],
    ['inbound after hours', { ...inbound, menu_id: 20 }, "Menu is in 'after hours' state, can't accept incoming calls"],
    ['inbound manual redirection', { ...inbound, menu_id: 21 }, "Menu is in 'manual redirection' state, can't accept calls"],
    ['inbound end_user_number required', without(inbound, 'end_user_number'), 'end_user_number is required'],
    ['inbound end_user_number not well formed', { ...inbound, end_user_number: '+1 999-657-12' }, 'end_user_number is not well formed'],
    ['inbound not available', inbound, 'Agent is not available to take this call', context({}, false)],
    ['scheduled menu_id required', without(scheduled, 'menu_id'), 'menu_id is required'],
    ['scheduled menu_id not well formed', { ...scheduled, menu_id: 'menu_999' }, 'menu_id is not well formed'],
    ['scheduled menu_id not found', { ...scheduled, menu_id: 9999 }, 'menu_id 9999 is not found'],
    ['scheduled IVR menu', { ...scheduled, menu_id: 9 }, 'Only mobile and web menu IDs are permitted'],
    ['scheduled after hours', { ...scheduled, menu_id: 22 }, "Menu is in 'after hours' state, can't accept incoming calls"],
    ['scheduled manual redirection', { ...scheduled, menu_id: 23 }, "Menu is in 'manual redirection' state, can't accept calls"],
    ['scheduled end_user_number required', without(scheduled, 'end_user_number'), 'end_user_number is required'],
    ['scheduled end_user_number not well formed', { ...scheduled, end_user_number: '+1 999-657-12' }, 'end_user_number is not well formed'],
    ['scheduled_at required', without(scheduled, 'scheduled_at'), 'scheduled_at is required'],
    ['scheduled_at in the past', { ...scheduled, scheduled_at: '2019-09-15T00:19:14.421Z' }, 'scheduled_at must be a future time in ISO 8601, e.g. 2030-01-31T09:30:00Z'],
    ['scheduled_at not a time', { ...scheduled, scheduled_at: 'tomorrow' }, 'scheduled_at must be a future time in ISO 8601, e.g. 2030-01-31T09:30:00Z'],
  ];
  it.each(cases)('%s', (_name, body, message, ctx) => {
    expect(refusal(body, ctx)).toBe(message);
  });
});

describe('the fixed order', () => {
  it('call type is checked before everything else', () => {
    expect(refusal({ call_type: 'nope', lang: 'xy' })).toBe('Invalid call type');
  });
  it('the agent before the language, the language before the number', () => {
    expect(refusal({ ...outbound, agent_email: 'x@y.z', lang: 'xy', end_user_number: '1' })).toBe('Not a valid agent email');
    expect(refusal({ ...outbound, lang: 'xy', end_user_number: '1' })).toBe("Language 'xy' is not found");
  });
  it('the menu before the language; availability last', () => {
    expect(refusal({ ...inbound, menu_id: 9999, lang: 'fr' })).toBe('menu_id 9999 is not found');
    expect(refusal({ ...outbound, end_user_number: '1' }, context({}, false))).toBe('end_user_number is not well-formed');
  });
});

describe('numbers', () => {
  it('ticket_id takes precedence over end_user_number', () => {
    const outcome = validateCreateCall({ ...outbound, ticket_id: '71450', end_user_number: 'garbage' }, context());
    expect(outcome.ok && outcome.plan.endUserNumber).toBe('+18596579625');
  });
  it('lang defaults to en', () => {
    const outcome = validateCreateCall(without(outbound, 'lang'), context());
    expect(outcome.ok && outcome.plan.lang).toBe('en');
  });
  it('several outbound numbers and no default: the agent must choose', () => {
    const outcome = validateCreateCall(outbound, context({ outbound_numbers: ['+13392195276', '+17608675309'] }));
    expect(outcome.ok && outcome.plan.mustChooseNumber).toBe(true);
  });
  it('the default outbound number is used when none is given', () => {
    const ctx = context({ outbound_numbers: ['+13392195276', '+17608675309'], default_outbound_number: '+17608675309' });
    const outcome = validateCreateCall(outbound, ctx);
    expect(outcome.ok && [outcome.plan.outboundNumber, outcome.plan.mustChooseNumber]).toEqual(['+17608675309', false]);
  });
  it('a given outbound number must be one of the desk’s', () => {
    expect(refusal({ ...outbound, outbound_number: '+1 760-410-8538' })).toBe(
      "outbound_number +17604108538 is not one of this desk's outbound numbers",
    );
  });
  it('a scheduled call may name the earlier call instead of a menu', () => {
    const outcome = validateCreateCall({ ...without(scheduled, 'menu_id'), call_id: 514 }, context());
    expect(outcome.ok && outcome.plan.parentId).toBe('00000000-0000-4000-8000-000000000514');
    expect(refusal({ ...without(scheduled, 'menu_id'), call_id: 999 })).toBe('call_id 999 is not found');
  });
  it('a non-object body is refused with a message', () => {
    expect(refusal([1, 2])).toBe('The request body must be a JSON object');
    expect(refusal(null)).toBe('The request body must be a JSON object');
  });
});
