/**
 * Runs the app in browser mode for end-to-end tests: the real host (src-main/serve.ts) as a
 * child process with its own data dir and port, and a real Chromium showing its UI.
 *
 *   const host = await startDeskHost({ account: { user: '1001', password: 'pw', kamailio } });
 *   const desk = await openDesk(host, { tone: 440 });
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, type Page } from '@playwright/test';
import { launchChromium, type ChromiumPeer } from './chromium.js';
import type { KamailioServer } from './kamailio.js';
import { freePort } from './kamailio.js';
import { TONE_ANALYZER_SCRIPT, writeToneWav, type ToneLevels } from './tones.js';

const ROOT = resolve(import.meta.dirname, '../..');

export interface DeskAccount {
  readonly kamailio: KamailioServer;
  readonly user: string;
  readonly password: string;
  readonly displayName?: string;
  readonly dtmf?: 'rfc4733' | 'info';
}

export interface DeskHostProcess {
  readonly url: string;
  readonly port: number;
  readonly dataDir: string;
  readonly output: () => string;
  /** SIGTERM and wait. */
  stop(): Promise<void>;
  /** Start again on the same port and data dir. */
  start(): Promise<void>;
  /** SIGSTOP / SIGCONT, as KamailioServer.freeze/resume: the host keeps its connections but handles nothing (a main process busy for a moment). */
  freeze(): void;
  resume(): void;
}

/** settings.json for an account on the test Kamailio. */
export function accountSettings(account: DeskAccount): object {
  return {
    sip: {
      server: account.kamailio.wsUrl,
      uri: `sip:${account.user}@${account.kamailio.domain}`,
      username: account.user,
      password: account.password,
      display_name: account.displayName ?? `Agent ${account.user}`,
      dtmf: account.dtmf ?? 'rfc4733',
    },
  };
}

/** One exit handler for every host this process started, so none outlives a crashed test run. */
const liveHosts = new Set<() => void>();
process.once('exit', () => liveHosts.forEach((kill) => kill()));

export async function startDeskHost(options: { account?: DeskAccount; settings?: object } = {}): Promise<DeskHostProcess> {
  const dataDir = mkdtempSync(join(tmpdir(), 'desk-data-'));
  const settings = options.settings ?? (options.account ? accountSettings(options.account) : {});
  writeFileSync(join(dataDir, 'settings.json'), `${JSON.stringify(settings, null, 2)}\n`);
  const port = await freePort();
  let child: ChildProcess | undefined;
  let output = '';

  const start = async (): Promise<void> => {
    output = '';
    child = spawn(
      process.execPath,
      ['--import', 'tsx', 'src-main/serve.ts', '--data-dir', dataDir, '--port', String(port), '--test-hooks'],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const current = child;
    current.stdout?.on('data', (chunk) => (output += String(chunk)));
    current.stderr?.on('data', (chunk) => (output += String(chunk)));
    await new Promise<void>((ready, fail) => {
      const timer = setTimeout(() => fail(new Error(`desk host did not start:\n${output}`)), 30_000);
      const check = (): void => {
        if (output.includes('ready at')) {
          clearTimeout(timer);
          ready();
        }
      };
      current.stdout?.on('data', check);
      current.on('exit', (code) => {
        clearTimeout(timer);
        fail(new Error(`desk host exited with ${code}:\n${output}`));
      });
    });
  };
  const stop = async (): Promise<void> => {
    const current = child;
    child = undefined;
    if (!current || current.exitCode !== null) return;
    await new Promise<void>((done) => {
      current.once('exit', () => done());
      current.kill('SIGTERM');
      setTimeout(() => current.kill('SIGKILL'), 5000).unref();
    });
  };
  liveHosts.add(() => child?.kill('SIGKILL'));

  await start();
  return {
    url: `http://127.0.0.1:${port}/`,
    port,
    dataDir,
    output: () => output,
    stop,
    start,
    freeze: () => child?.kill('SIGSTOP'),
    resume: () => child?.kill('SIGCONT'),
  };
}

export function removeDataDir(host: DeskHostProcess): void {
  rmSync(host.dataDir, { recursive: true, force: true });
}

export interface Desk {
  readonly host: DeskHostProcess;
  readonly browser: ChromiumPeer;
  readonly page: Page;
  close(): Promise<void>;
}

/** A Chromium with its own fake-microphone tone, showing the desk. */
export async function openDesk(host: DeskHostProcess, options: { tone?: number } = {}): Promise<Desk> {
  const fakeAudioFile = options.tone ? writeToneWav({ frequency: options.tone, seconds: 30 }) : undefined;
  const origin = `http://127.0.0.1:${host.port}`;
  const browser = await launchChromium({ fakeAudioFile, origin });
  const page = browser.page;
  await page.goto(host.url);
  return {
    host,
    browser,
    page,
    close: async () => {
      await browser.close();
      if (fakeAudioFile) rmSync(fakeAudioFile, { force: true });
    },
  };
}

/** The UI's registration indicator reads "Registered…". */
export async function waitRegistered(page: Page, timeout = 15_000): Promise<void> {
  await page.getByRole('status').filter({ hasText: /Registered/ }).first().waitFor({ timeout });
}

/** Id of the live call the desk shows (from the engine, via the page's bridge). */
export async function liveCallIds(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const hooks = window.__softphoneTest;
    return hooks ? hooks.liveCallIds() : [];
  });
}

