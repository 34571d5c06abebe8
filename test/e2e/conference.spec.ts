/**
 * Conferences end to end: real Kamailio, one Chromium per participant, each fake microphone its
 * own tone, and every receiver's audio analysed at every tone's frequency. The host's app mixes
 * locally (in a worker, docs/conferences.md); these tests prove who hears whom.
 */
import { expect, test, type Page } from '@playwright/test';
import type { KamailioServer } from '../support/kamailio.js';
import { storedConferencecalls } from '../support/conference-records.js';
import {
  accountSettings,
  liveCallIds,
  openDesk,
  remoteToneLevels,
  startDeskHost,
  waitRegistered,
  type Desk,
} from '../support/desk-app.js';
import { measureTones } from '../support/tones.js';
import { USERS, answer, chooseAudioDevices, closeDesks, dial, invokeDesk, kamailioForTests, onlyCall, registeredDesk } from './desk-fixtures.js';

const TONE_A = 440;
const TONE_B = 1000;
const TONE_C = 1700;
const TONES = [TONE_A, TONE_B, TONE_C];
/** Heard: well above the noise floor. Not heard: near it (a tone heard measures about -40 dB). */
const HEARD_DB = -75;
const SILENT_DB = -85;

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

/** Levels (dB) at every tone, as a map from frequency, in what this party hears. */
async function heardBy(page: Page, source: 'leg' | 'host'): Promise<Record<number, number>> {
  const levels =
    source === 'host'
      ? await measureTones(page, 'window.__conferenceTest && window.__conferenceTest.hostHears()', TONES, { durationMs: 800 })
      : await remoteToneLevels(page, await onlyCall(page), TONES);
  return Object.fromEntries(TONES.map((tone, i) => [tone, levels.levels[i]!]));
}

/** Waits until this party hears exactly `heard` among the tones (the mix takes a moment to settle). */
async function expectHears(page: Page, source: 'leg' | 'host', heard: number[]): Promise<void> {
  await expect
    .poll(
      async () => {
        const levels = await heardBy(page, source);
        return TONES.map((tone) => `${tone}:${levels[tone]! > HEARD_DB ? 'heard' : levels[tone]! < SILENT_DB ? 'silent' : 'unclear'}`);
      },
      { timeout: 20_000, intervals: [500] },
    )
    .toEqual(TONES.map((tone) => `${tone}:${heard.includes(tone) ? 'heard' : 'silent'}`));
}

/** Records every ring card (or ringing slot) that appears on this page from now on. */
async function watchForRings(page: Page): Promise<void> {
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { __ringsSeen: string[] }).__ringsSeen = seen;
    const check = (): void => {
      for (const el of document.querySelectorAll('[aria-label^="Incoming call from"], .ring-slot.ringing')) {
        seen.push(el.getAttribute('aria-label') ?? el.className);
      }
    };
    new MutationObserver(check).observe(document.body, { subtree: true, childList: true, attributes: true });
  });
}

async function ringsSeen(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __ringsSeen: string[] }).__ringsSeen);
}

/**
 * The host A calls B, then C (the desk puts B on hold first), and merges both calls into a
 * conference: with the Merge button, or with its shortcut while the button shows.
 */
async function mergeThreeParties(how: 'button' | 'keys' = 'button'): Promise<void> {
  await dial(a!.page, '1002');
  await answer(b!.page);
  await onlyCall(b!.page);
  await dial(a!.page, '1003');
  await answer(c!.page);
  await onlyCall(c!.page);
  await expect.poll(async () => (await liveCallIds(a!.page)).length).toBe(2);
  const mergeButton = a!.page.getByRole('button', { name: /Merge 2 calls into a conference/ });
  if (how === 'button') return mergeButton.click({ timeout: 15_000 });
  await expect(mergeButton).toBeVisible({ timeout: 15_000 });
  await a!.page.keyboard.press('Control+Shift+KeyE');
}

test('a 3-party conference merged from the keyboard: each party hears the other two and not itself; a dropped party is no longer heard and is leaved; one added with the add shortcut is heard at once', async () => {
  a = await registeredDesk(kamailio, '1001', { tone: TONE_A });
  b = await registeredDesk(kamailio, '1002', { tone: TONE_B });
  c = await registeredDesk(kamailio, '1003', { tone: TONE_C });

  await mergeThreeParties('keys');
  const conference = a.page.getByTestId('conference');
  await expect(conference.getByText('Joined')).toHaveCount(3); // host + B + C
  // Its actions fit in the desk's narrow column (they wrap under the title, not out of the card).
  const [panel, end] = await Promise.all([conference.boundingBox(), conference.getByRole('button', { name: 'End conference' }).boundingBox()]);
  expect(end!.x + end!.width).toBeLessThanOrEqual(panel!.x + panel!.width);

  await expectHears(b.page, 'leg', [TONE_A, TONE_C]);
  await expectHears(c.page, 'leg', [TONE_A, TONE_B]);
  await expectHears(a.page, 'host', [TONE_B, TONE_C]);

  // Drop C from the conference view.
  await conference.getByRole('button', { name: /Drop .*1003/ }).click();
  await expect.poll(() => liveCallIds(c!.page), { timeout: 15_000 }).toEqual([]);
  await expectHears(b.page, 'leg', [TONE_A]);
  await expectHears(a.page, 'host', [TONE_B]);
  await expect
    .poll(() => storedConferencecalls(a!.host.dataDir).map((call) => call.status).sort())
    .toEqual(['joined', 'leaved']);

  // Added back from the keyboard: the shortcut goes to the view's Add field, Enter dials out;
  // answered, in the mix at once.
  await a.page.keyboard.press('Control+Shift+KeyL');
  await expect(conference.getByLabel('Add a participant')).toBeFocused();
  await a.page.keyboard.type('1003');
  await a.page.keyboard.press('Enter');
  await answer(c.page);
  await expectHears(c.page, 'leg', [TONE_A, TONE_B]);
  await expectHears(b.page, 'leg', [TONE_A, TONE_C]);
});

