/**
 * What an agent does during a call, proven end to end through real Kamailio and Chromium:
 * mute and hold by tone energy (a held SIP.js session keeps sending silent RTP, so byte counts
 * prove nothing), DTMF both ways it can travel, blind transfer, call waiting, and Away.
 */
import { expect, test, type Page } from '@playwright/test';
import type { KamailioServer } from '../support/kamailio.js';
import { liveCallIds, remoteToneLevels, type Desk } from '../support/desk-app.js';
import { storedCalls } from '../support/desk-records.js';
import {
  answer,
  chooseAudioDevices,
  closeDesks,
  dial,
  expectAudioFlowing,
  invokeDesk,
  kamailioForTests,
  onlyCall,
  recordMicrophoneOpens,
  registeredDesk,
} from './desk-fixtures.js';

const A_TONE = 440;
const B_TONE = 1000;
const C_TONE = 1500;
/** The other side's tone arrives around -36 dB; silence sits near -120 dB. */
const HEARD = -60;
const SILENT = -85;

let kamailio: KamailioServer;
let a: Desk | undefined;
let b: Desk | undefined;
let c: Desk | undefined;

test.beforeAll(async () => {
  kamailio = await kamailioForTests();
});
test.afterAll(async () => {
  await kamailio?.stop();
});
test.afterEach(async () => {
  await closeDesks(a, b, c);
  a = b = c = undefined;
});

/** A calls B and B answers; returns each side's call id. */
async function connect(from: Desk, to: Desk, target: string): Promise<{ fromCall: string; toCall: string }> {
  await dial(from.page, target);
  await answer(to.page);
  const fromCall = await onlyCall(from.page);
  const toCall = await onlyCall(to.page);
  await expectAudioFlowing(to.page, toCall);
  return { fromCall, toCall };
}

/** Level in dB of one tone in a call's remote audio; NaN (never passes) until the call has media. */
async function level(page: Page, callId: string, frequency: number): Promise<number> {
  try {
    const measured = await remoteToneLevels(page, callId, [frequency]);
    return measured.levels[0]!;
  } catch {
    return Number.NaN;
  }
}

function card(page: Page) {
  return page.getByTestId('active-call');
}

test('mute: the far end hears silence, then the tone again', async () => {
  a = await registeredDesk(kamailio, '1001', { tone: A_TONE });
  b = await registeredDesk(kamailio, '1002', { tone: B_TONE });
  const { toCall } = await connect(a, b, '1002');
  await b.page.bringToFront();
  await expect.poll(() => level(b!.page, toCall, A_TONE), { timeout: 10_000 }).toBeGreaterThan(HEARD);

  await card(a.page).getByRole('button', { name: 'Mute', exact: true }).click();
  await expect(card(a.page).getByRole('button', { name: 'Unmute', exact: true })).toBeVisible();
  await expect.poll(() => level(b!.page, toCall, A_TONE), { timeout: 10_000 }).toBeLessThan(SILENT);

  await card(a.page).getByRole('button', { name: 'Unmute', exact: true }).click();
  await expect.poll(() => level(b!.page, toCall, A_TONE), { timeout: 10_000 }).toBeGreaterThan(HEARD);
});

test('hold: both ends hear silence while held, the held desk says who put it on hold, and both hear each other after resume', async () => {
  a = await registeredDesk(kamailio, '1001', { tone: A_TONE });
  b = await registeredDesk(kamailio, '1002', { tone: B_TONE });
  const { fromCall, toCall } = await connect(a, b, '1002');
  await expect.poll(() => level(b!.page, toCall, A_TONE), { timeout: 10_000 }).toBeGreaterThan(HEARD);
  const heldNote = card(b.page).getByText('Agent 1001 put the call on hold', { exact: true });
  await expect(heldNote).toHaveCount(0);

  await card(a.page).getByRole('button', { name: 'Hold', exact: true }).click();
  await expect(card(a.page).getByRole('button', { name: 'Resume', exact: true })).toBeVisible();
  await expect.poll(() => level(b!.page, toCall, A_TONE), { timeout: 10_000 }).toBeLessThan(SILENT);
  await expect.poll(() => level(a!.page, fromCall, B_TONE), { timeout: 10_000 }).toBeLessThan(SILENT);
  // B's own controls are unchanged (B did not hold): its card says why it hears nothing.
  await expect(heldNote).toBeVisible();
  await expect(b.page.getByTestId('announcer-polite')).toHaveText('Agent 1001 put the call on hold');
  await expect(card(b.page).getByRole('button', { name: 'Hold', exact: true })).toBeVisible();
  await expect(card(a.page).getByText('put the call on hold')).toHaveCount(0);

  await card(a.page).getByRole('button', { name: 'Resume', exact: true }).click();
  await expect.poll(() => level(b!.page, toCall, A_TONE), { timeout: 10_000 }).toBeGreaterThan(HEARD);
  await expect.poll(() => level(a!.page, fromCall, B_TONE), { timeout: 10_000 }).toBeGreaterThan(HEARD);
  await expect(heldNote).toHaveCount(0);
  await expect(b.page.getByTestId('announcer-polite')).toHaveText('Agent 1001 took the call off hold');
});

