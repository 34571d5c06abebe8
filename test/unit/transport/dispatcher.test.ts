import { describe, expect, it } from 'vitest';
import { DeskError } from '../../../src-main/contract/result.js';
import type { Logger } from '../../../src-main/engine/ports/logger.js';
import { createConferenceHandlers } from '../../../src-main/host/conference-handlers.js';
import { createDeskHandlers } from '../../../src-main/host/desk-handlers.js';
import { DeskHub } from '../../../src-main/transport/desk-hub.js';
import { createDispatcher, type MethodHandlers } from '../../../src-main/transport/dispatcher.js';
import { conferenceHarness } from '../../support/fakes/conference-harness.js';
import { groupCallHarness } from '../../support/fakes/group-call-harness.js';

const desk = { connectionId: 'c1', isActiveDesk: true };
const passive = { connectionId: 'c2', isActiveDesk: false };

function setup() {
  const harness = conferenceHarness();
  const errors: string[] = [];
  const logger: Logger = { info: () => undefined, warn: () => undefined, error: (m) => errors.push(m) };
  const hub = new DeskHub({ onDeskLost: () => harness.engine.deskLost() });
  const settings = { current: () => harness.settings, update: () => harness.settings, onChange: () => () => undefined };
  const unused = () => {
    throw new Error('not used here');
  };
  const handlers: MethodHandlers = {
    ...createDeskHandlers(harness.engine, settings as never, hub, groupCallHarness().groupCalls),
    ...createConferenceHandlers(harness.engine, harness.conferences),
    'api.pending_number_choices': unused,
    'api.choose_outbound_number': unused,
    'api.decline_outbound_number': unused,
    'api.regenerate_token': unused,
    'api.media_read': unused,
    'desk.take_dial_request': unused,
    'contacts.list': unused,
    'callbacks.list': unused,
    'callbacks.schedule': unused,
    'callbacks.reschedule': unused,
    'callbacks.cancel': unused,
    'callbacks.accept': unused,
    'callbacks.dismiss': unused,
    'callbacks.prompts': unused,
    'contacts.create': unused,
    'contacts.update': unused,
  };
  return { ...harness, dispatch: createDispatcher(handlers, logger), errors, handlers };
}

