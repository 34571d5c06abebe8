/**
 * Call-latency benchmark: this app (browser mode, the real host and UI in Chromium) against a
 * bare SIP.js page (test/support/baseline), through ONE real Kamailio on loopback, in one run.
 *
 *   node --import tsx test/bench/call-latency.bench.ts [--calls 100] [--warmup 2] [--answer-delay 500]
 *   (or: npm run bench, or npm run bench -- call-latency --calls 40)
 *
 * Metrics per call (definitions and mark positions: docs/benchmarks.md):
 *   ring            caller's first INVITE frame on the WebSocket → callee's ring UI in the DOM
 *   click-to-ring   caller's click on Call → callee's ring UI in the DOM
 *   answer→audio    callee's click on Answer → first inbound RTP audio bytes (getStats), measured
 *                   at the callee, at the caller, and the max of both
 *
 * Both kinds of softphone are driven the same way (Playwright fills "Number or SIP address",
 * clicks "Call", "Answer", "Hang up") and measured by the same in-page probe (page-probe.ts).
 * App and baseline calls alternate (AB BA AB …) so machine noise lands on both alike.
 *
 * Prints a table (median, p95, ratio app/baseline, target ≤ 1.2× met / not met) and writes
 * test-results/bench-calls.json. Exits 0 whatever the numbers; non-zero only if the bench could
 * not run (set-up failed, or too many calls failed to complete).
 */
import type { Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, release, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { BaselinePeer, startBaselineServer, type BaselineServer } from '../support/baseline/index.js';
import { tracePages } from './answer-trace.js';
import { launchChromium, type ChromiumPeer } from '../support/chromium.js';
import { removeDataDir, startDeskHost, waitRegistered, type DeskHostProcess } from '../support/desk-app.js';
import { startKamailio, type KamailioServer } from '../support/kamailio.js';
import { writeToneWav } from '../support/tones.js';
import { AUDIO_POLL_MS, PAGE_PROBE_SCRIPT, type ProbeFrame, type ProbeResult } from './page-probe.js';
import { summarize, type Summary } from './stats.js';

const ROOT = resolve(import.meta.dirname, '../..');
const RESULTS_FILE = join(ROOT, 'test-results', 'bench-calls.json');
const TARGET_RATIO = 1.2;
/** Opus packet time WebRTC uses by default: dates the first packet from the stats (see toSample). */
const OPUS_PTIME_MS = 20;

const { values: args } = parseArgs({
  options: {
    calls: { type: 'string', default: process.env.BENCH_CALLS ?? '100' },
    warmup: { type: 'string', default: process.env.BENCH_WARMUP ?? '2' },
    'answer-delay': { type: 'string', default: process.env.BENCH_ANSWER_DELAY_MS ?? '500' },
    out: { type: 'string', default: RESULTS_FILE },
  },
  strict: false, // `npm run bench` passes the other benches' options too
});
const CALLS = positiveInt(String(args.calls), 'calls');
const WARMUP = nonNegativeInt(String(args.warmup), 'warmup');
const ANSWER_DELAY_MS = nonNegativeInt(String(args['answer-delay']), 'answer-delay');
/** Failed calls tolerated per kind (each is retried) before the bench gives up. */
const MAX_FAILURES = 5;
const STEP_TIMEOUT_MS = Number(process.env.BENCH_STEP_TIMEOUT_MS ?? 15_000);

const USERS: Record<string, string> = {
  '1001': 'bench-pw-1001',
  '1002': 'bench-pw-1002',
  '2001': 'bench-pw-2001',
  '2002': 'bench-pw-2002',
};

type Kind = 'app' | 'baseline';

/** One softphone in its own Chromium (its own fake microphone tone). */
interface Phone {
  readonly kind: Kind;
  readonly user: string;
  readonly page: Page;
  /** No call, no ring, nothing to hang up. */
  isIdle(): Promise<boolean>;
  close(): Promise<void>;
}

interface Pair {
  readonly kind: Kind;
  readonly caller: Phone;
  readonly callee: Phone;
  /** What the caller types into "Number or SIP address". */
  readonly target: string;
}

const METRICS = {
  ringMs: 'ring: INVITE sent → ring shown',
  clickToRingMs: 'click Call → ring shown',
  answerToAudioCalleeMs: 'answer → audio (callee)',
  answerToAudioCallerMs: 'answer → audio (caller)',
  answerToAudioMs: 'answer → audio (max of both)',
} as const;
type MetricName = keyof typeof METRICS;
/** The issue's targets: these two must be within 1.2× the baseline (median and p95). */
const HEADLINE: MetricName[] = ['ringMs', 'answerToAudioMs'];

const PHASES = {
  clickToInvite: 'caller: click Call → first INVITE sent',
  clickToDialCommand: 'caller: click Call → dial command from main (app)',
  dialCommandToInvite: 'caller: dial command → first INVITE sent (app)',
  inviteWire: 'first INVITE sent → INVITE at callee (407 + proxy)',
  inviteToRingShown: 'callee: INVITE received → ring shown',
  inviteToIncomingDecision: 'callee: INVITE received → sip.incoming reply (app)',
  inviteToRingingEvent: 'callee: INVITE received → call.updated RINGING (app)',
  ringingEventToRingShown: 'callee: call.updated RINGING → ring shown (app)',
  ringShownToPainted: 'callee: ring shown → next frame',
  answerClickTo200: 'callee: click Answer → 200 OK sent',
  answerClickToCommand: 'callee: click Answer → answer command from main (app)',
  answerCommandTo200: 'callee: answer command → 200 OK sent (app)',
  callerIceGathering: 'caller: ICE gathering (start → complete)',
  calleeIceGathering: 'callee: ICE gathering (start → complete)',
  okWire: '200 OK sent → 200 OK at caller',
  callee200ToAudio: 'callee: 200 OK sent → first audio',
  caller200ToAudio: 'caller: 200 OK received → first audio',
} as const;
type PhaseName = keyof typeof PHASES;

interface CallSample {
  kind: Kind;
  round: number;
  warmup: boolean;
  metrics: Record<MetricName, number>;
  phases: Partial<Record<PhaseName, number>>;
  /** Extra: ring painted (one frame after the DOM change), from the first INVITE. */
  ringPaintedMs: number | null;
  /** Baseline only: its own firstAudio mark (10 ms getStats poll), as a cross-check of the probe. */
  baselineOwnAnswerToAudioCalleeMs?: number | null;
  /** App only: the polled connection is the one the app's test hook reports for the call. */
  samePeerConnection?: boolean | null;
  /**
   * First inbound audio packet as dated by the WebRTC stack (lastPacketReceivedTimestamp at the
   * first poll that saw bytes, minus (packetsReceived − 1) × 20 ms of Opus ptime), from the click
   * on Answer; null when the stats gave no usable timestamp. Cross-check of the polled metric.
   */
  answerToFirstPacketMs: { callee: number | null; caller: number | null };
  /** How long after that packet the page's poll saw it (main-thread and poll-period delay). */
  pollLagMs: { callee: number | null; caller: number | null };
  /** Frames of the call, first line only, ms from the caller's click on Call. */
  frames: { caller: FrameLine[]; callee: FrameLine[] };
  /** RTCPeerConnection events, ms from the caller's click on Call. */
  pcEvents: { caller: FrameLine[]; callee: FrameLine[] };
  probeErrors: string[];
}

interface FrameLine {
  ms: number;
  dir: 'in' | 'out';
  line: string;
}

// ── Small helpers ───────────────────────────────────────────────────────────

function positiveInt(text: string | undefined, name: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive integer, got ${text}`);
  return n;
}
function nonNegativeInt(text: string | undefined, name: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be an integer ≥ 0, got ${text}`);
  return n;
}
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const say = (line: string): void => void process.stdout.write(`${line}\n`);
const fmt = (ms: number | undefined | null): string => (ms === undefined || ms === null ? '—' : ms.toFixed(1));