/** Inbound RTP bytes of a call's peer connection. */
export async function inboundBytes(page: Page, callId: string): Promise<number> {
  return page.evaluate(async (id) => {
    const connection = window.__softphoneTest?.peerConnection(id);
    if (!connection) return -1;
    let bytes = 0;
    (await connection.getStats()).forEach((report: { type: string; kind?: string; bytesReceived?: number }) => {
      if (report.type === 'inbound-rtp' && report.kind === 'audio') bytes += report.bytesReceived ?? 0;
    });
    return bytes;
  }, callId);
}

/**
 * What a call's media looks like from the page: its peer connection's states, the inbound RTP
 * counters and the speaker elements. For the message of a tone check that failed.
 */
export async function mediaDiagnostics(page: Page, callId: string): Promise<string> {
  return page.evaluate(async (id) => {
    const connection = window.__softphoneTest?.peerConnection(id);
    const stream = window.__softphoneTest?.remoteStream(id);
    const inbound: object[] = [];
    if (connection) {
      (await connection.getStats()).forEach((report: { type: string; kind?: string; packetsReceived?: number; audioLevel?: number; totalSamplesReceived?: number }) => {
        if (report.type !== 'inbound-rtp' || report.kind !== 'audio') return;
        const { packetsReceived, audioLevel, totalSamplesReceived } = report;
        inbound.push({ packetsReceived, audioLevel, totalSamplesReceived });
      });
    }
    const elements = [...document.querySelectorAll<HTMLAudioElement>('audio[data-role="remote-audio"]')].map((element) => ({
      paused: element.paused,
      muted: element.muted,
      readyState: element.readyState,
      currentTime: element.currentTime,
      sameStream: element.srcObject === stream,
    }));
    return JSON.stringify({
      connection: connection && {
        connectionState: connection.connectionState,
        iceConnectionState: connection.iceConnectionState,
        signalingState: connection.signalingState,
      },
      remoteTracks: stream?.getAudioTracks().map((track) => ({ readyState: track.readyState, muted: track.muted, enabled: track.enabled })),
      inbound,
      elements,
    });
  }, callId);
}

/**
 * Waits until a call's remote audio carries `hz` (above `above` dB, -50 unless told). It measures
 * once packets arrive: Chromium's Web Audio can stay silent on a remote track it was attached to
 * before the first one. When the tone never comes, the error says what the media looked like on
 * this page and, through `farEnd`, on the other one.
 */
export async function expectRemoteTone(
  page: Page,
  callId: string | (() => Promise<string>),
  hz: number,
  options: { above?: number; farEnd?: () => Promise<unknown> } = {},
): Promise<void> {
  const id = async (): Promise<string> => (typeof callId === 'string' ? callId : callId());
  try {
    await expect.poll(async () => inboundBytes(page, await id()), { timeout: 10_000 }).toBeGreaterThan(0);
    await expect
      .poll(async () => (await remoteToneLevels(page, await id(), [hz])).levels[0]!, { timeout: 10_000 })
      .toBeGreaterThan(options.above ?? -50);
  } catch (error) {
    const here = await mediaDiagnostics(page, await id()).catch(String);
    const there = options.farEnd ? JSON.stringify(await options.farEnd().catch(String)) : 'not asked';
    throw new Error(`${(error as Error).message}\nthis end: ${here}\nfar end: ${there}`, { cause: error });
  }
}

/** Levels (dB) at the given frequencies in a call's remote audio. */
export async function remoteToneLevels(page: Page, callId: string, frequencies: number[], durationMs = 800): Promise<ToneLevels> {
  const installed = await page.evaluate(() => typeof window.__measureTones === 'function');
  if (!installed) await page.evaluate(TONE_ANALYZER_SCRIPT);
  return page.evaluate(
    async ([id, freqs, duration]) => {
      const stream = window.__softphoneTest?.remoteStream(id);
      if (!stream) throw new Error(`no remote stream for call ${id}`);
      return window.__measureTones!(stream, freqs, { durationMs: duration });
    },
    [callId, frequencies, durationMs] as const,
  );
}

declare global {
  interface Window {
    __softphoneTest?: {
      liveCallIds(): string[];
      peerConnection(callId: string): RTCPeerConnection | undefined;
      remoteStream(callId: string): MediaStream | undefined;
      dtmfReceived(callId: string): string[];
      dtmfSentInBand(callId: string): string[];
    };
  }
}