describe('dispatcher', () => {
  it.each([
    [undefined, 'Unknown method undefined'],
    [42, 'Unknown method 42'],
    ['calls.nope', 'Unknown method "calls.nope"'],
    ['__proto__', 'Unknown method "__proto__"'],
    ['constructor', 'Unknown method "constructor"'],
  ])('refuses the method %s', async (method, message) => {
    const { dispatch } = setup();
    expect(await dispatch(method, {}, desk)).toEqual({ ok: false, error: { code: 'unknown_method', message } });
  });

  it.each([
    ['calls.dial', null, 'target'],
    ['calls.dial', { target: '' }, 'target: Type a number or SIP address to call'],
    ['calls.dial', { target: 1002 }, 'target'],
    ['calls.dial', { target: '1002', extra: true }, 'extra'],
    ['calls.answer', { id: 'not-a-uuid' }, 'id: id must be a call id (UUID)'],
    ['calls.dtmf', { id: '00000000-0000-4000-8000-000000000001', digits: 'x' }, 'digits: DTMF digits are 0-9, *, #, A-D'],
    ['calls.history', { limit: 10_000 }, 'limit'],
    ['agent.set_status', { status: 'asleep' }, 'status'],
    ['settings.update', { sip: { server: 'http://x' } }, 'sip.server: must be a WebSocket URL'],
    ['settings.update', { sip: { password: 5 } }, 'sip.password'],
    ['settings.update', { nonsense: {} }, 'nonsense'],
  ])('%s with %j is a bad_request naming %s', async (method, params, fragment) => {
    const { dispatch, calls } = setup();
    const result = await dispatch(method, params, desk);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('bad_request');
      expect(result.error.message).toContain(fragment);
    }
    expect(calls.records.size).toBe(0);
  });

  it('only the active desk may report telephony', async () => {
    const { dispatch, calls } = setup();
    const result = await dispatch(
      'sip.incoming',
      { sip_call_id: 'x', from_uri: 'sip:a@b', from_name: null, to_uri: 'sip:c@d' },
      passive,
    );
    expect(result).toMatchObject({ ok: false, error: { code: 'not_active_desk' } });
    expect(calls.records.size).toBe(0);
  });

  it('passes a DeskError through with its code and message', async () => {
    const { dispatch } = setup();
    const result = await dispatch('calls.get', { id: '00000000-0000-4000-8000-00000000ffff' }, desk);
    expect(result).toEqual({
      ok: false,
      error: { code: 'not_found', message: 'No call with id 00000000-0000-4000-8000-00000000ffff' },
    });
  });

  it('turns a handler bug into an internal error and logs it, without throwing', async () => {
    const { handlers, errors } = setup();
    const broken: MethodHandlers = {
      ...handlers,
      'calls.get': () => {
        throw new TypeError('boom');
      },
    };
    const dispatch = createDispatcher(broken, {
      info: () => undefined,
      warn: () => undefined,
      error: (m) => errors.push(m),
    });
    const result = await dispatch('calls.get', { id: '00000000-0000-4000-8000-000000000001' }, desk);
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(errors).toEqual(['handler failed']);
    expect(new DeskError('internal', 'x')).toBeInstanceOf(Error);
  });

  it('answers a valid request with the value', async () => {
    const { dispatch } = setup();
    const result = await dispatch('calls.dial', { target: '1002' }, desk);
    expect(result).toMatchObject({ ok: true, value: { state: 'QUEUED', to: 'sip:1002@sip.test' } });
  });
});

describe('desk hub', () => {
  function connection(id: string) {
    const received: Array<{ event: string; payload: unknown }> = [];
    return { id, received, send: (event: string, payload: unknown) => received.push({ event, payload }) };
  }

  it('the first connection is the desk; a second is told the desk is elsewhere', () => {
    const hub = new DeskHub({ onDeskLost: () => undefined });
    const a = connection('a');
    const b = connection('b');
    hub.attach(a);
    hub.attach(b);
    expect(a.received).toEqual([{ event: 'desk.role', payload: { active: true } }]);
    expect(b.received).toEqual([{ event: 'desk.role', payload: { active: false } }]);
    expect(hub.send({ type: 'answer', call_id: '00000000-0000-4000-8000-000000000001' })).toBe(true);
    expect(a.received.at(-1)?.event).toBe('telephony.command');
    expect(b.received.some((frame) => frame.event === 'telephony.command')).toBe(false);
  });

  it('take-over moves the desk and ends the old desk’s calls', () => {
    let lost = 0;
    const hub = new DeskHub({ onDeskLost: () => lost++ });
    const a = connection('a');
    const b = connection('b');
    hub.attach(a);
    hub.attach(b);
    hub.takeover('b');
    expect(hub.isActive('b')).toBe(true);
    expect(a.received.at(-1)).toEqual({ event: 'desk.role', payload: { active: false } });
    expect(b.received.at(-1)).toEqual({ event: 'desk.role', payload: { active: true } });
    expect(lost).toBe(1);
  });

  it('losing the active desk reports it; losing a passive tab does not', () => {
    let lost = 0;
    const hub = new DeskHub({ onDeskLost: () => lost++ });
    hub.attach(connection('a'));
    hub.attach(connection('b'));
    hub.detach('b');
    expect(lost).toBe(0);
    hub.detach('a');
    expect(lost).toBe(1);
    expect(hub.isConnected()).toBe(false);
    expect(hub.send({ type: 'answer', call_id: '00000000-0000-4000-8000-000000000001' })).toBe(false);
  });
});