test('DTMF by SIP INFO arrives at the far end, digit by digit', async () => {
  a = await registeredDesk(kamailio, '1001', { dtmf: 'info' });
  b = await registeredDesk(kamailio, '1002');
  const { toCall } = await connect(a, b, '1002');
  await card(a.page).getByRole('button', { name: 'Keypad', exact: true }).click();
  for (const key of ['1', '2', '#']) await a.page.getByRole('button', { name: `Send ${key}`, exact: true }).click();
  await expect.poll(() => b!.page.evaluate((id) => window.__softphoneTest!.dtmfReceived(id), toCall)).toEqual(['1', '2', '#']);
});

test('DTMF by RFC 4733: telephone-event is negotiated and the sender plays the tones', async () => {
  a = await registeredDesk(kamailio, '1001', { dtmf: 'rfc4733' });
  b = await registeredDesk(kamailio, '1002');
  const { fromCall, toCall } = await connect(a, b, '1002');
  const sdp = await a.page.evaluate((id) => window.__softphoneTest!.peerConnection(id)?.remoteDescription?.sdp ?? '', fromCall);
  expect(sdp).toMatch(/a=rtpmap:\d+ telephone-event\/8000/);
  await card(a.page).getByRole('button', { name: 'Keypad', exact: true }).click();
  await a.page.keyboard.type('47*');
  await expect
    .poll(() => a!.page.evaluate((id) => window.__softphoneTest!.dtmfSentInBand(id).join(''), fromCall))
    .toBe('47*');
  // In-band digits are not INFO: the far end received none that way.
  expect(await b.page.evaluate((id) => window.__softphoneTest!.dtmfReceived(id), toCall)).toEqual([]);
});

test('blind transfer: B ends up talking to C; A records the call as transferred', async () => {
  a = await registeredDesk(kamailio, '1001', { tone: A_TONE });
  b = await registeredDesk(kamailio, '1002', { tone: B_TONE });
  c = await registeredDesk(kamailio, '1003', { tone: C_TONE });
  const { toCall: bFirstCall } = await connect(a, b, '1002');

  await card(a.page).getByRole('button', { name: 'Transfer', exact: true }).click();
  await a.page.getByLabel('Transfer to').fill('1003');
  await a.page.getByRole('button', { name: 'Transfer call', exact: true }).click();

  await answer(c.page);
  const cCall = await onlyCall(c.page);
  await expect.poll(() => liveCallIds(b!.page), { timeout: 15_000 }).not.toContain(bFirstCall);
  const bCall = await onlyCall(b.page);
  await expect.poll(() => level(c!.page, cCall, B_TONE), { timeout: 10_000 }).toBeGreaterThan(HEARD);
  await expect.poll(() => level(b!.page, bCall, C_TONE), { timeout: 10_000 }).toBeGreaterThan(HEARD);
  await expect.poll(() => liveCallIds(a!.page)).toEqual([]);

  expect(storedCalls(a.host.dataDir).map((call) => [call.state, call.end_reason])).toEqual([['COMPLETED', 'transferred']]);
  const bRecords = storedCalls(b.host.dataDir);
  expect(bRecords).toHaveLength(2);
  expect(bRecords[1]).toMatchObject({ id: bCall, create_method: 'PARENT_CALL', originating_call: bFirstCall, state: 'IN_PROGRESS' });
});

test('from the keyboard: / goes to the dial field, Ctrl+Shift+X opens Transfer with its field ready, Esc closes it', async () => {
  a = await registeredDesk(kamailio, '1001');
  b = await registeredDesk(kamailio, '1002');
  await connect(a, b, '1002');
  await a.page.locator('body').focus();
  await a.page.keyboard.press('/');
  await expect(a.page.getByLabel('Number or SIP address')).toBeFocused();

  await a.page.keyboard.press('Control+Shift+KeyX');
  await expect(a.page.getByLabel('Transfer to')).toBeFocused();
  await a.page.keyboard.press('Escape');
  await expect(a.page.getByLabel('Transfer to')).toHaveCount(0);
});