async function until(what: string, check: () => Promise<boolean>, timeoutMs = STEP_TIMEOUT_MS, stepMs = 25): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await sleep(stepMs);
  }
  if (!(await check())) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

/** BENCH_CONSOLE=1: echo the pages' console and errors (debugging aid). */
function watchConsole(page: Page, label: string): void {
  if (process.env.BENCH_CONSOLE !== '1') return;
  page.on('console', (message) => say(`[${label}] ${message.type()}: ${message.text()}`));
  page.on('pageerror', (error) => say(`[${label}] pageerror: ${error.message}`));
}

// ── Opening the softphones ──────────────────────────────────────────────────

const APP_IDLE = `(() => {
  const hooks = window.__softphoneTest;
  if (!hooks || hooks.liveCallIds().length > 0) return false;
  return !window.__bench.hasButton('Answer') && !window.__bench.hasButton('Hang up');
})()`;

/** The app: its own host (data dir, port, --test-hooks) and a Chromium showing its UI. */
async function openAppPhone(kamailio: KamailioServer, user: string, tone: number, cleanups: Cleanup[]): Promise<Phone> {
  const host: DeskHostProcess = await startDeskHost({ account: { kamailio, user, password: USERS[user]! } });
  cleanups.push(async () => {
    await host.stop();
    removeDataDir(host);
  });
  const toneFile = writeToneWav({ frequency: tone, seconds: 30 });
  const browser: ChromiumPeer = await launchChromium({ fakeAudioFile: toneFile, origin: `http://127.0.0.1:${host.port}` });
  cleanups.push(async () => {
    await browser.close();
    rmSync(toneFile, { force: true });
  });
  await browser.context.addInitScript(PAGE_PROBE_SCRIPT);
  const page = browser.page;
  watchConsole(page, `app ${user}`);
  await page.goto(host.url);
  await page.bringToFront();
  await waitRegistered(page, 30_000);
  if (!(await page.evaluate('typeof window.__bench === "object" && typeof window.__softphoneTest === "object"'))) {
    throw new Error('app page: the probe or the --test-hooks are missing');
  }
  return {
    kind: 'app',
    user,
    page,
    isIdle: async () => (await page.evaluate(APP_IDLE)) === true,
    close: () => browser.close(),
  };
}

