/** Shared set-up for the desk's end-to-end tests: one Kamailio per file, desks per test. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, type Page } from '@playwright/test';
import { startKamailio, type KamailioServer } from '../support/kamailio.js';
import {
  inboundBytes,
  liveCallIds,
  openDesk,
  removeDataDir,
  startDeskHost,
  waitRegistered,
  type Desk,
  type DeskAccount,
} from '../support/desk-app.js';

export const USERS: Record<string, string> = {
  '1001': 'pw-1001',
  '1002': 'pw-1002',
  '1003': 'pw-1003',
  '1004': 'pw-1004',
};

export async function kamailioForTests(): Promise<KamailioServer> {
  return startKamailio({ users: USERS });
}

/** A registered desk for `user`, with its own host, data dir and Chromium. */
export async function registeredDesk(
  kamailio: KamailioServer,
  user: string,
  options: { tone?: number; dtmf?: DeskAccount['dtmf']; password?: string } = {},
): Promise<Desk> {
  const host = await startDeskHost({
    account: { kamailio, user, password: options.password ?? USERS[user]!, dtmf: options.dtmf },
  });
  const desk = await openDesk(host, { tone: options.tone });
  if (options.password === undefined) await waitRegistered(desk.page);
  return desk;
}

export async function closeDesks(...desks: Array<Desk | undefined>): Promise<void> {
  for (const desk of desks) {
    if (!desk) continue;
    await desk.close().catch(() => undefined);
    await desk.host.stop().catch(() => undefined);
    removeDataDir(desk.host);
  }
}

export async function dial(page: Page, target: string): Promise<void> {
  await page.getByLabel('Number or SIP address').fill(target);
  await page.getByRole('button', { name: 'Call', exact: true }).click();
}

/** Waits for the ring and answers it from the UI. */
export async function answer(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Answer', exact: true }).click({ timeout: 15_000 });
}

/** The one live SIP leg on this page, once there is exactly one. */
export async function onlyCall(page: Page): Promise<string> {
  await expect.poll(async () => (await liveCallIds(page)).length, { timeout: 15_000 }).toBe(1);
  return (await liveCallIds(page))[0]!;
}

/** Inbound RTP bytes grow on this page's call within a few seconds. */
export async function expectAudioFlowing(page: Page, callId: string): Promise<void> {
  const before = await inboundBytes(page, callId);
  await expect.poll(async () => (await inboundBytes(page, callId)) - before, { timeout: 10_000 }).toBeGreaterThan(1000);
}

/**
 * Change what the page's getUserMedia does: 'missing' fails as a machine without a microphone
 * does (NotFoundError); `{ delayMs }` opens the (fake) microphone that much later. Resolves to
 * the function that puts the page's own back, for desks a spec's tests share.
 */
export async function replaceMicrophone(page: Page, how: 'missing' | { delayMs: number }): Promise<() => Promise<void>> {
  await page.evaluate((change) => {
    const media = navigator.mediaDevices;
    const page = window as unknown as { __ownGetUserMedia?: MediaDevices['getUserMedia'] };
    page.__ownGetUserMedia ??= media.getUserMedia;
    const own = page.__ownGetUserMedia;
    media.getUserMedia =
      change === 'missing'
        ? () => Promise.reject(new DOMException('Requested device not found', 'NotFoundError'))
        : (constraints) => new Promise((resolve) => setTimeout(resolve, change.delayMs)).then(() => own.call(media, constraints));
  }, how);
  return async () => {
    await page.evaluate(() => {
      const page = window as unknown as { __ownGetUserMedia?: MediaDevices['getUserMedia'] };
      if (page.__ownGetUserMedia) navigator.mediaDevices.getUserMedia = page.__ownGetUserMedia;
    });
  };
}

/**
 * Choose the microphone and/or speaker by name in Settings → Audio (Chromium's fake devices:
 * "Fake Audio Input 1", "Fake Audio Output 2"…), save, and wait until settings.json holds the
 * choice. Returns the chosen device ids.
 */
export async function chooseAudioDevices(
  desk: Desk,
  choice: { microphone?: string; speaker?: string },
): Promise<{ microphone?: string; speaker?: string }> {
  const page = desk.page;
  await page.getByRole('button', { name: /^Settings/ }).click();
  const chosen: { microphone?: string; speaker?: string } = {};
  for (const [key, label] of [['microphone', 'Microphone'], ['speaker', 'Speaker']] as const) {
    const name = choice[key];
    if (!name) continue;
    const select = page.getByLabel(label, { exact: true });
    await expect(select.locator('option', { hasText: name })).toHaveCount(1);
    chosen[key] = (await select.locator('option', { hasText: name }).getAttribute('value')) ?? undefined;
    await select.selectOption({ label: name });
  }
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  const saved = (): Record<string, unknown> => JSON.parse(readFileSync(join(desk.host.dataDir, 'settings.json'), 'utf8')).audio ?? {};
  if (chosen.microphone) await expect.poll(() => saved().microphone_id).toBe(chosen.microphone);
  if (chosen.speaker) await expect.poll(() => saved().speaker_id).toBe(chosen.speaker);
  return chosen;
}