test('call waiting: a second call rings during the first; answering holds the first; the agent switches back', async () => {
  a = await registeredDesk(kamailio, '1001', { tone: A_TONE });
  b = await registeredDesk(kamailio, '1002', { tone: B_TONE });
  c = await registeredDesk(kamailio, '1003', { tone: C_TONE });
  const { fromCall: withB } = await connect(a, b, '1002');

  await dial(c.page, '1001');
  await expect(a.page.getByRole('button', { name: 'Answer', exact: true })).toBeVisible({ timeout: 15_000 });
  await answer(a.page);
  await expect.poll(async () => (await liveCallIds(a!.page)).length).toBe(2);
  const withC = (await liveCallIds(a.page)).find((id) => id !== withB)!;

  // The first call is on hold: A hears C, not B.
  await expect.poll(() => level(a!.page, withC, C_TONE), { timeout: 10_000 }).toBeGreaterThan(HEARD);
  await expect.poll(() => level(a!.page, withB, B_TONE), { timeout: 10_000 }).toBeLessThan(SILENT);

  // Switch back to B: C goes on hold, B is heard again.
  await a.page.getByRole('button', { name: 'Resume', exact: true }).last().click();
  await expect.poll(() => level(a!.page, withB, B_TONE), { timeout: 10_000 }).toBeGreaterThan(HEARD);
  await expect.poll(() => level(a!.page, withC, C_TONE), { timeout: 10_000 }).toBeLessThan(SILENT);
});

/** The device the call's sender captures from, and the sink its speaker element plays on. */
async function callDevices(page: Page, callId: string): Promise<{ microphone: string | undefined; speaker: string | undefined }> {
  return page.evaluate((id) => {
    const connection = window.__softphoneTest?.peerConnection(id);
    const track = connection?.getSenders().find((sender) => sender.track?.kind === 'audio')?.track;
    const stream = window.__softphoneTest?.remoteStream(id);
    const element = [...document.querySelectorAll<HTMLAudioElement & { sinkId: string }>('audio[data-role="remote-audio"]')].find(
      (audio) => audio.srcObject === stream,
    );
    return { microphone: track?.readyState === 'live' ? track.getSettings().deviceId : undefined, speaker: element?.sinkId };
  }, callId);
}

test('a call that is up moves to the microphone and speaker chosen in Settings, and is still heard; the old capture closes', async () => {
  a = await registeredDesk(kamailio, '1001', { tone: A_TONE });
  b = await registeredDesk(kamailio, '1002', { tone: B_TONE });
  const microphones = await recordMicrophoneOpens(a.page);
  const { fromCall, toCall } = await connect(a, b, '1002');
  await expect.poll(() => level(b!.page, toCall, A_TONE), { timeout: 10_000 }).toBeGreaterThan(HEARD);
  expect(await microphones.liveTracks()).toBe(1);

  const chosen = await chooseAudioDevices(a, { microphone: 'Fake Audio Input 2', speaker: 'Fake Audio Output 1' });
  await expect.poll(() => callDevices(a!.page, fromCall)).toEqual({ microphone: chosen.microphone, speaker: chosen.speaker });
  // Still heard, from the new capture; the old one is closed, not left open beside it.
  await expect.poll(() => level(b!.page, toCall, A_TONE), { timeout: 10_000 }).toBeGreaterThan(HEARD);
  expect(await microphones.opens()).toBe(2);
  await expect.poll(() => microphones.liveTracks()).toBe(1);

  // Mute carries over to the new microphone, and so does unmute.
  await card(a.page).getByRole('button', { name: 'Mute', exact: true }).click();
  await expect.poll(() => level(b!.page, toCall, A_TONE), { timeout: 10_000 }).toBeLessThan(SILENT);
  await chooseAudioDevices(a, { microphone: 'Fake Audio Input 1' });
  await expect.poll(() => level(b!.page, toCall, A_TONE), { timeout: 10_000 }).toBeLessThan(SILENT);
  await card(a.page).getByRole('button', { name: 'Unmute', exact: true }).click();
  await expect.poll(() => level(b!.page, toCall, A_TONE), { timeout: 10_000 }).toBeGreaterThan(HEARD);
});