test('muting the host in a conference silences the host in every mix, and unmuting brings it back; a microphone chosen mid-conference feeds every mix; the mix stops running once it ends', async () => {
  a = await registeredDesk(kamailio, '1001', { tone: TONE_A });
  b = await registeredDesk(kamailio, '1002', { tone: TONE_B });
  c = await registeredDesk(kamailio, '1003', { tone: TONE_C });
  await mergeThreeParties();
  const conference = a.page.getByTestId('conference');
  await expect(conference.getByText('Joined')).toHaveCount(3);
  await expectHears(b.page, 'leg', [TONE_A, TONE_C]);

  await conference.getByRole('button', { name: 'Mute me' }).click();
  await expect(conference.getByText('Muted', { exact: true })).toBeVisible();
  await expectHears(b.page, 'leg', [TONE_C]);
  await expectHears(c.page, 'leg', [TONE_B]);
  await expectHears(a.page, 'host', [TONE_B, TONE_C]); // the host still hears everyone

  await conference.getByRole('button', { name: 'Unmute me' }).click();
  await expectHears(b.page, 'leg', [TONE_A, TONE_C]);
  await expectHears(c.page, 'leg', [TONE_A, TONE_B]);

  // Another microphone, chosen in Settings during the conference: the mix captures from it (not
  // from a clone that would keep the old device open), and both parties still hear the host.
  const hostMicrophone = () =>
    a!.page.evaluate(
      () => (window as unknown as { __conferenceTest?: { hostMicrophoneDevice(): string | undefined } }).__conferenceTest?.hostMicrophoneDevice(),
    );
  const chosen = await chooseAudioDevices(a, { microphone: 'Fake Audio Input 2' });
  await expect.poll(hostMicrophone, { timeout: 10_000 }).toBe(chosen.microphone);
  await expectHears(b.page, 'leg', [TONE_A, TONE_C]);
  await expectHears(c.page, 'leg', [TONE_A, TONE_B]);

  // Once the conference is over, nothing of the mix runs (its worker, taps and speaker are gone).
  const mixing = () =>
    a!.page.evaluate(() => (window as unknown as { __conferenceTest?: { mixing(): boolean } }).__conferenceTest?.mixing() ?? false);
  expect(await mixing()).toBe(true);
  await conference.getByRole('button', { name: 'End conference' }).click();
  await expect.poll(() => liveCallIds(b!.page), { timeout: 15_000 }).toEqual([]);
  await expect.poll(mixing, { timeout: 10_000 }).toBe(false);
});

