/**
 * One unit of the host's work reaches each desk as one batch (browser mode: one WebSocket frame),
 * so a busy page handles a ring group's twenty dial commands in one task instead of forty.
 */
import { describe, expect, it } from 'vitest';
import { DeskHub, type DeskMessage } from '../../../src-main/transport/desk-hub.js';

const CALL = '00000000-0000-4000-8000-000000000001';

function batchingConnection(id: string) {
  const singles: DeskMessage[] = [];
  const batches: DeskMessage[][] = [];
  return {
    id,
    singles,
    batches,
    send: (event: string, payload: unknown) => singles.push({ event, payload }),
    sendBatch: (messages: readonly DeskMessage[]) => batches.push([...messages]),
  };
}

function deskWithTab() {
  const hub = new DeskHub({ onDeskLost: () => undefined });
  const desk = batchingConnection('desk');
  const tab = batchingConnection('tab');
  hub.attach(desk);
  hub.attach(tab);
  desk.singles.length = 0;
  tab.singles.length = 0;
  return { hub, desk, tab };
}

describe('desk hub delivery per unit of work', () => {
  it('holds what a unit of work sends and delivers it as one batch per connection, in order', () => {
    const { hub, desk, tab } = deskWithTab();
    hub.inOneDelivery(() => {
      hub.broadcast('agent.status', { status: 'available' } as never);
      hub.send({ type: 'answer', call_id: CALL });
      hub.send({ type: 'mute', call_id: CALL, on: true });
      expect(desk.batches).toEqual([]); // nothing leaves while the work runs
    });
    expect(desk.singles).toEqual([]);
    expect(desk.batches).toEqual([
      [
        { event: 'agent.status', payload: { status: 'available' } },
        { event: 'telephony.command', payload: { type: 'answer', call_id: CALL } },
        { event: 'telephony.command', payload: { type: 'mute', call_id: CALL, on: true } },
      ],
    ]);
    // The passive tab gets the broadcast, never a command; one message needs no batch.
    expect(tab.batches).toEqual([]);
    expect(tab.singles).toEqual([{ event: 'agent.status', payload: { status: 'available' } }]);
  });

  it('delivers what was sent even when the work throws, and passes the error on', () => {
    const { hub, desk } = deskWithTab();
    expect(() =>
      hub.inOneDelivery(() => {
        hub.send({ type: 'answer', call_id: CALL });
        hub.send({ type: 'bye', call_id: CALL });
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(desk.batches.flat().map((message) => (message.payload as { type: string }).type)).toEqual(['answer', 'bye']);
  });

  it('a nested unit joins the outer one; outside any unit a message leaves at once', () => {
    const { hub, desk } = deskWithTab();
    hub.inOneDelivery(() => {
      hub.send({ type: 'answer', call_id: CALL });
      hub.inOneDelivery(() => hub.send({ type: 'bye', call_id: CALL }));
      expect(desk.batches).toEqual([]);
    });
    expect(desk.batches).toHaveLength(1);
    expect(desk.batches[0]).toHaveLength(2);
    hub.send({ type: 'answer', call_id: CALL });
    expect(desk.singles).toEqual([{ event: 'telephony.command', payload: { type: 'answer', call_id: CALL } }]);
  });

  it('commands sent at once leave during the unit, after what it held so far; the rest waits for its end', () => {
    const { hub, desk, tab } = deskWithTab();
    const OTHER = '00000000-0000-4000-8000-000000000002';
    hub.inOneDelivery(() => {
      hub.broadcast('agent.status', { status: 'available' } as never);
      expect(hub.sendAtOnce([{ type: 'cancel', call_id: CALL }, { type: 'cancel', call_id: OTHER }])).toBe(true);
      // Out now, in one batch, behind the message held before them.
      expect(desk.batches).toEqual([
        [
          { event: 'agent.status', payload: { status: 'available' } },
          { event: 'telephony.command', payload: { type: 'cancel', call_id: CALL } },
          { event: 'telephony.command', payload: { type: 'cancel', call_id: OTHER } },
        ],
      ]);
      hub.send({ type: 'answer', call_id: OTHER });
      expect(desk.batches).toHaveLength(1);
    });
    // What the unit sent after them left at its end (one message: no batch needed).
    expect(desk.batches).toHaveLength(1);
    expect(desk.singles).toEqual([{ event: 'telephony.command', payload: { type: 'answer', call_id: OTHER } }]);
    // The passive tab's broadcast still waits for the unit's end; commands never reach it.
    expect(tab.singles).toEqual([{ event: 'agent.status', payload: { status: 'available' } }]);
  });

  it('commands sent at once with no desk connected are refused', () => {
    const hub = new DeskHub({ onDeskLost: () => undefined });
    expect(hub.sendAtOnce([{ type: 'cancel', call_id: CALL }])).toBe(false);
  });

  it('a carrier without batches gets the messages one by one, in order', () => {
    const hub = new DeskHub({ onDeskLost: () => undefined });
    const received: string[] = [];
    hub.attach({ id: 'ipc', send: (event, payload) => received.push(`${event}:${(payload as { type?: string }).type ?? ''}`) });
    received.length = 0;
    hub.inOneDelivery(() => {
      hub.send({ type: 'answer', call_id: CALL });
      hub.send({ type: 'bye', call_id: CALL });
    });
    expect(received).toEqual(['telephony.command:answer', 'telephony.command:bye']);
  });
});
