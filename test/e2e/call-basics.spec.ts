/**
 * The spine, end to end: two agents in browser mode register with a real Kamailio, call each
 * other through it in real Chromium, and remember the call in their real SQLite files.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import type { KamailioServer } from '../support/kamailio.js';
import { expectRemoteTone, inboundBytes, liveCallIds, remoteToneLevels, waitRegistered, type Desk } from '../support/desk-app.js';
import { seedFinishedCalls, storedCalls } from '../support/desk-records.js';
import { measureTones } from '../support/tones.js';
import { openBaselinePeer, startBaselineServer, type BaselinePeer } from '../support/baseline/index.js';
import {
  answer,
  closeDesks,
  dial,
  expectAudioFlowing,
  invokeDesk,
  kamailioForTests,
  onlyCall,
  recordMicrophoneOpens,
  recordSentFrames,
  recordSentSip,
  registeredDesk,
  replaceMicrophone,
  USERS,
} from './desk-fixtures.js';

let kamailio: KamailioServer;
let a: Desk | undefined;
let b: Desk | undefined;

test.beforeAll(async () => {
  kamailio = await kamailioForTests();
});
test.afterAll(async () => {
  await kamailio?.stop();
});
test.afterEach(async () => {
  await closeDesks(a, b);
  a = b = undefined;
});

test('A calls B, B answers, audio flows both ways, A hangs up, both histories show COMPLETED', async () => {
  a = await registeredDesk(kamailio, '1001', { tone: 440 });
  b = await registeredDesk(kamailio, '1002', { tone: 1000 });

  await dial(a.page, '1002');
  await expect(b.page.getByRole('button', { name: 'Answer', exact: true })).toBeVisible({ timeout: 15_000 });
  await expect(b.page.getByText(/1001/).first()).toBeVisible();
  await answer(b.page);

  const callA = await onlyCall(a.page);
  const callB = await onlyCall(b.page);
  await expectAudioFlowing(a.page, callA);
  await expectAudioFlowing(b.page, callB);
  await a.page.waitForTimeout(1000); // a plausible answer duration

  await a.page.getByRole('button', { name: 'Hang up', exact: true }).click();
  await expect.poll(() => liveCallIds(b!.page), { timeout: 10_000 }).toEqual([]);
  await expect(b.page.getByRole('button', { name: 'Hang up', exact: true })).toHaveCount(0);

  for (const desk of [a, b]) {
    await expect.poll(() => storedCalls(desk.host.dataDir).map((c) => c.state)).toEqual(['COMPLETED']);
    const [call] = storedCalls(desk.host.dataDir);
    expect(call!.end_reason).toBe('completed');
    expect(call!.ring_time).not.toBeNull();
    expect(call!.answer_time).toBeGreaterThanOrEqual(call!.ring_time!);
    const seconds = (call!.end_time! - call!.answer_time!) / 1000;
    expect(seconds).toBeGreaterThan(0.9);
    expect(seconds).toBeLessThan(30);
  }
  expect(storedCalls(a.host.dataDir)[0]!.direction).toBe('OUTGOING');
  expect(storedCalls(b.host.dataDir)[0]!.direction).toBe('INCOMING');

  // History in the UI, newest first, survives a restart of the host.
  await a.host.stop();
  await a.host.start();
  await a.page.reload();
  await waitRegistered(a.page);
  await expect(a.page.getByRole('region', { name: /history/i }).getByText('Answered').first()).toBeVisible();
});

test('while a call rings the caller hears a ringback and the agent a ringtone; both stop at the answer and come back for the next call', async () => {
  a = await registeredDesk(kamailio, '1001');
  b = await registeredDesk(kamailio, '1002');
  // Both tones are 440 + 480 Hz, 2 s on, 4 s off here (the ringtone always; the ringback for the
  // desks' default country, US). A window longer than the 4 s pause always holds some of the
  // tone, so each reading takes the loudest moment.
  const loudest = (desk: Desk, tone: 'ringback' | 'ringtone'): Promise<number[]> =>
    measureTones(desk.page, `window.__softphoneTones.${tone}()`, [440, 480, 3000], { durationMs: 4500, statistic: 'max' }).then(
      (measured) => measured.levels,
    );
  const expectTone = ([at440, at480, at3000]: number[]): void => {
    expect(at440).toBeGreaterThan(-50);
    expect(at480).toBeGreaterThan(-50);
    expect(at3000).toBeLessThan(at440! - 20); // the energy is at the tone's frequencies, not broadband
  };
  const expectSilence = ([at440, at480]: number[]): void => {
    expect(at440).toBeLessThan(-100);
    expect(at480).toBeLessThan(-100);
  };

  // The second call proves the tones come back after they have been idle (their audio is
  // suspended between rings).
  for (let call = 0; call < 2; call++) {
    await dial(a.page, '1002');
    await expect(b.page.getByRole('button', { name: 'Answer', exact: true })).toBeVisible({ timeout: 15_000 });
    // B shows its ring a moment before its 180 reaches A; the ringback's audio exists from the
    // first 180 on (and the 4.5 s window covers the second call's start).
    await expect.poll(() => a!.page.evaluate('Boolean(window.__softphoneTones?.ringback?.())'), { timeout: 10_000 }).toBe(true);
    const [ringback, ringtone] = await Promise.all([loudest(a, 'ringback'), loudest(b, 'ringtone')]);
    expectTone(ringback);
    expectTone(ringtone);

    await answer(b.page);
    // Hold is enabled once the caller's call is connected (IN_PROGRESS).
    await expect(a.page.getByRole('button', { name: 'Hold', exact: true })).toBeEnabled({ timeout: 10_000 });
    const [ringbackAfter, ringtoneAfter] = await Promise.all([loudest(a, 'ringback'), loudest(b, 'ringtone')]);
    expectSilence(ringbackAfter);
    expectSilence(ringtoneAfter);

    await a.page.getByRole('button', { name: 'Hang up', exact: true }).click();
    await expect.poll(() => liveCallIds(b!.page), { timeout: 10_000 }).toEqual([]);
  }
});

/** Uncheck one of Settings → Audio's checkboxes, save, and wait until settings.json holds it. */
async function turnOffAudioSetting(desk: Desk, label: string, key: string): Promise<void> {
  await desk.page.getByRole('button', { name: /^Settings/ }).click();
  await desk.page.getByRole('checkbox', { name: label }).uncheck();
  await desk.page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect.poll(() => JSON.parse(readFileSync(join(desk.host.dataDir, 'settings.json'), 'utf8')).audio?.[key]).toBe(false);
}