test('a supervisor listens, whispers and barges, switching live; the customer never hears listen or whisper', async () => {
  const agentHost = await startDeskHost({
    settings: {
      ...accountSettings({ kamailio, user: '1001', password: USERS['1001']! }),
      supervisors: [{ sip_uri: `sip:1003@${kamailio.domain}`, name: 'Sam Supervisor' }],
    },
  });
  a = await openDesk(agentHost, { tone: TONE_A });
  await waitRegistered(a.page);
  b = await registeredDesk(kamailio, '1002', { tone: TONE_B });
  c = await registeredDesk(kamailio, '1003', { tone: TONE_C }); // the supervisor

  await dial(a.page, '1002');
  await answer(b.page);
  const agentCall = await onlyCall(a.page);
  await onlyCall(b.page);

  // The supervisor joins from the desk's form, naming the agent's current call (no id needed);
  // the agent's desk must not flash a ring card for the join it answers by itself.
  expect(agentCall).toBeTruthy();
  await watchForRings(a.page);
  await c.page.getByRole('button', { name: 'Join as supervisor' }).click();
  await c.page.getByLabel("Agent's number or SIP address").fill('1001');
  await expect(c.page.getByLabel("The agent's current call")).toBeChecked();
  await c.page.getByLabel('Listen — nobody hears you').check();
  await c.page.getByLabel("Agent's number or SIP address").press('Enter');
  const badge = a.page.getByTestId('conference').getByText('Sam Supervisor');
  await expect(badge).toBeVisible({ timeout: 15_000 });
  await expect(a.page.getByTestId('conference').getByText(/Joined · listening/)).toBeVisible({ timeout: 15_000 });

  expect(await ringsSeen(a.page)).toEqual([]);
  // The agent sees who is listening on the call card itself, and is told so.
  await expect(a.page.getByTestId('active-call').getByTestId('supervisor-badge')).toHaveText('Sam Supervisor is listening');
  await expect(a.page.getByTestId('announcer-polite')).toHaveText('Sam Supervisor is listening.');
  await expect(c.page.getByRole('heading', { name: 'Supervising 1001' })).toBeVisible();

  // listen: the supervisor hears both; nobody hears the supervisor.
  await expectHears(c.page, 'leg', [TONE_A, TONE_B]);
  await expectHears(b.page, 'leg', [TONE_A]);
  await expectHears(a.page, 'host', [TONE_B]);

  // whisper, from the keyboard: only the agent hears the supervisor.
  await c.page.keyboard.press('Control+Shift+Digit2');
  await expect(c.page.getByRole('radio', { name: 'Whisper' })).toHaveAttribute('aria-checked', 'true', { timeout: 15_000 });
  await expect(c.page.getByTestId('announcer-polite')).toHaveText('Whisper: only the agent hears you');
  await expect(a.page.getByTestId('conference').getByText(/whispering to you/)).toBeVisible({ timeout: 15_000 });
  await expect(a.page.getByTestId('announcer-polite')).toHaveText('Sam Supervisor is now whispering to you.');
  await expectHears(a.page, 'host', [TONE_B, TONE_C]);
  await expectHears(b.page, 'leg', [TONE_A]);

  // barge: everyone hears the supervisor.
  await c.page.getByRole('radio', { name: 'Barge' }).click();
  await expect(a.page.getByTestId('conference').getByText(/speaking to everyone/)).toBeVisible({ timeout: 15_000 });
  await expectHears(b.page, 'leg', [TONE_A, TONE_C]);
  await expectHears(a.page, 'host', [TONE_B, TONE_C]);

  // and back to listen: the customer no longer hears the supervisor.
  await c.page.getByRole('radio', { name: 'Listen' }).click();
  await expectHears(b.page, 'leg', [TONE_A]);

  // The agent ends the supervision from the eye badge.
  await a.page.getByRole('button', { name: "End Sam Supervisor's listening" }).click();
  await expect.poll(() => liveCallIds(c!.page), { timeout: 15_000 }).toEqual([]);
  await expect(a.page.getByTestId('announcer-polite')).toContainText('Sam Supervisor has left the call.');
  await expect
    .poll(() => storedConferencecalls(a!.host.dataDir).find((call) => call.role === 'supervisor')?.status)
    .toBe('leaved');
});

test('a join request from an address not in the supervisor list is refused and logged', async () => {
  a = await registeredDesk(kamailio, '1001', { tone: TONE_A });
  b = await registeredDesk(kamailio, '1002', { tone: TONE_B });
  c = await registeredDesk(kamailio, '1003', { tone: TONE_C });
  await dial(a.page, '1002');
  await answer(b.page);
  const agentCall = await onlyCall(a.page);

  await invokeDesk(c.page, 'supervisor.join', { agent: '1001', target_id: agentCall, mode: 'listen' });
  await expect.poll(() => a!.host.output(), { timeout: 15_000 }).toContain('supervisor join refused');
  await expect.poll(() => liveCallIds(c!.page), { timeout: 15_000 }).toEqual([]);
  expect(storedConferencecalls(a.host.dataDir)).toEqual([]);
  await expectHears(b.page, 'leg', [TONE_A]);
});

test('a browser without track streams says in the conference view that it cannot mix, for as long as the conference is live', async () => {
  a = await registeredDesk(kamailio, '1001', { tone: TONE_A });
  b = await registeredDesk(kamailio, '1002', { tone: TONE_B });
  c = await registeredDesk(kamailio, '1003', { tone: TONE_C });
  // As in a browser other than Chromium's kind: no MediaStreamTrackProcessor / Generator.
  await a.page.addInitScript(() => {
    const global = window as unknown as Record<string, unknown>;
    delete global.MediaStreamTrackProcessor;
    delete global.MediaStreamTrackGenerator;
  });
  await a.page.reload();
  await waitRegistered(a.page);
  await mergeThreeParties();
  await expect(a.page.getByTestId('conference')).toBeVisible();
  const cannotMix = a.page.getByRole('alert').filter({ hasText: 'This browser cannot mix conference audio' });
  await expect(cannotMix).toBeVisible();
  // An action in the view (which clears its error line) leaves it said.
  await a.page.getByTestId('conference').getByRole('button', { name: /Drop .*1003/ }).click();
  await expect.poll(() => liveCallIds(c!.page), { timeout: 15_000 }).toEqual([]);
  await expect(cannotMix).toBeVisible();
  // Gone with the conference.
  await a.page.getByTestId('conference').getByRole('button', { name: 'End conference' }).click();
  await expect(a.page.getByTestId('conference')).toHaveCount(0);
  await expect(cannotMix).toHaveCount(0);
});