/**
 * Count the page's microphone opens (getUserMedia calls) from now on, and how many tracks of
 * the streams they gave are still live (not stopped).
 */
export async function recordMicrophoneOpens(page: Page): Promise<{ opens(): Promise<number>; liveTracks(): Promise<number> }> {
  await page.evaluate(() => {
    const media = navigator.mediaDevices;
    const page = window as unknown as { __micStreams?: MediaStream[] };
    if (page.__micStreams) return;
    const streams: MediaStream[] = (page.__micStreams = []);
    const open = media.getUserMedia.bind(media);
    media.getUserMedia = async (constraints) => {
      const stream = await open(constraints);
      streams.push(stream);
      return stream;
    };
  });
  const read = (what: 'opens' | 'live'): Promise<number> =>
    page.evaluate((which) => {
      const streams = (window as unknown as { __micStreams: MediaStream[] }).__micStreams;
      if (which === 'opens') return streams.length;
      return streams.flatMap((s) => s.getTracks()).filter((t) => t.readyState === 'live').length;
    }, what);
  return { opens: () => read('opens'), liveTracks: () => read('live') };
}

/** One text frame the page sent on any of its WebSockets (SIP, or the desk's own JSON). */
export interface SentFrame {
  readonly data: string;
  /** Whether a ring card was in the page as the frame left (the order of ring and messages). */
  readonly ringCardShown: boolean;
}

/**
 * Note every text frame the page sends from now on, on every WebSocket (patched on the
 * prototype, so sockets already open are covered). `take()` returns those noted since the last
 * take, in order. Installing it twice on one page notes each frame once, into one queue: every
 * recorder on a page (`recordSentSip` too) takes from that queue, so use one per page.
 */
export async function recordSentFrames(page: Page): Promise<{ take(): Promise<SentFrame[]> }> {
  await page.evaluate(() => {
    const page = window as unknown as { __sentFrames?: SentFrame[] };
    if (page.__sentFrames) return;
    const sent: SentFrame[] = (page.__sentFrames = []);
    const send = WebSocket.prototype.send;
    WebSocket.prototype.send = function (data) {
      if (typeof data === 'string') sent.push({ data, ringCardShown: document.querySelector('.ring-card') !== null });
      return send.call(this, data);
    };
  });
  return {
    take: () => page.evaluate(() => (window as unknown as { __sentFrames: SentFrame[] }).__sentFrames.splice(0)),
  };
}

/** One SIP message the page sent: its first word, and whether it carried SDP or proxy credentials. */
export interface SentSip {
  readonly method: string;
  readonly sdp: boolean;
  readonly signed: boolean;
}

/**
 * Note every SIP message the page sends from now on (the desk's own JSON frames are left out).
 * `take()` returns those noted since the last take, in order.
 */
export async function recordSentSip(page: Page): Promise<{ take(): Promise<SentSip[]> }> {
  const frames = await recordSentFrames(page);
  return {
    take: async () =>
      (await frames.take())
        .map(({ data }) => data)
        .filter((data) => !data.startsWith('{') && !data.startsWith('['))
        .map((data) => ({
          method: data.slice(0, data.indexOf(' ')),
          sdp: /\r\nContent-Type:\s*application\/sdp/i.test(data),
          signed: /\r\nProxy-Authorization:/i.test(data),
        })),
  };
}

/**
 * A desk contract method over a second connection from the page's origin, as another window or
 * an integration would send it. Resolves to the reply's result ({ ok, value } or { ok, error }).
 */
export async function invokeDesk(page: Page, method: string, params: object): Promise<{ ok: boolean; value?: unknown; error?: { message: string } }> {
  return page.evaluate(
    async ([name, body]) => {
      const socket = new WebSocket(`ws://${location.host}/desk`);
      await new Promise((resolve) => socket.addEventListener('open', resolve, { once: true }));
      const reply = new Promise<string>((resolve) =>
        socket.addEventListener('message', (m) => {
          if (String(m.data).includes('"id":1')) resolve(String(m.data));
        }),
      );
      socket.send(JSON.stringify({ id: 1, method: name, params: body }));
      const text = await reply;
      socket.close();
      const parsed = JSON.parse(text) as { result: { ok: boolean; value?: unknown; error?: { message: string } } };
      return parsed.result;
    },
    [method, params] as const,
  );
}
