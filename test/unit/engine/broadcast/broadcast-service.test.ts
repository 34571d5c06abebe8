/** Seed 002's broadcast status machine on the real engine with a fake clock and telephony port. */
import { describe, expect, it } from 'vitest';
import {
  BROADCAST_STATUSES,
  BroadcastService,
  canMoveBroadcast,
  TTS_MISSING,
  type BroadcastStatus,
} from '../../../../src-main/engine/broadcast/broadcast-service.js';
import { CallPlayback } from '../../../../src-main/engine/playback/call-playback.js';
import { engineHarness } from '../../../support/fakes/engine-harness.js';

function setUp() {
  const harness = engineHarness();
  let n = 0;
  const ids = { uuid: () => `10000000-0000-4000-8000-${String(++n).padStart(12, '0')}` };
  const playback = new CallPlayback(harness.engine, ids);
  const broadcasts = new BroadcastService(harness.engine, ids, playback);
  return { ...harness, playback, broadcasts };
}

/** Lets the answer's announcement reach every listener (the play command follows it). */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('broadcast status machine', () => {
  const allowed: Array<[BroadcastStatus, BroadcastStatus]> = [
    ['queued', 'dialling'],
    ['queued', 'playing'],
    ['queued', 'failed'],
    ['dialling', 'playing'],
    ['dialling', 'failed'],
    ['playing', 'done'],
    ['playing', 'failed'],
  ];
  for (const from of BROADCAST_STATUSES) {
    for (const to of BROADCAST_STATUSES) {
      const expected = allowed.some(([a, b]) => a === from && b === to);
      it(`${from} → ${to} is ${expected ? 'allowed' : 'refused'}`, () => {
        expect(canMoveBroadcast(from, to)).toBe(expected);
      });
    }
  }
});

describe('BroadcastService', () => {
  it('goes queued → dialling → playing → done, plays the media ids in order, then hangs up', async () => {
    const t = setUp();
    const broadcast = t.broadcasts.start('1002', [3, 1]);
    expect(broadcast.status).toBe('queued');
    const callId = broadcast.call_id!;
    t.engine.legEvent({ type: 'started', call_id: callId, sip_call_id: 'x' });
    t.engine.legEvent({ type: 'ringing', call_id: callId });
    expect(broadcast.status).toBe('dialling');
    t.engine.legEvent({ type: 'answered', call_id: callId });
    expect(broadcast.status).toBe('playing');
    await settle();
    const play = t.telephony.ofType('play')[0]!;
    expect(play).toMatchObject({ call_id: callId, media_ids: [3, 1] });
    expect(t.telephony.ofType('bye')).toHaveLength(0);

    t.engine.legEvent({ type: 'playback_ended', call_id: callId, playback_id: play.playback_id, outcome: 'finished' });
    expect(broadcast.status).toBe('done');
    expect(t.telephony.ofType('bye')).toHaveLength(1);
    expect(t.engine.getCall(callId).state).toBe('COMPLETED');
    // The hang-up's own end never turns done into failed.
    t.engine.legEvent({ type: 'ended', call_id: callId, end: { by: 'local' } });
    expect(broadcast.status).toBe('done');
  });

  it('fails with the desk’s reason when the audio cannot be played, and hangs up', async () => {
    const t = setUp();
    const broadcast = t.broadcasts.start('1002', [1]);
    const callId = broadcast.call_id!;
    t.engine.legEvent({ type: 'answered', call_id: callId });
    await settle();
    const play = t.telephony.ofType('play')[0]!;
    t.engine.legEvent({ type: 'playback_ended', call_id: callId, playback_id: play.playback_id, outcome: 'failed', message: 'media 1 (audio/wav) could not be decoded' });
    expect(broadcast).toMatchObject({ status: 'failed', reason: 'Playing the messages failed: media 1 (audio/wav) could not be decoded' });
    expect(t.engine.getCall(callId).state).toBe('COMPLETED');
  });

  it('records the reasons: far end hung up mid-message, busy before answer', async () => {
    const t = setUp();
    const playing = t.broadcasts.start('1002', [1]);
    t.engine.legEvent({ type: 'answered', call_id: playing.call_id! });
    await settle();
    t.engine.legEvent({ type: 'ended', call_id: playing.call_id!, end: { by: 'remote' } });
    expect(playing).toMatchObject({ status: 'failed', reason: 'The far end hung up before every message was played' });

    const busy = t.broadcasts.start('1003', [1]);
    t.engine.legEvent({ type: 'ringing', call_id: busy.call_id! });
    t.engine.legEvent({ type: 'ended', call_id: busy.call_id!, end: { by: 'remote', status_code: 486 } });
    expect(busy).toMatchObject({ status: 'failed', reason: 'The call ended BUSY before the messages were played' });
  });

  it('a stopped playback (calls.realtime_break) fails the broadcast and hangs up', async () => {
    const t = setUp();
    const broadcast = t.broadcasts.start('1002', [1]);
    t.engine.legEvent({ type: 'answered', call_id: broadcast.call_id! });
    await settle();
    expect(t.playback.stop(broadcast.call_id!)).toBe(true);
    expect(t.telephony.ofType('stop_playback')).toHaveLength(1);
    expect(broadcast).toMatchObject({ status: 'failed', reason: 'The playback was stopped before every message was played' });
    expect(t.engine.getCall(broadcast.call_id!).state).toBe('COMPLETED');
    expect(t.playback.stop(broadcast.call_id!)).toBe(false);
  });

  it('a text-to-speech message fails the broadcast at once, without dialling', () => {
    const t = setUp();
    const broadcast = t.broadcasts.start('1002', [1, 'TTS|EN_GB_DANIEL|Hello']);
    expect(broadcast).toMatchObject({ status: 'failed', reason: TTS_MISSING, call_id: null });
    expect(t.broadcasts.get(broadcast.request_id)).toBe(broadcast);
    expect(t.telephony.ofType('dial')).toHaveLength(0);
  });

  it('a late playback report for a replaced playback is ignored', async () => {
    const t = setUp();
    const broadcast = t.broadcasts.start('1002', [1]);
    t.engine.legEvent({ type: 'answered', call_id: broadcast.call_id! });
    await settle();
    t.engine.legEvent({ type: 'playback_ended', call_id: broadcast.call_id!, playback_id: 'someone-else', outcome: 'finished' });
    expect(broadcast.status).toBe('playing');
  });
});