/**
 * The bare SIP.js page, plus a minimal UI made of the same names as the app's (an input
 * "Number or SIP address", buttons "Call", "Answer", "Hang up") whose click handlers call
 * window.baseline directly, so Playwright drives both softphones with identical actions.
 */
const BASELINE_UI = `(() => {
  if (document.getElementById('bench-ui')) return;
  const ui = document.createElement('div');
  ui.id = 'bench-ui';
  const input = document.createElement('input');
  input.setAttribute('aria-label', 'Number or SIP address');
  ui.append(input);
  const add = (name, action) => {
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = name;
    b.addEventListener('click', () => {
      Promise.resolve().then(action).catch((e) => (window.__benchUiErrors = window.__benchUiErrors || []).push(name + ': ' + e));
    });
    ui.append(b);
  };
  add('Call', () => window.baseline.call(input.value));
  add('Answer', () => window.baseline.answer());
  add('Hang up', () => window.baseline.hangup());
  document.body.append(ui);
})()`;

async function openBaselinePhone(
  server: BaselineServer,
  kamailio: KamailioServer,
  user: string,
  tone: number,
  cleanups: Cleanup[],
): Promise<Phone> {
  const toneFile = writeToneWav({ frequency: tone, seconds: 30 });
  const browser = await launchChromium({ fakeAudioFile: toneFile, origin: server.origin });
  cleanups.push(async () => {
    await browser.close();
    rmSync(toneFile, { force: true });
  });
  await browser.context.addInitScript(PAGE_PROBE_SCRIPT);
  watchConsole(browser.page, `baseline ${user}`);
  const peer = await BaselinePeer.attach(browser.page, server, user, () => browser.close());
  await peer.page.evaluate(BASELINE_UI);
  const registered = await peer.register(kamailio, user, USERS[user]!);
  if (!registered.ok) throw new Error(`baseline ${user}: REGISTER failed: ${JSON.stringify(registered)}`);
  const page = peer.page;
  return {
    kind: 'baseline',
    user,
    page,
    isIdle: async () => {
      const state = await peer.state();
      return state === 'idle' || state === 'terminated';
    },
    close: () => browser.close(),
  };
}

// ── One measured call ───────────────────────────────────────────────────────

async function probeResult(page: Page): Promise<ProbeResult> {
  return (await page.evaluate('window.__bench.result()')) as ProbeResult;
}

/** Wait in the page (event-driven, see page-probe.ts) until the probe has taken `mark`. */
async function waitMark(page: Page, who: string, mark: string): Promise<void> {
  const ok = await page.evaluate(`window.__bench.waitMark(${JSON.stringify(mark)}, ${STEP_TIMEOUT_MS})`);
  if (ok === true) return;
  const result = await probeResult(page).catch(() => undefined);
  throw new Error(`${who}: no "${mark}" mark within ${STEP_TIMEOUT_MS} ms; marks ${JSON.stringify(result?.marks)}`);
}