test('a chosen microphone or speaker that is not connected leaves the call on the old one, and the desk says so until a working choice', async () => {
  a = await registeredDesk(kamailio, '1001', { tone: A_TONE });
  b = await registeredDesk(kamailio, '1002', { tone: B_TONE });
  const { fromCall, toCall } = await connect(a, b, '1002');
  const before = await callDevices(a.page, fromCall);
  const problems = a.page.getByTestId('device-problem');

  // Saved devices that are unplugged (another window or an integration saved them).
  expect((await invokeDesk(a.page, 'settings.update', { audio: { microphone_id: 'unplugged-headset-mic' } })).ok).toBe(true);
  await expect(problems).toHaveText(/Calls in progress stay on the previous microphone: the chosen microphone is not connected\./);
  expect((await invokeDesk(a.page, 'settings.update', { audio: { speaker_id: 'unplugged-headset' } })).ok).toBe(true);
  await expect(problems.filter({ hasText: 'Calls play on the default speaker' })).toBeVisible();
  await expect(problems).toHaveCount(2);
  // The call goes on: still heard from the old microphone, played on the default output.
  await expect.poll(() => callDevices(a!.page, fromCall)).toEqual({ microphone: before.microphone, speaker: '' });
  await expect.poll(() => level(b!.page, toCall, A_TONE), { timeout: 10_000 }).toBeGreaterThan(HEARD);
  await expect.poll(() => level(a!.page, fromCall, B_TONE), { timeout: 10_000 }).toBeGreaterThan(HEARD);

  // Dismissed, the speaker's notice goes; a microphone that works clears the other.
  await a.page.getByRole('button', { name: 'Dismiss the speaker notice' }).click();
  await expect(problems).toHaveCount(1);
  const chosen = await chooseAudioDevices(a, { microphone: 'Fake Audio Input 2' });
  await expect.poll(() => callDevices(a!.page, fromCall)).toMatchObject({ microphone: chosen.microphone });
  await expect(problems).toHaveCount(0);
});

test('a speaker chosen in Settings plays each new call, made or taken, and one chosen while a call rings plays it once answered; no notice', async () => {
  a = await registeredDesk(kamailio, '1001', { tone: A_TONE });
  b = await registeredDesk(kamailio, '1002', { tone: B_TONE });
  const forA = await chooseAudioDevices(a, { speaker: 'Fake Audio Output 1' });
  const forB = await chooseAudioDevices(b, { speaker: 'Fake Audio Output 2' });
  const first = await connect(a, b, '1002');
  await expect.poll(() => callDevices(a!.page, first.fromCall)).toMatchObject({ speaker: forA.speaker });
  await expect.poll(() => callDevices(b!.page, first.toCall)).toMatchObject({ speaker: forB.speaker });
  await expect.poll(() => level(a!.page, first.fromCall, B_TONE), { timeout: 10_000 }).toBeGreaterThan(HEARD);
  await card(a.page).getByRole('button', { name: 'Hang up', exact: true }).click();
  await expect.poll(() => liveCallIds(b!.page), { timeout: 10_000 }).toEqual([]);

  // The caller's speaker opens when the far end rings, before any audio track: chosen then, it still applies.
  await dial(a.page, '1002');
  await expect(b.page.getByRole('button', { name: 'Answer', exact: true })).toBeVisible({ timeout: 10_000 });
  await expect(a.page.locator('audio[data-role="remote-audio"]')).toHaveCount(1);
  const switched = await chooseAudioDevices(a, { speaker: 'Fake Audio Output 2' });
  await answer(b.page);
  const second = await onlyCall(a.page);
  await expect.poll(() => callDevices(a!.page, second)).toMatchObject({ speaker: switched.speaker });
  await expect.poll(() => level(a!.page, second, B_TONE), { timeout: 10_000 }).toBeGreaterThan(HEARD);
  for (const desk of [a, b]) await expect(desk.page.getByTestId('device-problem')).toHaveCount(0);
});

test('Away answers 480, so the caller records it as unavailable', async () => {
  a = await registeredDesk(kamailio, '1001');
  b = await registeredDesk(kamailio, '1002');
  await b.page.getByLabel('Status').selectOption('away');
  await expect(b.page.getByLabel('Status')).toHaveValue('away');
  await dial(a.page, '1002');
  await expect
    .poll(() => storedCalls(a!.host.dataDir).map((call) => [call.state, call.end_reason, call.error_code]), { timeout: 10_000 })
    .toEqual([['FAILED', 'unavailable', '480']]);
  expect(storedCalls(b.host.dataDir).map((call) => [call.state, call.end_reason])).toEqual([['REJECTED', 'unavailable']]);
  await expect(b.page.getByRole('button', { name: 'Answer', exact: true })).toHaveCount(0);
});