/**
 * A far end that stands in for a carrier, registered as 1002: `desk` calls it, it rings (180),
 * then sends its own audio (its 1000 Hz microphone) in a 183 with SDP.
 */
async function callCarrierThatPlaysEarlyMedia(desk: Desk): Promise<{ far: BaselinePeer; callId: string; close(): Promise<void> }> {
  const server = await startBaselineServer();
  const far = await openBaselinePeer(server, { name: 'carrier', toneHz: 1000 });
  const close = async (): Promise<void> => {
    await far.close();
    await server.close();
  };
  try {
    await far.register(kamailio, '1002', USERS['1002']!);
    await dial(desk.page, '1002');
    await far.waitForState('incoming');
    await expect.poll(() => desk.page.evaluate('Boolean(window.__softphoneTones?.ringback?.())'), { timeout: 10_000 }).toBe(true);
    await far.earlyMedia();
    return { far, callId: await onlyCall(desk.page), close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** The call's one speaker element plays a stream with audio, and not muted. */
function speakerPlays(desk: Desk): Promise<boolean> {
  return desk.page.evaluate(() => {
    const elements = [...document.querySelectorAll<HTMLAudioElement>('audio[data-role="remote-audio"]')];
    const stream = elements[0]?.srcObject as MediaStream | null | undefined;
    return elements.length === 1 && !elements[0]!.paused && !elements[0]!.muted && (stream?.getAudioTracks().length ?? 0) > 0;
  });
}

/** The page's call speaker elements: how many are open, and how many the agent hears (unmuted). */
function speakers(page: Page): Promise<{ open: number; audible: number }> {
  return page.evaluate(() => {
    const elements = [...document.querySelectorAll<HTMLAudioElement>('audio[data-role="remote-audio"]')];
    return { open: elements.length, audible: elements.filter((element) => !element.muted).length };
  });
}

test('a far end’s early media (183 with SDP) is heard before the answer instead of our ringback, and the agent is heard only once answered', async () => {
  a = await registeredDesk(kamailio, '1001', { tone: 440 });
  const { far, callId, close } = await callCarrierThatPlaysEarlyMedia(a);
  const farHears = async (): Promise<number> =>
    (await measureTones(far.page, 'window.baseline.remoteStream()', [440], { durationMs: 800 })).levels[0]!;
  try {
    await expectRemoteTone(a.page, callId, 1000, { farEnd: () => far.mediaState() });
    await expect(a.page.getByText('Ringing', { exact: false }).first()).toBeVisible();
    expect(await speakerPlays(a)).toBe(true); // on the agent's speaker
    const ringback = await measureTones(a.page, 'window.__softphoneTones.ringback()', [440, 480], { durationMs: 2500, statistic: 'max' });
    expect(Math.max(...ringback.levels)).toBeLessThan(-100);
    expect(await farHears()).toBeLessThan(-80);

    await far.answer();
    await expect(a.page.getByRole('button', { name: 'Hold', exact: true })).toBeEnabled({ timeout: 10_000 });
    await expect.poll(farHears, { timeout: 10_000 }).toBeGreaterThan(-50);
    expect((await remoteToneLevels(a.page, callId, [1000])).levels[0]!).toBeGreaterThan(-50);
    expect(await speakerPlays(a)).toBe(true);
    await a.page.getByRole('button', { name: 'Hang up', exact: true }).click();
    await expect.poll(() => storedCalls(a!.host.dataDir).map((call) => call.state)).toEqual(['COMPLETED']);
  } finally {
    await close();
  }
});

test('hanging up while early media plays cancels the call and its audio stops', async () => {
  a = await registeredDesk(kamailio, '1001', { tone: 440 });
  const { far, callId, close } = await callCarrierThatPlaysEarlyMedia(a);
  try {
    await expectRemoteTone(a.page, callId, 1000, { farEnd: () => far.mediaState() });
    await a.page.getByRole('button', { name: 'Hang up', exact: true }).click();
    await far.waitForState('terminated');
    expect(await far.marks()).toHaveProperty('cancelReceived');
    await expect.poll(() => liveCallIds(a!.page), { timeout: 10_000 }).toEqual([]);
    expect(await a.page.locator('audio[data-role="remote-audio"]').count()).toBe(0);
    await expect
      .poll(() => storedCalls(a!.host.dataDir).map((call) => [call.state, call.end_reason]))
      .toEqual([['NOT_ANSWERED', 'cancelled']]);
  } finally {
    await close();
  }
});

test('a forked call answered by another device than the one whose early media played ends at once, and the desk says why', async () => {
  a = await registeredDesk(kamailio, '1001', { tone: 440 });
  const server = await startBaselineServer();
  // Two devices of one user: Kamailio forks the INVITE to both.
  const early = await openBaselinePeer(server, { name: 'early', toneHz: 1000 });
  const other = await openBaselinePeer(server, { name: 'other', toneHz: 1700 });
  try {
    for (const device of [early, other]) await device.register(kamailio, '1002', USERS['1002']!);
    await dial(a.page, '1002');
    await Promise.all([early.waitForState('incoming'), other.waitForState('incoming')]);
    await early.earlyMedia();
    await expectRemoteTone(a.page, () => onlyCall(a!.page), 1000, { farEnd: () => early.mediaState() });
    await other.answer();

    const why = 'The call’s audio failed: it was answered on another device than the one that played its early media, and the audio cannot move there; call again';
    await expect(a.page.getByText(why, { exact: true })).toBeVisible({ timeout: 10_000 });
    await expect
      .poll(() => storedCalls(a!.host.dataDir).map((c) => [c.state, c.end_reason, c.error_code, c.error_message]))
      .toEqual([['COMPLETED', 'failed', 'media_failed', why]]);
    await other.waitForState('terminated'); // the device that answered is hung up, not left in a silent call
  } finally {
    await early.close();
    await other.close();
    await server.close();
  }
});

test('with "Play the far end’s audio before it answers" unchecked, a 183’s media is not used and the agent hears our ringback', async () => {
  a = await registeredDesk(kamailio, '1001', { tone: 440 });
  await turnOffAudioSetting(a, 'Play the far end’s audio before it answers', 'play_early_media');
  const { far, callId, close } = await callCarrierThatPlaysEarlyMedia(a);
  try {
    // The 4.5 s window is longer than the ringback's 4 s pause.
    const ringback = await measureTones(a.page, 'window.__softphoneTones.ringback()', [440, 480], { durationMs: 4500, statistic: 'max' });
    expect(Math.min(...ringback.levels)).toBeGreaterThan(-50);
    expect(await inboundBytes(a.page, callId)).toBe(0); // no media path before the answer
    expect(await speakers(a.page)).toEqual({ open: 1, audible: 0 }); // opened at the 183, muted

    await far.answer();
    await expect(a.page.getByRole('button', { name: 'Hold', exact: true })).toBeEnabled({ timeout: 10_000 });
    await expectRemoteTone(a.page, callId, 1000, { farEnd: () => far.mediaState() });
  } finally {
    await close();
  }
});

test('the ringtone falls silent at the Answer click, while the call is still connecting', async () => {
  a = await registeredDesk(kamailio, '1001');
  b = await registeredDesk(kamailio, '1002');
  // B's microphone opens 4 s after it is asked for: B's answer takes that long to connect.
  await replaceMicrophone(b.page, { delayMs: 4000 });
  await dial(a.page, '1002');
  await answer(b.page);
  // The ring started at most moments ago, in its first 2 s "on": without the silence at the
  // click this window would hold the tone at about −23 dB.
  const { levels } = await measureTones(b.page, 'window.__softphoneTones.ringtone()', [440, 480], { durationMs: 1500, statistic: 'max' });
  expect(storedCalls(b.host.dataDir).map((c) => c.state)).toEqual(['RINGING']); // still connecting
  expect(levels[0]).toBeLessThan(-100);
  expect(levels[1]).toBeLessThan(-100);
  await expect(b.page.getByRole('button', { name: 'Answer', exact: true })).toBeDisabled();
  await expect(b.page.getByText('Connecting…', { exact: true })).toBeVisible(); // the card says what is happening
  await expect(a.page.getByRole('button', { name: 'Hold', exact: true })).toBeEnabled({ timeout: 15_000 });
});

/** A (1001) calls B (1002), whose microphone opens are recorded from before the ring. */
async function ringBRecordingItsMicrophone(): Promise<{ a: Desk; b: Desk; microphone: Awaited<ReturnType<typeof recordMicrophoneOpens>> }> {
  const caller = (a = await registeredDesk(kamailio, '1001'));
  const callee = (b = await registeredDesk(kamailio, '1002'));
  const microphone = await recordMicrophoneOpens(callee.page);
  await dial(caller.page, '1002');
  await expect(callee.page.getByRole('button', { name: 'Answer', exact: true })).toBeVisible({ timeout: 15_000 });
  return { a: caller, b: callee, microphone };
}

test('the microphone opens while a call rings; the answer uses that capture, and it closes when the call ends', async () => {
  const { a, b, microphone } = await ringBRecordingItsMicrophone();
  await expect.poll(() => microphone.opens(), { timeout: 5_000 }).toBe(1);
  expect(storedCalls(b.host.dataDir).map((c) => c.state)).toEqual(['RINGING']);

  await answer(b.page);
  await expect(a.page.getByRole('button', { name: 'Hold', exact: true })).toBeEnabled({ timeout: 10_000 });
  await expectAudioFlowing(a.page, await onlyCall(a.page)); // A hears B's microphone
  expect(await microphone.opens()).toBe(1); // no second open at the answer

  await a.page.getByRole('button', { name: 'Hang up', exact: true }).click();
  await expect.poll(() => microphone.liveTracks(), { timeout: 10_000 }).toBe(0);
});

test('a ring that ends unanswered closes the microphone and the muted speakers it opened', async () => {
  const { a, b, microphone } = await ringBRecordingItsMicrophone();
  await expect.poll(() => microphone.liveTracks(), { timeout: 5_000 }).toBeGreaterThan(0);
  // Both sides opened their speaker, muted, while it rang: B with its prepared answer, A at the 180.
  await expect.poll(() => speakers(b.page), { timeout: 5_000 }).toEqual({ open: 1, audible: 0 });
  await expect.poll(() => speakers(a.page), { timeout: 5_000 }).toEqual({ open: 1, audible: 0 });
  await a.page.getByRole('button', { name: 'Hang up', exact: true }).click();
  await expect.poll(() => liveCallIds(b.page), { timeout: 10_000 }).toEqual([]);
  await expect.poll(() => microphone.liveTracks(), { timeout: 10_000 }).toBe(0);
  await expect.poll(() => speakers(b.page), { timeout: 10_000 }).toEqual({ open: 0, audible: 0 });
  await expect.poll(() => speakers(a.page), { timeout: 10_000 }).toEqual({ open: 0, audible: 0 });
});

test('after each unanswered ring the ring slot says how it ended, then that the desk is ready, call after call', async () => {
  a = await registeredDesk(kamailio, '1001');
  b = await registeredDesk(kamailio, '1002');
  const pageErrors: string[] = [];
  b.page.on('pageerror', (error) => pageErrors.push(error.message));
  b.page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(message.text());
  });
  const ready = b.page.getByText('Ready for calls', { exact: true });
  const ended = b.page.getByText('Call ended — Missed', { exact: true });
  // Three rounds: each "Call ended" line is a new element with its own key, which must never equal
  // the ready line's (when it did, Vue patched one into the other and the slot stopped updating).
  for (let round = 1; round <= 3; round += 1) {
    await dial(a.page, '1002');
    await expect(b.page.getByRole('button', { name: 'Answer', exact: true })).toBeVisible({ timeout: 15_000 });
    await expect(ready).toBeHidden();
    await a.page.getByRole('button', { name: 'Hang up', exact: true }).click();
    await expect(ended).toBeVisible({ timeout: 10_000 });
    await expect(ready).toBeHidden();
    await expect(ready).toBeVisible({ timeout: 10_000 });
    await expect(ended).toBeHidden();
  }
  expect(pageErrors).toEqual([]);
});

test('with "Open the microphone while a call rings" unchecked in Settings, the microphone opens only at the answer', async () => {
  a = await registeredDesk(kamailio, '1001');
  b = await registeredDesk(kamailio, '1002');
  await turnOffAudioSetting(b, 'Open the microphone while a call rings', 'open_microphone_while_ringing');
  const microphone = await recordMicrophoneOpens(b.page);

  await dial(a.page, '1002');
  await expect(b.page.getByRole('button', { name: 'Answer', exact: true })).toBeVisible({ timeout: 15_000 });
  await b.page.waitForTimeout(500); // time for an open that should not happen
  expect(await microphone.opens()).toBe(0);
  await answer(b.page);
  await expect(a.page.getByRole('button', { name: 'Hold', exact: true })).toBeEnabled({ timeout: 10_000 });
  expect(await microphone.opens()).toBe(1);
});

/** What a desk's ringing call has built of its answer, from the call's peer connection. */
async function answerBuiltFor(page: Page, callId: string) {
  return page.evaluate((id) => {
    const connection = window.__softphoneTest?.peerConnection(id);
    const sdp = connection?.localDescription?.sdp ?? '';
    const tracks = connection?.getSenders().flatMap((sender) => (sender.track ? [sender.track] : [])) ?? [];
    return {
      type: connection?.localDescription?.type ?? null,
      iceUfrag: /a=ice-ufrag:(\S+)/.exec(sdp)?.[1] ?? null,
      dtlsSetup: /a=setup:(\w+)/.exec(sdp)?.[1] ?? null,
      microphoneTracks: tracks.length,
      microphoneOn: tracks.some((track) => track.enabled),
    };
  }, callId);
}

test('the answer is built and the speaker opened muted while the call rings; the click sends that answer and unmutes that speaker; nothing of the agent goes out before', async () => {
  a = await registeredDesk(kamailio, '1001', { tone: 440 });
  b = await registeredDesk(kamailio, '1002', { tone: 1000 });
  const sentByB = await recordSentFrames(b.page);
  await dial(a.page, '1002');
  const callB = await onlyCall(b.page);
  await expect
    .poll(() => answerBuiltFor(b!.page, callB), { timeout: 10_000 })
    .toMatchObject({ type: 'answer', dtlsSetup: 'passive', microphoneTracks: 1, microphoneOn: false });
  const built = await answerBuiltFor(b.page, callB);
  await b.page.waitForTimeout(1000); // ringing, with ICE running: still nothing reaches the caller
  const callA = await onlyCall(a.page);
  expect(await inboundBytes(a.page, callA)).toBe(0);
  // Nor does the agent hear the caller: the speaker is opened while it rings, but muted.
  expect(await speakers(b.page)).toEqual({ open: 1, audible: 0 });
  await b.page.evaluate(() => (document.querySelector<HTMLAudioElement>('audio[data-role="remote-audio"]')!.dataset.openedWhileRinging = 'yes'));
  expect(storedCalls(b.host.dataDir).map((c) => c.state)).toEqual(['RINGING']);

  await answer(b.page);
  await expectRemoteTone(a.page, callA, 1000); // the microphone went on with the answer
  await expectRemoteTone(b.page, callB, 440);
  expect(await speakers(b.page)).toEqual({ open: 1, audible: 1 });
  expect(await b.page.locator('audio[data-opened-while-ringing="yes"]').evaluate((element: HTMLAudioElement) => element.muted)).toBe(false);
  const sent = (await sentByB.take())
    .map(({ data }) => data)
    .filter((data) => data.startsWith('SIP/2.0 200') && /\r\nCSeq:\s*\d+ INVITE/i.test(data));
  expect(sent).toHaveLength(1);
  expect(sent[0]).toContain(`a=ice-ufrag:${built.iceUfrag}\r\n`); // the answer built while ringing, not a new one
  expect((await answerBuiltFor(b.page, callB)).microphoneOn).toBe(true);
});

test('a call forked to two desks of one user, both with their answers built, connects to the desk that answers', async () => {
  a = await registeredDesk(kamailio, '1001', { tone: 440 });
  b = await registeredDesk(kamailio, '1002', { tone: 1000 });
  const other = await registeredDesk(kamailio, '1002', { tone: 1700 });
  try {
    await dial(a.page, '1002');
    const [callB, callOther] = [await onlyCall(b.page), await onlyCall(other.page)];
    for (const [desk, callId] of [[b, callB], [other, callOther]] as const) {
      await expect.poll(() => answerBuiltFor(desk.page, callId), { timeout: 10_000 }).toMatchObject({ type: 'answer' });
    }
    await other.page.waitForTimeout(1000); // both ring with ICE running towards the caller

    await answer(other.page);
    const callA = await onlyCall(a.page);
    await expectRemoteTone(a.page, callA, 1700);
    await expectRemoteTone(other.page, callOther, 440);
    expect((await remoteToneLevels(a.page, callA, [1000])).levels[0]!).toBeLessThan(-80); // not the desk that rang on
    await expect.poll(() => liveCallIds(b!.page), { timeout: 10_000 }).toEqual([]);
  } finally {
    await closeDesks(other);
  }
});

test('the answer leaves at the click: the caller is connected while B\'s host is frozen, and B\'s record catches up', async () => {
  a = await registeredDesk(kamailio, '1001');
  b = await registeredDesk(kamailio, '1002');
  await dial(a.page, '1002');
  const answerButton = b.page.getByRole('button', { name: 'Answer', exact: true });
  await expect(answerButton).toBeVisible({ timeout: 15_000 });
  // B's ring shows as soon as its host's RINGING event arrives; the host's reply to sip.incoming,
  // which hands the INVITE to B's call legs, follows after its commit, and B sends 180 then.
  // Frozen in between, B's legs would have no call to answer yet: freeze once A hears the 180.
  await expect.poll(() => a!.page.evaluate('Boolean(window.__softphoneTones?.ringback?.())'), { timeout: 10_000 }).toBe(true);
  const bHost = b.host;
  bHost.freeze();
  try {
    await answerButton.click();
    // Nothing of B's host is involved in these: A's desk hears B's 200 OK and B's audio.
    await expect(a.page.getByRole('button', { name: 'Hold', exact: true }), 'A is connected while B\'s host is frozen').toBeEnabled({ timeout: 10_000 });
    await expectAudioFlowing(a.page, await onlyCall(a.page));
    expect(storedCalls(b.host.dataDir).map((c) => c.state)).toEqual(['RINGING']); // B's engine has not run
  } finally {
    bHost.resume();
  }
  await expect
    .poll(() => storedCalls(b!.host.dataDir).map((c) => c.state), { message: 'B\'s record catches up once its host resumes', timeout: 10_000 })
    .toEqual(['IN_PROGRESS']);
  await expect(b.page.getByRole('button', { name: 'Hold', exact: true })).toBeEnabled();
  await a.page.getByRole('button', { name: 'Hang up', exact: true }).click();
  await expect
    .poll(() => storedCalls(b!.host.dataDir).map((c) => [c.state, c.end_reason]), { timeout: 10_000 })
    .toEqual([['COMPLETED', 'completed']]);
});

test('the media session (headset and media keys) shows a ring as paused and a call as playing, with who it is', async () => {
  a = await registeredDesk(kamailio, '1001');
  b = await registeredDesk(kamailio, '1002');
  const session = (page: Desk['page']): Promise<[string, string | null]> =>
    page.evaluate(() => [navigator.mediaSession.playbackState, navigator.mediaSession.metadata?.title ?? null]);
  await dial(a.page, '1002');
  await expect(b.page.getByRole('button', { name: 'Answer', exact: true })).toBeVisible({ timeout: 15_000 });
  await expect.poll(() => session(b!.page)).toEqual(['paused', 'Incoming call: Agent 1001']);
  await answer(b.page);
  await expect.poll(() => session(b!.page), { timeout: 10_000 }).toEqual(['playing', 'Connected: Agent 1001']);
  await a.page.getByRole('button', { name: 'Hang up', exact: true }).click();
  await expect.poll(() => session(b!.page), { timeout: 10_000 }).toEqual(['none', null]);
});

test('history draws one page: a call that ends pushes the oldest row off, and "Load older calls" brings it back', async () => {
  a = await registeredDesk(kamailio, '1001');
  b = await registeredDesk(kamailio, '1002');
  await b.host.stop();
  seedFinishedCalls(b.host.dataDir, 50);
  await b.host.start();
  await waitRegistered(b.page);
  const rows = b.page.locator('section.history ol.list > li');
  await expect(rows).toHaveCount(50, { timeout: 15_000 });
  await expect(rows.last()).toContainText('Seeded caller 50');

  await dial(a.page, '1002');
  await b.page.getByRole('button', { name: 'Decline', exact: true }).click({ timeout: 15_000 });
  await expect(rows.first()).toContainText('Agent 1001');
  await expect(rows).toHaveCount(50);
  await expect(b.page.getByText('Seeded caller 50', { exact: true })).toHaveCount(0);

  await b.page.getByRole('button', { name: 'Load older calls' }).click();
  await expect(rows).toHaveCount(51);
  await expect(rows.last()).toContainText('Seeded caller 50');
});

test('B declines: A records REJECTED (declined, 603); B records REJECTED too', async () => {
  a = await registeredDesk(kamailio, '1001');
  b = await registeredDesk(kamailio, '1002');
  await dial(a.page, '1002');
  await b.page.getByRole('button', { name: 'Decline', exact: true }).click({ timeout: 15_000 });
  await expect.poll(() => storedCalls(a!.host.dataDir).map((c) => [c.state, c.end_reason, c.error_code])).toEqual([
    ['REJECTED', 'declined', '603'],
  ]);
  expect(storedCalls(b.host.dataDir).map((c) => [c.state, c.end_reason])).toEqual([['REJECTED', 'declined']]);
});

test('no answer within the timeout: NOT_ANSWERED, and B sees a missed call', async () => {
  a = await registeredDesk(kamailio, '1001');
  b = await registeredDesk(kamailio, '1002');
  // The dial field uses the seed's default 30 s; a short timeout comes through the contract,
  // as the local API will send it.
  await dialWithTimeout(a, '1002', 2);
  await expect(b.page.getByRole('button', { name: 'Answer', exact: true })).toBeVisible({ timeout: 15_000 });
  await expect
    .poll(() => storedCalls(a!.host.dataDir).map((c) => [c.state, c.end_reason]), { timeout: 10_000 })
    .toEqual([['NOT_ANSWERED', 'no_answer']]);
  await expect
    .poll(() => storedCalls(b!.host.dataDir).map((c) => [c.state, c.end_reason]), { timeout: 10_000 })
    .toEqual([['NOT_ANSWERED', 'missed']]);
});

test('calling an unregistered user fails with the SIP code', async () => {
  a = await registeredDesk(kamailio, '1001');
  await dial(a.page, '1004');
  await expect
    .poll(() => storedCalls(a!.host.dataDir).map((c) => [c.state, c.end_reason, c.error_code]), { timeout: 10_000 })
    .toEqual([['FAILED', 'not_found', '404']]);
});

test('a wrong password shows its reason in the UI', async () => {
  a = await registeredDesk(kamailio, '1001', { password: 'not-the-password' });
  await expect(a.page.getByRole('status').filter({ hasText: /Wrong password for 1001 at sip\.test/ }).first()).toBeVisible({
    timeout: 15_000,
  });
});

test('a typed word that is not a number gets a clear message and no call', async () => {
  a = await registeredDesk(kamailio, '1001');
  await dial(a.page, 'hello');
  await expect(a.page.getByRole('alert').filter({ hasText: 'is not a phone number, extension or SIP address' })).toBeVisible();
  expect(storedCalls(a.host.dataDir)).toEqual([]);
});

/** Dial with a ring timeout, through the same contract method the dial field uses. */
async function dialWithTimeout(desk: Desk, target: string, seconds: number): Promise<void> {
  const result = await invokeDesk(desk.page, 'calls.dial', { target, timeout_seconds: seconds });
  if (!result.ok) throw new Error(JSON.stringify(result));
}

test('the desk answers the far end’s BYE with 200, so the caller is not left waiting for a timeout', async () => {
  b = await registeredDesk(kamailio, '1002');
  const server = await startBaselineServer();
  const caller = await openBaselinePeer(server, { name: 'caller' });
  try {
    await caller.register(kamailio, '1001', USERS['1001']!);
    await caller.call('1002');
    await answer(b.page);
    await caller.waitForState('established');
    await caller.hangup();
    await expect.poll(() => caller.lastByeStatus(), { timeout: 10_000 }).toBe(200);
    await expect
      .poll(() => storedCalls(b!.host.dataDir).map((call) => [call.state, call.end_reason]))
      .toEqual([['COMPLETED', 'completed']]);
  } finally {
    await caller.close();
    await server.close();
  }
});

/**
 * Every ring card the page draws, with the call id it carried when it appeared: `early:…` when it
 * was drawn at the INVITE, before main's record arrived (stores/early-ring.ts).
 */
async function watchRingCards(page: Page): Promise<() => Promise<{ firstId: string; idNow: string; stillShown: boolean }[]>> {
  await page.evaluate(() => {
    const seen: { card: Element; firstId: string }[] = [];
    (window as unknown as { __ringCards: typeof seen }).__ringCards = seen;
    new MutationObserver(() => {
      for (const card of document.querySelectorAll('.ring-card')) {
        if (!seen.some((entry) => entry.card === card)) seen.push({ card, firstId: card.getAttribute('data-call-id') ?? '' });
      }
    }).observe(document.body, { childList: true, subtree: true });
  });
  return () =>
    page.evaluate(() =>
      (window as unknown as { __ringCards: { card: Element; firstId: string }[] }).__ringCards.map(({ card, firstId }) => ({
        firstId,
        idNow: card.getAttribute('data-call-id') ?? '',
        stillShown: card.isConnected,
      })),
    );
}

test('the desk draws the ring at the INVITE and rings the caller once it has decided to; an Away desk refuses without ringing or drawing one', async () => {
  b = await registeredDesk(kamailio, '1002');
  const server = await startBaselineServer();
  const caller = await openBaselinePeer(server, { name: 'caller' });
  // 100 Trying is the proxy's, hop by hop: only the desk's own provisional responses count.
  const ringsHeard = async (): Promise<number[]> => (await caller.provisionalResponses()).filter((code) => code !== 100);
  const ringCards = await watchRingCards(b.page);
  const sentByB = await recordSentFrames(b.page);
  // Each time the page asked main about an INVITE (`sip.incoming` on the bridge): was its ring card up?
  const engineAsked = async (): Promise<boolean[]> =>
    (await sentByB.take()).filter(({ data }) => data.includes('"sip.incoming"')).map(({ ringCardShown }) => ringCardShown);
  try {
    await caller.register(kamailio, '1001', USERS['1001']!);
    await caller.call('1002');
    await expect(b.page.getByRole('button', { name: 'Answer', exact: true })).toBeVisible();
    await expect.poll(ringsHeard, { timeout: 10_000 }).toEqual([180]);
    // Drawn before main's record arrived (before main was even asked), then the same card
    // carried main's record.
    expect(await engineAsked()).toEqual([true]);
    const [drawn] = await ringCards();
    expect(drawn?.firstId).toMatch(/^early:/);
    expect(drawn?.idNow).toBe((await liveCallIds(b.page))[0]);
    expect(drawn?.stillShown).toBe(true);
    await caller.hangup();
    await caller.waitForState('terminated');
    expect(await ringsHeard()).toEqual([180]); // one 180, not SIP.js's automatic one as well

    await b.page.getByLabel('Status').selectOption('away');
    await expect(b.page.getByLabel('Status')).toHaveValue('away');
    await caller.call('1002');
    expect((await caller.waitForFinalResponse()).status).toBe(480);
    expect(await ringsHeard()).toEqual([]);
    expect(await ringCards()).toHaveLength(1); // no card for the refused call, not even for a moment
    expect(await engineAsked()).toEqual([false]); // …and main was asked about it at once
  } finally {
    await caller.close();
    await server.close();
  }
});

test('after the first challenge a call goes out signed: one INVITE, no 407; a new proxy secret costs one challenge', async () => {
  a = await registeredDesk(kamailio, '1001');
  b = await registeredDesk(kamailio, '1002');
  const caller = a.page;
  // Each INVITE the caller's page sends, and whether it carries proxy credentials.
  const sip = await recordSentSip(caller);
  const invitesOfACall = async (): Promise<string[]> => {
    await sip.take();
    await dial(caller, '1002');
    await expect(b!.page.getByRole('button', { name: 'Answer', exact: true })).toBeVisible({ timeout: 15_000 });
    await caller.getByRole('button', { name: 'Hang up', exact: true }).click();
    await expect.poll(() => liveCallIds(b!.page), { timeout: 10_000 }).toEqual([]);
    await expect.poll(() => liveCallIds(caller), { timeout: 10_000 }).toEqual([]);
    return (await sip.take()).filter(({ method }) => method === 'INVITE').map(({ signed }) => (signed ? 'signed' : 'bare'));
  };

  expect(await invitesOfACall()).toEqual(['bare', 'signed']); // challenged once: 407, then again with credentials
  expect(await invitesOfACall()).toEqual(['signed']); // the kept challenge signs the next call up front
  expect(await invitesOfACall()).toEqual(['signed']);

  // A restarted Kamailio has a new secret: the kept nonce is refused once, the new one is kept.
  await kamailio.restart();
  await waitRegistered(caller, 10_000);
  await waitRegistered(b.page, 10_000);
  expect(await invitesOfACall()).toEqual(['signed', 'signed']);
  expect(await invitesOfACall()).toEqual(['signed']);
});

test('answering without a microphone says why and records a failed call, not a missed one', async () => {
  a = await registeredDesk(kamailio, '1001');
  b = await registeredDesk(kamailio, '1002');
  await replaceMicrophone(b.page, 'missing');
  await dial(a.page, '1002');
  await answer(b.page);

  const why = 'Could not answer: no microphone was found';
  await expect(b.page.getByText(why, { exact: true })).toBeVisible({ timeout: 10_000 });
  await expect.poll(() => storedCalls(b!.host.dataDir).map((c) => [c.state, c.end_reason, c.error_code, c.error_message])).toEqual([
    ['FAILED', 'failed', 'answer_failed', why],
  ]);
  const history = b.page.getByRole('list', { name: 'History' });
  await expect(history.getByText('Failed', { exact: true })).toHaveCount(1);
  await expect(history.getByText('Missed', { exact: true })).toHaveCount(0);
  // The caller hears a refusal (480 Temporarily Unavailable), not a call left ringing.
  await expect.poll(() => storedCalls(a!.host.dataDir).map((c) => c.error_code)).toEqual(['480']);
});

test('calling without a microphone says why and records a failed call, not a cancelled one', async () => {
  a = await registeredDesk(kamailio, '1001');
  await replaceMicrophone(a.page, 'missing');
  await dial(a.page, '1002');
  const why = 'Could not call: no microphone was found';
  await expect(a.page.getByText(why, { exact: true })).toBeVisible({ timeout: 10_000 });
  await expect.poll(() => storedCalls(a!.host.dataDir).map((c) => [c.state, c.end_reason, c.error_code, c.error_message])).toEqual([
    ['FAILED', 'failed', 'dial_failed', why],
  ]);
});