async function measureCall(pair: Pair, round: number, warmup: boolean): Promise<CallSample> {
  const { caller, callee } = pair;
  // Background pages are throttled, even headless: each browser shows its page in front.
  await caller.page.bringToFront();
  await callee.page.bringToFront();
  await until(`${pair.kind}: both sides idle before the call`, async () => (await caller.isIdle()) && (await callee.isIdle()));

  await caller.page.getByLabel('Number or SIP address').fill(pair.target);
  await caller.page.evaluate('window.__bench.arm(null)');
  await callee.page.evaluate(`window.__bench.arm(${JSON.stringify(pair.kind)})`);

  const profiler = process.env.BENCH_PROFILE_RING && pair.kind === 'app' && !warmup ? await callee.page.context().newCDPSession(callee.page) : undefined;
  if (profiler) {
    await profiler.send('Profiler.enable');
    await profiler.send('Profiler.setSamplingInterval', { interval: 100 });
    await profiler.send('Profiler.start');
  }
  const allocs = process.env.BENCH_ALLOC_RING && !warmup ? await callee.page.context().newCDPSession(callee.page) : undefined;
  if (allocs) {
    await allocs.send('HeapProfiler.enable');
    await allocs.send('HeapProfiler.startSampling', { samplingInterval: 256, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
  }
  const ringTrace = process.env.BENCH_TRACE_RING && !warmup ? await tracePages([callee.page, caller.page]) : undefined;
  await caller.page.getByRole('button', { name: 'Call', exact: true }).click();
  try {
    await waitMark(callee.page, `${pair.kind} callee`, 'ringShown');
    if (allocs) {
      const { profile } = await allocs.send('HeapProfiler.stopSampling');
      writeFileSync(join(ROOT, 'test-results', `ring-alloc-${pair.kind}-${round}.heapprofile`), JSON.stringify(profile));
      await allocs.detach();
    }
    if (ringTrace) {
      await sleep(40);
      const [calleeEvents, callerEvents] = await ringTrace.stop();
      const marks = await Promise.all([probeResult(callee.page), probeResult(caller.page)]);
      writeFileSync(join(ROOT, 'test-results', `ring-trace-${pair.kind}-${round}.json`), JSON.stringify({ callee: calleeEvents, caller: callerEvents, marks }));
    }
    if (profiler) {
      await sleep(40);
      const { profile } = await profiler.send('Profiler.stop');
      writeFileSync(join(ROOT, 'test-results', `ring-profile-${round}.cpuprofile`), JSON.stringify(profile));
      await profiler.detach();
    }
  } catch (error) {
    const sent = await probeResult(caller.page).catch(() => undefined);
    const lines = sent?.frames.map((f) => `${f.dir} ${f.head.split('\r\n')[0]!.slice(0, 100)}`).join('\n    ');
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n  caller frames:\n    ${lines ?? '?'}`, { cause: error });
  }

  if (ANSWER_DELAY_MS > 0) await sleep(ANSWER_DELAY_MS);
  await callee.page.bringToFront();
  await caller.page.evaluate('window.__bench.startAudioPoll()');
  const answerProfiler = process.env.BENCH_PROFILE_ANSWER && pair.kind === 'app' && !warmup ? await callee.page.context().newCDPSession(callee.page) : undefined;
  if (answerProfiler) {
    await answerProfiler.send('Profiler.enable');
    await answerProfiler.send('Profiler.setSamplingInterval', { interval: 100 });
    await answerProfiler.send('Profiler.start');
  }
  const trace = process.env.BENCH_TRACE_ANSWER && !warmup ? await tracePages([callee.page, caller.page]) : undefined;
  await callee.page.getByRole('button', { name: 'Answer', exact: true }).click();
  await Promise.all([waitMark(callee.page, `${pair.kind} callee`, 'firstAudio'), waitMark(caller.page, `${pair.kind} caller`, 'firstAudio')]);
  if (trace) {
    const [calleeEvents, callerEvents] = await trace.stop();
    const marks = await Promise.all([probeResult(callee.page), probeResult(caller.page)]);
    const file = join(ROOT, 'test-results', `trace-${pair.kind}-${round}.json`);
    writeFileSync(file, JSON.stringify({ callee: calleeEvents, caller: callerEvents, marks }));
  }
  if (answerProfiler) {
    const { profile } = await answerProfiler.send('Profiler.stop');
    writeFileSync(join(ROOT, 'test-results', `answer-profile-${round}.cpuprofile`), JSON.stringify(profile));
    await answerProfiler.detach();
  }

  const [a, b] = await Promise.all([probeResult(caller.page), probeResult(callee.page)]);
  const samePeerConnection =
    pair.kind === 'app'
      ? ((await caller.page.evaluate('window.__bench.samePcAsApp()')) as boolean | null) === true &&
        ((await callee.page.evaluate('window.__bench.samePcAsApp()')) as boolean | null) === true
      : undefined;
  const baselineOwn =
    pair.kind === 'baseline'
      ? ((await callee.page.evaluate('window.baseline.marks()')) as { firstAudio?: number; answerClicked?: number })
      : undefined;

  await Promise.all([caller.page.evaluate('window.__bench.disarm()'), callee.page.evaluate('window.__bench.disarm()')]);
  await caller.page.getByRole('button', { name: 'Hang up', exact: true }).click();
  await until(`${pair.kind}: both sides idle after hang-up`, async () => (await caller.isIdle()) && (await callee.isIdle()));

  const sample = toSample(pair.kind, round, warmup, a, b);
  sample.samePeerConnection = samePeerConnection;
  if (baselineOwn) {
    sample.baselineOwnAnswerToAudioCalleeMs =
      baselineOwn.firstAudio !== undefined && baselineOwn.answerClicked !== undefined ? baselineOwn.firstAudio - baselineOwn.answerClicked : null;
  }
  return sample;
}

function need(result: ProbeResult, mark: string, who: string): number {
  const value = result.marks[mark];
  if (value === undefined) throw new Error(`${who} has no "${mark}" mark: ${JSON.stringify(result.marks)}`);
  return value;
}

const firstFrame = (frames: ProbeFrame[], dir: 'in' | 'out', test: (f: ProbeFrame) => boolean, after = -Infinity): ProbeFrame | undefined =>
  frames.find((f) => f.dir === dir && f.t >= after && test(f));

const isInvite200 = (f: ProbeFrame): boolean => f.head.startsWith('SIP/2.0 200') && f.cseq === 'INVITE';
const bridgeRequest = (method: string) => (f: ProbeFrame) => f.head.startsWith('{') && f.head.includes(`"method":"${method}"`);
const bridgeCommand = (type: string) => (f: ProbeFrame) =>
  f.head.startsWith('{') && f.head.includes('"event":"telephony.command"') && f.head.includes(`"type":"${type}"`);

/** The reply frame ({"id":N,...}) to the first request of `method`. */
function bridgeReply(frames: ProbeFrame[], method: string): ProbeFrame | undefined {
  const request = firstFrame(frames, 'out', bridgeRequest(method));
  const id = request && /"id":(\d+)/.exec(request.head)?.[1];
  if (!request || !id) return undefined;
  return firstFrame(frames, 'in', (f) => f.head.startsWith(`{"id":${id},`), request.t);
}

function toSample(kind: Kind, round: number, warmup: boolean, caller: ProbeResult, callee: ProbeResult): CallSample {
  const inviteSent = need(caller, 'inviteSent', 'caller');
  const callClick = need(caller, 'click:Call', 'caller');
  const ringShown = need(callee, 'ringShown', 'callee');
  const answerClick = need(callee, 'click:Answer', 'callee');
  const calleeAudio = need(callee, 'firstAudio', 'callee');
  const callerAudio = need(caller, 'firstAudio', 'caller');
  const metrics: Record<MetricName, number> = {
    ringMs: ringShown - inviteSent,
    clickToRingMs: ringShown - callClick,
    answerToAudioCalleeMs: calleeAudio - answerClick,
    answerToAudioCallerMs: callerAudio - answerClick,
    answerToAudioMs: Math.max(calleeAudio, callerAudio) - answerClick,
  };

  const inviteReceived = callee.marks.inviteReceived;
  const ringPainted = callee.marks.ringPainted;
  const ok200Sent = firstFrame(callee.frames, 'out', isInvite200)?.t;
  const ok200Received = firstFrame(caller.frames, 'in', isInvite200)?.t;
  const dialCommand = firstFrame(caller.frames, 'in', bridgeCommand('dial'))?.t;
  const incomingDecision = bridgeReply(callee.frames, 'sip.incoming')?.t;
  const ringingEvent = firstFrame(
    callee.frames,
    'in',
    (f) => f.head.startsWith('{"event":"call.updated"') && f.head.includes('"state":"RINGING"'),
  )?.t;
  const answerCommand = firstFrame(callee.frames, 'in', bridgeCommand('answer'), answerClick)?.t;
  const pcEvent = (result: ProbeResult, what: string): number | undefined => result.pcEvents.find((e) => e.what === what)?.t;
  const diff = (to: number | undefined, from: number | undefined): number | undefined =>
    to === undefined || from === undefined ? undefined : to - from;
  const phases: Partial<Record<PhaseName, number>> = {
    clickToInvite: diff(inviteSent, callClick),
    clickToDialCommand: diff(dialCommand, callClick),
    dialCommandToInvite: diff(inviteSent, dialCommand),
    inviteWire: diff(inviteReceived, inviteSent),
    inviteToRingShown: diff(ringShown, inviteReceived),
    inviteToIncomingDecision: diff(incomingDecision, inviteReceived),
    inviteToRingingEvent: diff(ringingEvent, inviteReceived),
    ringingEventToRingShown: diff(ringShown, ringingEvent),
    ringShownToPainted: diff(ringPainted, ringShown),
    answerClickTo200: diff(ok200Sent, answerClick),
    answerClickToCommand: diff(answerCommand, answerClick),
    answerCommandTo200: diff(ok200Sent, answerCommand),
    callerIceGathering: diff(pcEvent(caller, 'gathering:complete'), pcEvent(caller, 'gathering:gathering')),
    calleeIceGathering: diff(pcEvent(callee, 'gathering:complete'), pcEvent(callee, 'gathering:gathering')),
    okWire: diff(ok200Received, ok200Sent),
    callee200ToAudio: diff(calleeAudio, ok200Sent),
    caller200ToAudio: diff(callerAudio, ok200Received),
  };
  for (const key of Object.keys(phases) as PhaseName[]) if (phases[key] === undefined) delete phases[key];

  const lines = (frames: ProbeFrame[]): FrameLine[] =>
    frames.map((f) => ({
      ms: Number((f.t - callClick).toFixed(2)),
      dir: f.dir,
      line: f.head.split('\r\n')[0]!.slice(0, 120) + (f.cseq ? ` [CSeq ${f.cseq}]` : ''),
    }));
  const firstPacket = (result: ProbeResult): number | null => {
    const last = result.marks.firstAudioLastPacketAt;
    const packets = result.marks.firstAudioPackets;
    const seen = result.marks.firstAudio;
    if (last === undefined || packets === undefined || seen === undefined || packets < 1) return null;
    const first = last - (packets - 1) * OPUS_PTIME_MS;
    // Only if the stack's clock is the page's epoch clock (it is in Chromium): else ignore.
    return first > answerClick - 1 && last <= seen + 1 ? first : null;
  };
  const calleePacket = firstPacket(callee);
  const callerPacket = firstPacket(caller);
  const events = (result: ProbeResult): FrameLine[] =>
    result.pcEvents.map((e) => ({ ms: Number((e.t - callClick).toFixed(2)), dir: 'in', line: e.what }));
  return {
    kind,
    round,
    warmup,
    metrics,
    phases,
    ringPaintedMs: ringPainted === undefined ? null : ringPainted - inviteSent,
    answerToFirstPacketMs: {
      callee: calleePacket === null ? null : calleePacket - answerClick,
      caller: callerPacket === null ? null : callerPacket - answerClick,
    },
    pollLagMs: {
      callee: calleePacket === null ? null : calleeAudio - calleePacket,
      caller: callerPacket === null ? null : callerAudio - callerPacket,
    },
    frames: { caller: lines(caller.frames), callee: lines(callee.frames) },
    pcEvents: { caller: events(caller), callee: events(callee) },
    probeErrors: [...caller.errors.map((e) => `caller: ${e}`), ...callee.errors.map((e) => `callee: ${e}`)],
  };
}

/** After a failed call: end whatever is left on both sides and wait until they are idle. */
async function recover(pair: Pair): Promise<void> {
  for (const phone of [pair.caller, pair.callee]) {
    await phone.page.evaluate('window.__bench && window.__bench.disarm()').catch(() => undefined);
    for (const name of ['Hang up', 'Decline']) {
      const button = phone.page.getByRole('button', { name, exact: true });
      if ((await button.count().catch(() => 0)) > 0) await button.first().click({ timeout: 2000 }).catch(() => undefined);
    }
    if (phone.kind === 'baseline') await phone.page.evaluate('window.baseline.hangup()').catch(() => undefined);
  }
  await until(`${pair.kind}: idle after recovery`, async () => (await pair.caller.isIdle()) && (await pair.callee.isIdle()), 20_000).catch(
    (error: unknown) => say(`  recovery: ${String(error)}`),
  );
  await sleep(500);
}

// ── Reporting ───────────────────────────────────────────────────────────────

interface MetricReport {
  label: string;
  app: Summary;
  baseline: Summary;
  ratio: { median: number; p95: number };
  target: number;
  met: { median: boolean; p95: boolean; both: boolean };
}

function report(samples: CallSample[]): {
  metrics: Record<MetricName, MetricReport>;
  phases: Record<string, unknown>;
  crossCheck: Record<string, unknown>;
  verdict: string;
} {
  const measured = (kind: Kind): CallSample[] => samples.filter((s) => s.kind === kind && !s.warmup);
  const app = measured('app');
  const base = measured('baseline');
  const metrics = {} as Record<MetricName, MetricReport>;
  for (const name of Object.keys(METRICS) as MetricName[]) {
    const a = summarize(app.map((s) => s.metrics[name]));
    const b = summarize(base.map((s) => s.metrics[name]));
    const ratio = { median: a.median / b.median, p95: a.p95 / b.p95 };
    const met = { median: ratio.median <= TARGET_RATIO, p95: ratio.p95 <= TARGET_RATIO, both: false };
    met.both = met.median && met.p95;
    metrics[name] = { label: METRICS[name], app: a, baseline: b, ratio, target: TARGET_RATIO, met };
  }
  const phases: Record<string, unknown> = {};
  for (const name of Object.keys(PHASES) as PhaseName[]) {
    const of = (list: CallSample[]): Summary | null => {
      const values = list.map((s) => s.phases[name]).filter((v): v is number => v !== undefined);
      return values.length > 0 ? summarize(values) : null;
    };
    phases[name] = { label: PHASES[name], app: of(app), baseline: of(base) };
  }
  const allMet = HEADLINE.every((m) => metrics[m].met.both);
  const verdict = allMet ? 'met' : 'not met';
  // Cross-check of answer → audio dated by the WebRTC stack instead of the page's poll.
  const crossCheck: Record<string, unknown> = {};
  const pick = {
    answerToFirstPacketCalleeMs: (s: CallSample) => s.answerToFirstPacketMs.callee,
    answerToFirstPacketCallerMs: (s: CallSample) => s.answerToFirstPacketMs.caller,
    answerToFirstPacketMs: (s: CallSample) =>
      s.answerToFirstPacketMs.callee === null || s.answerToFirstPacketMs.caller === null
        ? null
        : Math.max(s.answerToFirstPacketMs.callee, s.answerToFirstPacketMs.caller),
    pollLagMs: (s: CallSample) => s.pollLagMs.callee,
  };
  for (const [name, get] of Object.entries(pick)) {
    const of = (list: CallSample[]): Summary | null => {
      const values = list.map(get).filter((v): v is number => v !== null);
      return values.length > 0 ? summarize(values) : null;
    };
    const a = of(app);
    const b = of(base);
    crossCheck[name] = { app: a, baseline: b, ratio: a && b ? { median: a.median / b.median, p95: a.p95 / b.p95 } : null };
  }
  return { metrics, phases, crossCheck, verdict };
}

function printTables(result: ReturnType<typeof report>): void {
  const rows: string[][] = [['metric (ms)', 'app med', 'base med', 'ratio', 'app p95', 'base p95', 'ratio', `target ≤${TARGET_RATIO}×`]];
  for (const [name, m] of Object.entries(result.metrics) as [MetricName, MetricReport][]) {
    rows.push([
      `${HEADLINE.includes(name) ? '* ' : '  '}${m.label}`,
      fmt(m.app.median),
      fmt(m.baseline.median),
      `${m.ratio.median.toFixed(2)}×`,
      fmt(m.app.p95),
      fmt(m.baseline.p95),
      `${m.ratio.p95.toFixed(2)}×`,
      m.met.both ? 'met' : 'NOT MET',
    ]);
  }
  say('');
  say(table(rows));
  say(`  * = the issue's targets. Overall: ${result.verdict.toUpperCase()} (app within ${TARGET_RATIO}× the baseline, median and p95, on both).`);
  say('');
  const labels: Record<string, string> = {
    answerToFirstPacketCalleeMs: 'answer → 1st packet (callee)',
    answerToFirstPacketCallerMs: 'answer → 1st packet (caller)',
    answerToFirstPacketMs: 'answer → 1st packet (max of both)',
    pollLagMs: "callee poll lag (packet → page saw it)",
  };
  const checkRows: string[][] = [['cross-check, stats clock (ms)', 'app med', 'base med', 'ratio', 'app p95', 'base p95', 'ratio']];
  for (const [name, entry] of Object.entries(result.crossCheck) as [string, { app: Summary | null; baseline: Summary | null; ratio: { median: number; p95: number } | null }][]) {
    checkRows.push([
      labels[name] ?? name,
      fmt(entry.app?.median),
      fmt(entry.baseline?.median),
      entry.ratio ? `${entry.ratio.median.toFixed(2)}×` : '—',
      fmt(entry.app?.p95),
      fmt(entry.baseline?.p95),
      entry.ratio ? `${entry.ratio.p95.toFixed(2)}×` : '—',
    ]);
  }
  say(table(checkRows));
  say('  (first packet dated by the WebRTC stack: lastPacketReceivedTimestamp − (packets − 1) × 20 ms; no target, a check on the polled figures)');
  say('');
  const phaseRows: string[][] = [['where the time goes (median ms)', 'app', 'baseline']];
  for (const entry of Object.values(result.phases) as { label: string; app: Summary | null; baseline: Summary | null }[]) {
    phaseRows.push([entry.label, fmt(entry.app?.median), fmt(entry.baseline?.median)]);
  }
  say(table(phaseRows));
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows
    .map((r, ri) => {
      const line = r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ');
      return ri === 0 ? `${line}\n${widths.map((w) => '─'.repeat(w)).join('  ')}` : line;
    })
    .join('\n');
}

function machine(): Record<string, unknown> {
  const version = (cmd: string, argv: string[]): string | null => {
    try {
      return execFileSync(cmd, argv, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 10_000 }).split('\n')[0]!.trim();
    } catch {
      return null;
    }
  };
  const sipjs = (() => {
    try {
      return (JSON.parse(readFileSync(join(ROOT, 'node_modules/sip.js/package.json'), 'utf8')) as { version: string }).version;
    } catch {
      return null;
    }
  })();
  return {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? null,
    memoryMiB: Math.round(totalmem() / 2 ** 20),
    kernel: release(),
    node: process.version,
    chromium: version('/usr/bin/chromium', ['--version']),
    kamailio: version('/usr/sbin/kamailio', ['-v']),
    sipjs,
  };
}

// ── Main ────────────────────────────────────────────────────────────────────

type Cleanup = () => Promise<void>;

async function runCleanups(cleanups: Cleanup[]): Promise<void> {
  while (cleanups.length > 0) {
    const cleanup = cleanups.pop()!;
    await Promise.race([cleanup().catch((e: unknown) => say(`cleanup: ${String(e)}`)), sleep(10_000)]);
  }
}

async function main(): Promise<number> {
  const cleanups: Cleanup[] = [];
  let interrupted = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      interrupted = true;
      say(`\n${signal}: cleaning up…`);
      void runCleanups(cleanups).finally(() => process.exit(130));
    });
  }
  const startedAt = new Date();
  const loadAtStart = loadavg().map((l) => Number(l.toFixed(2)));
  if (loadAtStart[0]! > cpus().length) {
    say(`Note: load average ${loadAtStart.join(' ')} on ${cpus().length} cores: other work is running; figures will be noisy.`);
  }
  say(`call-latency bench: ${CALLS} measured calls (+${WARMUP} warm-up) per softphone, answer ${ANSWER_DELAY_MS} ms after the ring`);
  try {
    const kamailio = await startKamailio({ users: USERS });
    cleanups.push(() => kamailio.stop());
    say(`Kamailio at ${kamailio.wsUrl}`);
    const server = await startBaselineServer();
    cleanups.push(() => server.close());

    const [app1, app2] = [await openAppPhone(kamailio, '1001', 440, cleanups), await openAppPhone(kamailio, '1002', 1000, cleanups)];
    const [base1, base2] = [
      await openBaselinePhone(server, kamailio, '2001', 440, cleanups),
      await openBaselinePhone(server, kamailio, '2002', 1000, cleanups),
    ];
    say('4 softphones registered (app 1001 → 1002, baseline 2001 → 2002)');
    const pairs: Record<Kind, Pair> = {
      app: { kind: 'app', caller: app1, callee: app2, target: '1002' },
      baseline: { kind: 'baseline', caller: base1, callee: base2, target: '2002' },
    };
    await sleep(1000); // let start-up work (history load, first renders) settle

    const samples: CallSample[] = [];
    const failures: Record<Kind, string[]> = { app: [], baseline: [] };
    for (let round = 0; round < WARMUP + CALLS && !interrupted; round++) {
      const warmup = round < WARMUP;
      // ABBA: alternate which softphone goes first, so drift hits both alike.
      const order: Kind[] = round % 2 === 0 ? ['app', 'baseline'] : ['baseline', 'app'];
      for (const kind of order) {
        for (;;) {
          try {
            const sample = await measureCall(pairs[kind], round, warmup);
            samples.push(sample);
            const m = sample.metrics;
            say(
              `${warmup ? 'warm-up' : `call ${String(round - WARMUP + 1).padStart(2)}`} ${kind.padEnd(8)} ` +
                `ring ${fmt(m.ringMs).padStart(6)}  click→ring ${fmt(m.clickToRingMs).padStart(6)}  ` +
                `answer→audio callee ${fmt(m.answerToAudioCalleeMs).padStart(6)} caller ${fmt(m.answerToAudioCallerMs).padStart(6)}`,
            );
            break;
          } catch (error) {
            if (interrupted) throw error;
            const message = error instanceof Error ? error.message : String(error);
            failures[kind].push(message);
            say(`  ${kind} call failed (${failures[kind].length}/${MAX_FAILURES}): ${message}`);
            if (failures[kind].length >= MAX_FAILURES) throw new Error(`${kind}: too many failed calls`, { cause: error });
            await recover(pairs[kind]);
          }
        }
        await sleep(300);
      }
    }

    const result = report(samples);
    printTables(result);
    const out = resolve(typeof args.out === 'string' ? args.out : RESULTS_FILE);
    mkdirSync(resolve(out, '..'), { recursive: true });
    writeFileSync(
      out,
      `${JSON.stringify(
        {
          bench: 'call-latency',
          date: startedAt.toISOString(),
          durationS: Math.round((Date.now() - startedAt.getTime()) / 1000),
          machine: { ...machine(), loadAverageAtStart: loadAtStart, loadAverageAtEnd: loadavg().map((l) => Number(l.toFixed(2))) },
          config: {
            calls: CALLS,
            warmup: WARMUP,
            answerDelayMs: ANSWER_DELAY_MS,
            audioPollMs: AUDIO_POLL_MS,
            order: 'alternating per round: app first on even rounds, baseline first on odd rounds',
            statistics: 'median = middle value (mean of the two middle values for even n); p95 = nearest rank, ceil(0.95 n)-th smallest',
            targetRatio: TARGET_RATIO,
            headline: HEADLINE,
          },
          verdict: result.verdict,
          metrics: result.metrics,
          phases: result.phases,
          crossCheck: result.crossCheck,
          failures,
          samples,
        },
        null,
        2,
      )}\n`,
    );
    say(`\nWrote ${out}`);
    return 0;
  } catch (error) {
    if (interrupted) return 130;
    say(`\nThe bench could not run: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return 1;
  } finally {
    await runCleanups(cleanups);
  }
}

// Exit explicitly: a leftover handle (a browser pipe, a timer) must not keep the bench alive.
process.exit(await main());
