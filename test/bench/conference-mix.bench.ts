/**
 * Conference mixing benchmark (issue 5): what the local mixer (a worker, docs/conferences.md)
 * costs the host, and the delay it adds, each against a reference measured in the same run.
 * Real Kamailio on loopback, the real desk (browser mode) as the host in its own Chromium; the
 * far parties are bare SIP.js baseline user agents (test/support/baseline), four per Chromium,
 * because 8 full desks plus the host (9 Chromium processes and 9 desk hosts) do not fit on the
 * build machines' two cores.
 *
 *   node --import tsx test/bench/conference-mix.bench.ts [--parties 3,5,8] [--window 10] [--delay-calls 6] [--delay-rounds 3]
 *     [--settle 2] [--threads] [--profile-worker]
 *   (or: npm run bench, which runs every bench)
 *
 * 1. CPU, for N = 3, 5, 8: the host dials N parties (calls.dial over the desk contract, so no call
 *    is put on hold and all N carry audio both ways), the parties answer, then
 *      unmixed: the N calls side by side for --window seconds;
 *      mixed:   conferences.merge of the same N calls, for --window seconds.
 *    Measured: CPU time (utime + stime from /proc/<pid>/stat) of the host Chromium's renderer
 *    processes (the page's JavaScript, the mix worker and WebRTC decode/encode all live there),
 *    in ms of CPU per second of wall time, sampled in 2-s slices; and the same for the whole
 *    host Chromium process tree (audio service, network, GPU process included).
 *    After the mixed window every party's received audio is checked for the host's tone and for
 *    the tone of a party in the other Chromium (who hears whom, at that N).
 * 2. Delay: sender S → receiver R through a 3-party conference (S → host mixer → R) against a
 *    direct S' → R' call (S' shares S's Chromium and tone, R' shares R's), the same rounds.
 *    Each round mutes both senders, arms an onset detector on each receiver's remote stream
 *    (band-pass at S's tone, onset-detector.ts), then unmutes: delay = receiver onset − the
 *    sender's unmute. "Added by the mixer" = conference − direct (median of the rounds). The
 *    receiver's mark is its output clock (getOutputTimestamp), so both figures include the same
 *    capture and output latency; the difference does not. The rounds of one pair of calls agree
 *    within a few ms, but pairs differ by 10–20 ms (each call's adaptive jitter buffers and the
 *    three browsers' audio clock phases are set when it starts), so the rounds are spread over
 *    --delay-calls fresh pairs of calls and the figure is the median over all of them.
 *
 * Targets (report, never fail): mixed ≤ 1.5× unmixed renderer CPU at 8 parties; the added delay
 * ≤ one jitter buffer + one frame, aim < 60 ms. Writes test-results/bench-conference-mix.json.
 */
import type { Page } from '@playwright/test';
import { readFileSync, readdirSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { BaselinePeer, openBaselinePeer, startBaselineServer } from '../support/baseline/index.js';
import { launchChromium } from '../support/chromium.js';
import { accountSettings, removeDataDir, startDeskHost, waitRegistered } from '../support/desk-app.js';
import { startKamailio } from '../support/kamailio.js';
import { writeToneWav } from '../support/tones.js';
import { ONSET_DETECTOR_SCRIPT } from './onset-detector.js';
import { summarize, type Summary } from './stats.js';
import { profileWorker, type WorkerProfile } from './worker-profile.js';

const ROOT = resolve(import.meta.dirname, '../..');
const { values: args } = parseArgs({
  options: {
    parties: { type: 'string', default: process.env.BENCH_CONFERENCE_PARTIES ?? '3,5,8' },
    window: { type: 'string', default: process.env.BENCH_CONFERENCE_WINDOW_S ?? '10' },
    // Pairs of calls differ far more than the rounds of one pair (docs/conferences.md, "Thirty
    // pairs of calls"), so six pairs of three rounds rather than three of six.
    'delay-calls': { type: 'string', default: process.env.BENCH_CONFERENCE_DELAY_CALLS ?? '6' },
    'delay-rounds': { type: 'string', default: process.env.BENCH_CONFERENCE_DELAY_ROUNDS ?? '3' },
    /** Seconds both pairs' calls run before the rounds (after the merge and the direct call's answer). */
    settle: { type: 'string', default: process.env.BENCH_CONFERENCE_SETTLE_S ?? '2' },
    /** Also split the host renderers' CPU by thread name (where the mix's cost goes). */
    threads: { type: 'boolean', default: process.env.BENCH_CONFERENCE_THREADS === '1' },
    /** Also profile the mix worker after each mixed window (its functions' self time). */
    'profile-worker': { type: 'boolean', default: process.env.BENCH_CONFERENCE_PROFILE_WORKER === '1' },
  },
  strict: false, // `npm run bench` passes the other benches' options too
});
const PARTY_COUNTS = String(args.parties)
  .split(',')
  .map((n) => Number(n.trim()));
if (PARTY_COUNTS.some((n) => !Number.isInteger(n) || n < 2)) throw new Error(`--parties must be integers ≥ 2, got ${args.parties}`);
const WINDOW_S = Number(args.window);
const SLICE_S = 2;
const DELAY_CALLS = Number(args['delay-calls']);
/** Rounds per pair of calls. */
const DELAY_ROUNDS = Number(args['delay-rounds']);
const SETTLE_S = Number(args.settle);
if (!Number.isFinite(SETTLE_S) || SETTLE_S < 0) throw new Error(`--settle must be seconds ≥ 0, got ${args.settle}`);
const PER_BROWSER = 4;
const STEP_TIMEOUT_MS = 20_000;
/** Marker on the host Chromium's command line: how /proc finds its processes. */
const HOST_MARKER = '--bench-conference-host';
const CLOCK_TICKS_PER_S = 100; // Linux USER_HZ

const HOST_USER = '1001';
const HOST_TONE = 200;
const PARTY_TONES = [1700, 2300];
const SENDER_TONE = 1000;
const RECEIVER_TONE = 600;
const MAX_PARTIES = Math.max(...PARTY_COUNTS);
const partyUsers = Array.from({ length: MAX_PARTIES }, (_, i) => String(3001 + i));
const DELAY_USERS = { sender: '4001', receiver: '4002', directSender: '4003', directReceiver: '4004' };
const users: Record<string, string> = Object.fromEntries(
  [HOST_USER, ...partyUsers, ...Object.values(DELAY_USERS)].map((user) => [user, `bench-pw-${user}`]),
);
/** A tone counts as heard above this level (dB; a heard tone measures about -40, silence below -85). */
const HEARD_DB = -75;

const sleep = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));

// ── The desk contract, from the host's page (a second WebSocket, as integrations do) ─────────

async function invoke<T>(page: Page, method: string, params: object): Promise<T> {
  const reply = await page.evaluate(
    async ([name, body]) => {
      const socket = new WebSocket(`ws://${location.host}/desk`);
      await new Promise((done) => socket.addEventListener('open', done, { once: true }));
      const text = await new Promise<string>((done) => {
        socket.addEventListener('message', (m) => {
          if (String(m.data).includes('"id":1,')) done(String(m.data));
        });
        socket.send(JSON.stringify({ id: 1, method: name, params: body }));
      });
      socket.close();
      return JSON.parse(text) as { result: { ok: boolean; value?: unknown; error?: { message: string } } };
    },
    [method, params] as const,
  );
  if (!reply.result.ok) throw new Error(`${method}: ${reply.result.error?.message}`);
  return reply.result.value as T;
}

// ── CPU from /proc ──────────────────────────────────────────────────────────────────────────

interface ProcInfo {
  pid: number;
  ppid: number;
  cmdline: string;
  ticks: number;
}

function processes(): Map<number, ProcInfo> {
  const all = new Map<number, ProcInfo>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // After "pid (comm) ": state ppid … utime is field 14, stime 15 (1-based, whole line).
      const ppid = Number(fields[1]);
      const ticks = Number(fields[11]) + Number(fields[12]);
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replace(/\0/g, ' ');
      all.set(Number(entry), { pid: Number(entry), ppid, cmdline, ticks });
    } catch {
      // the process ended while we looked
    }
  }
  return all;
}

/** Is a process of `all` the host Chromium or one of its descendants? */
function hostTree(all: Map<number, ProcInfo>): (proc: ProcInfo) => boolean {
  const root = [...all.values()].find((proc) => proc.cmdline.includes(HOST_MARKER) && !proc.cmdline.includes('--type='));
  if (!root) throw new Error('the host Chromium process was not found in /proc');
  return (proc) => {
    for (let at: ProcInfo | undefined = proc; at; at = all.get(at.ppid)) if (at.pid === root.pid) return true;
    return false;
  };
}

/** CPU ticks so far of the host Chromium: its renderers, and its whole process tree. */
function hostTicks(): { renderer: number; tree: number; renderers: number } {
  const all = processes();
  const inTree = hostTree(all);
  let renderer = 0;
  let tree = 0;
  let renderers = 0;
  for (const proc of all.values()) {
    if (!inTree(proc)) continue;
    tree += proc.ticks;
    if (proc.cmdline.includes('--type=renderer')) {
      renderer += proc.ticks;
      renderers++;
    }
  }
  return { renderer, tree, renderers };
}

/** CPU ticks so far of the host Chromium's renderer processes, summed by thread name. */
function rendererThreadTicks(): Map<string, number> {
  const byName = new Map<string, number>();
  const all = processes();
  const inTree = hostTree(all);
  for (const proc of all.values()) {
    if (!proc.cmdline.includes('--type=renderer') || !inTree(proc)) continue;
    for (const task of readdirSync(`/proc/${proc.pid}/task`)) {
      try {
        const name = readFileSync(`/proc/${proc.pid}/task/${task}/comm`, 'utf8').trim();
        const stat = readFileSync(`/proc/${proc.pid}/task/${task}/stat`, 'utf8');
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        byName.set(name, (byName.get(name) ?? 0) + Number(fields[11]) + Number(fields[12]));
      } catch {
        // the thread ended while we looked
      }
    }
  }
  return byName;
}

/** CPU ms per wall second, per slice, over the window; with --threads, by thread name over the whole window. */
async function measureCpu(): Promise<{ renderer: number[]; tree: number[]; threads: Record<string, number> }> {
  const renderer: number[] = [];
  const tree: number[] = [];
  const threadsBefore = args.threads ? rendererThreadTicks() : new Map<string, number>();
  const windowStarted = performance.now();
  for (let slice = 0; slice < Math.max(1, Math.round(WINDOW_S / SLICE_S)); slice++) {
    const before = hostTicks();
    const started = performance.now();
    await sleep(SLICE_S * 1000);
    const after = hostTicks();
    const seconds = (performance.now() - started) / 1000;
    const toMs = (ticks: number): number => (ticks * 1000) / CLOCK_TICKS_PER_S / seconds;
    renderer.push(toMs(after.renderer - before.renderer));
    tree.push(toMs(after.tree - before.tree));
  }
  const threads: Record<string, number> = {};
  if (args.threads) {
    const seconds = (performance.now() - windowStarted) / 1000;
    for (const [name, ticks] of rendererThreadTicks()) threads[name] = ((ticks - (threadsBefore.get(name) ?? 0)) * 1000) / CLOCK_TICKS_PER_S / seconds;
  }
  return { renderer, tree, threads };
}

// ── Parties ─────────────────────────────────────────────────────────────────────────────────

async function connectParties(host: Page, parties: BaselinePeer[]): Promise<string[]> {
  const callIds: string[] = [];
  for (const party of parties) {
    const call = await invoke<{ id: string }>(host, 'calls.dial', { target: party.name });
    await party.waitForState('incoming', STEP_TIMEOUT_MS);
    await party.answer();
    await party.waitForState('established', STEP_TIMEOUT_MS);
    callIds.push(call.id);
  }
  await host.waitForFunction(
    (n) => document.querySelectorAll('audio').length >= n,
    callIds.length,
    { timeout: STEP_TIMEOUT_MS },
  ).catch(() => undefined);
  return callIds;
}

async function waitIdle(parties: BaselinePeer[]): Promise<void> {
  await Promise.all(
    parties.map((party) =>
      party.page.waitForFunction(() => ['idle', 'terminated'].includes(window.baseline.state()), undefined, {
        timeout: STEP_TIMEOUT_MS,
        polling: 50,
      }),
    ),
  );
}

interface CpuRow {
  parties: number;
  unmixed: { renderer: Summary; tree: Summary; threads: Record<string, number> };
  mixed: { renderer: Summary; tree: Summary; threads: Record<string, number> };
  /** Parties that heard the host and a party in the other Chromium while mixed. */
  heardEveryone: number;
  /** With --profile-worker: the mix worker's busiest functions over one more mixed window. */
  workerProfile?: WorkerProfile;
  levels: Array<{ party: string; host: number; other: number }>;
}

async function cpuRound(host: Page, peers: BaselinePeer[], n: number): Promise<CpuRow> {
  const parties = peers.slice(0, n);
  const callIds = await connectParties(host, parties);
  await sleep(2000); // jitter buffers and codecs settle
  const unmixed = await measureCpu();
  const conference = await invoke<{ id: string }>(host, 'conferences.merge', { call_ids: callIds });
  await sleep(2000);
  const mixed = await measureCpu();
  const workerProfile = args['profile-worker'] ? await profileWorker(host, WINDOW_S * 1000, join(ROOT, `test-results/mix-worker-${n}.cpuprofile`)) : undefined;

  const levels: CpuRow['levels'] = [];
  let heardEveryone = 0;
  for (const [i, party] of parties.entries()) {
    const own = PARTY_TONES[Math.floor(i / PER_BROWSER) % PARTY_TONES.length]!;
    const other = PARTY_TONES.find((tone) => tone !== own)!;
    const hasOther = parties.some((_, j) => PARTY_TONES[Math.floor(j / PER_BROWSER) % PARTY_TONES.length] === other);
    const measured = await party.measureRemoteTones([HOST_TONE, hasOther ? other : own], { durationMs: 600 });
    const [hostDb, otherDb] = measured.levels as [number, number];
    levels.push({ party: party.name, host: hostDb, other: otherDb });
    if (hostDb > HEARD_DB && otherDb > HEARD_DB) heardEveryone++;
  }

  await invoke(host, 'conferences.end', { id: conference.id });
  await waitIdle(parties);
  await sleep(1000);
  return {
    parties: n,
    unmixed: { renderer: summarize(unmixed.renderer), tree: summarize(unmixed.tree), threads: unmixed.threads },
    mixed: { renderer: summarize(mixed.renderer), tree: summarize(mixed.tree), threads: mixed.threads },
    heardEveryone,
    levels,
    workerProfile,
  };
}

// ── Delay ──────────────────────────────────────────────────────────────────────────────────

async function installDetector(receiver: BaselinePeer): Promise<void> {
  await receiver.page.evaluate(ONSET_DETECTOR_SCRIPT);
  await receiver.page.evaluate(async (tone) => {
    const stream = window.baseline.remoteStream();
    if (!stream) throw new Error('no remote stream');
    await window.__onset!.install(stream, tone);
  }, SENDER_TONE);
}

/** The steady band-passed RMS of the sender's tone at this receiver, to set the threshold. */
async function steadyLevel(receiver: BaselinePeer): Promise<number> {
  await receiver.page.evaluate(() => window.__onset!.resetPeak());
  await sleep(1500);
  return receiver.page.evaluate(() => window.__onset!.readPeak());
}

async function delayRounds(host: Page, s: BaselinePeer, r: BaselinePeer, sDirect: BaselinePeer, rDirect: BaselinePeer) {
  // The conference: host dials S and R, merges.
  const callIds = await connectParties(host, [s, r]);
  await sleep(1000); // R's call settles before the merge, so that what follows is the merge's doing
  const rBeforeMerge = await r.page.evaluate(() => window.baseline.jitterBuffer());
  await invoke(host, 'conferences.merge', { call_ids: callIds });
  // The direct call: S' calls R'.
  await sDirect.call(rDirect.name);
  await rDirect.waitForState('incoming', STEP_TIMEOUT_MS);
  await rDirect.answer();
  await Promise.all([sDirect.waitForState('established', STEP_TIMEOUT_MS), rDirect.waitForState('established', STEP_TIMEOUT_MS)]);
  await sleep(SETTLE_S * 1000);
  await installDetector(r);
  await installDetector(rDirect);
  const thresholds = { conference: (await steadyLevel(r)) * 0.3, direct: (await steadyLevel(rDirect)) * 0.3 };

  const conference: number[] = [];
  const direct: number[] = [];
  const added: number[] = [];
  const hostJitterBefore = await hostLegStats(host, callIds[0]!);
  const towardsRBefore = await hostLegStats(host, callIds[1]!);
  const receiversBefore = await Promise.all([r, rDirect].map((receiver) => receiver.page.evaluate(() => window.baseline.jitterBuffer())));
  // Did R's audio break when its call went into the mix (its jitter buffer had to conceal a gap)?
  const concealedAtMerge = receiversBefore[0]!.concealmentEvents - rBeforeMerge.concealmentEvents;
  for (let round = 0; round < DELAY_ROUNDS; round++) {
    await Promise.all([s.mute(true), sDirect.mute(true)]);
    await sleep(1500); // the tone drains from every buffer on the way
    await r.page.evaluate((t) => window.__onset!.arm(t), thresholds.conference);
    await rDirect.page.evaluate((t) => window.__onset!.arm(t), thresholds.direct);
    await sleep(200);
    // Alternate who goes first so neither path always gets the quieter moment.
    const order = round % 2 === 0 ? [s, sDirect] : [sDirect, s];
    const unmutedAt = new Map<BaselinePeer, number>();
    for (const sender of order) unmutedAt.set(sender, await sender.mute(false));
    const onsetOf = async (receiver: BaselinePeer): Promise<number> => {
      const handle = await receiver.page.waitForFunction(() => window.__onset!.onset(), undefined, { timeout: 5000, polling: 20 });
      return (await handle.jsonValue()) as number;
    };
    const [conferenceOnset, directOnset] = await Promise.all([onsetOf(r), onsetOf(rDirect)]);
    conference.push(conferenceOnset - unmutedAt.get(s)!);
    direct.push(directOnset - unmutedAt.get(sDirect)!);
    added.push(conference.at(-1)! - direct.at(-1)!);
    process.stdout.write(
      `delay round ${round + 1}/${DELAY_ROUNDS}: conference ${conference.at(-1)!.toFixed(1)} ms, direct ${direct.at(-1)!.toFixed(1)} ms\n`,
    );
  }
  const hostJitterAfter = await hostLegStats(host, callIds[0]!);
  const towardsRAfter = await hostLegStats(host, callIds[1]!);
  const receiversAfter = await Promise.all([r, rDirect].map((receiver) => receiver.page.evaluate(() => window.baseline.jitterBuffer())));
  // The receivers' own jitter buffers over the rounds: R's (fed by its mix from the host) against R''s
  // (fed by S' directly). The budget counts the host's jitter buffer as the one extra; a larger
  // buffer at R is delay the mix adds beyond it (the host's packets arriving less evenly).
  const [receiverJitterBufferMs = 0, directReceiverJitterBufferMs = 0] = receiversAfter.map(
    (after, index) => ((after.delayS - receiversBefore[index]!.delayS) / Math.max(1, after.emitted - receiversBefore[index]!.emitted)) * 1000,
  );
  // The mean delay of the audio the host's jitter buffer released during the rounds (S's leg).
  const hostJitterBufferMs =
    ((hostJitterAfter.delayS - hostJitterBefore.delayS) / Math.max(1, hostJitterAfter.emitted - hostJitterBefore.emitted)) * 1000;
  // The frame the host's encoder sends R (one packet per frame): measured rather than assumed.
  const hostFrameMs = (towardsRAfter.atMs - towardsRBefore.atMs) / Math.max(1, towardsRAfter.packetsSent - towardsRBefore.packetsSent);
  // And the frame S sends the host: 20 ms as built; 10 ms in the variant of docs/conferences.md, "Packet time".
  const frameFromSMs = (hostJitterAfter.atMs - hostJitterBefore.atMs) / Math.max(1, hostJitterAfter.packetsReceived - hostJitterBefore.packetsReceived);
  // How unevenly their packets arrived (RFC 3550 jitter, its smoothed value at the end of the
  // rounds): R's mix leaves the host on its own clock and threads, S′'s audio straight from capture.
  const [receiverArrivalJitterMs = 0, directReceiverArrivalJitterMs = 0] = receiversAfter.map((after) => after.arrivalJitterS * 1000);
  await sDirect.hangup();
  await invoke(host, 'calls.hangup', { id: callIds[0] });
  await invoke(host, 'calls.hangup', { id: callIds[1] });
  await waitIdle([s, r, sDirect, rDirect]);
  return {
    hostJitterBufferMs,
    hostFrameMs,
    frameFromSMs,
    receiverJitterBufferMs,
    directReceiverJitterBufferMs,
    receiverArrivalJitterMs,
    directReceiverArrivalJitterMs,
    concealedAtMerge,
    thresholds,
    samples: { conference, direct, added },
  };
}

type DelayCall = Awaited<ReturnType<typeof delayRounds>>;

/** The rounds of every pair of calls as one sample; the buffers and frames as their mean. */
function combineDelayCalls(calls: DelayCall[]) {
  const all = (pick: (call: DelayCall) => number[]): number[] => calls.flatMap(pick);
  const mean = (pick: (call: DelayCall) => number): number => calls.reduce((sum, call) => sum + pick(call), 0) / calls.length;
  return {
    conference: summarize(all((call) => call.samples.conference)),
    direct: summarize(all((call) => call.samples.direct)),
    added: summarize(all((call) => call.samples.added)),
    hostJitterBufferMs: mean((call) => call.hostJitterBufferMs),
    hostFrameMs: mean((call) => call.hostFrameMs),
    frameFromSMs: mean((call) => call.frameFromSMs),
    receiverJitterBufferMs: mean((call) => call.receiverJitterBufferMs),
    directReceiverJitterBufferMs: mean((call) => call.directReceiverJitterBufferMs),
    receiverArrivalJitterMs: mean((call) => call.receiverArrivalJitterMs),
    directReceiverArrivalJitterMs: mean((call) => call.directReceiverArrivalJitterMs),
    calls,
  };
}

/**
 * One of the host's legs, from its RTP stats: the jitter buffer (inbound-rtp: the summed delay of
 * every sample it released, in seconds, and how many it released) and the audio packets it has
 * sent and received, at a page time in ms. Read through the app's test hook for that call's
 * RTCPeerConnection.
 */
async function hostLegStats(host: Page, callId: string): Promise<{ delayS: number; emitted: number; packetsSent: number; packetsReceived: number; atMs: number }> {
  return host.evaluate(async (id) => {
    const connection = window.__softphoneTest!.peerConnection(id);
    if (!connection) throw new Error(`no peer connection for ${id}`);
    const found = { delayS: 0, emitted: 0, packetsSent: 0, packetsReceived: 0, atMs: performance.now() };
    (await connection.getStats()).forEach(
      (report: { type: string; kind?: string; jitterBufferDelay?: number; jitterBufferEmittedCount?: number; packetsSent?: number; packetsReceived?: number }) => {
        if (report.type === 'inbound-rtp' && report.kind === 'audio') {
          found.delayS = report.jitterBufferDelay ?? 0;
          found.emitted = report.jitterBufferEmittedCount ?? 0;
          found.packetsReceived = report.packetsReceived ?? 0;
        }
        if (report.type === 'outbound-rtp' && report.kind === 'audio') found.packetsSent = report.packetsSent ?? 0;
      },
    );
    return found;
  }, callId);
}

// ── Main ────────────────────────────────────────────────────────────────────────────────────

async function main(): Promise<void> {
  const kamailio = await startKamailio({ users });
  const server = await startBaselineServer();
  const host = await startDeskHost({ settings: accountSettings({ kamailio, user: HOST_USER, password: users[HOST_USER]! }) });
  const browser = await launchChromium({
    origin: `http://127.0.0.1:${host.port}`,
    fakeAudioFile: writeToneWav({ frequency: HOST_TONE }),
    extraArgs: [HOST_MARKER],
  });
  const peers: BaselinePeer[] = [];
  const delayPeers: BaselinePeer[] = [];
  const rows: CpuRow[] = [];
  const delayCalls: DelayCall[] = [];
  try {
    const page = browser.page;
    await page.goto(host.url);
    await waitRegistered(page);
    for (const [i, user] of partyUsers.entries()) {
      const peer =
        i % PER_BROWSER === 0
          ? await openBaselinePeer(server, { name: user, toneHz: PARTY_TONES[Math.floor(i / PER_BROWSER) % PARTY_TONES.length] })
          : await peers.at(-1)!.sibling(server, user);
      const registered = await peer.register(kamailio, user, users[user]!);
      if (!registered.ok) throw new Error(`${user} did not register: ${registered.status}`);
      peers.push(peer);
    }
    await page.bringToFront();
    process.stdout.write(`host renderers found: ${hostTicks().renderers}; ${cpus().length} cores\n`);

    for (const n of PARTY_COUNTS) {
      const row = await cpuRound(page, peers, n);
      rows.push(row);
      process.stdout.write(
        `N=${n}: renderer CPU unmixed ${row.unmixed.renderer.median.toFixed(0)} ms/s, mixed ${row.mixed.renderer.median.toFixed(0)} ms/s; ` +
          `${row.heardEveryone}/${n} parties heard the host and the others\n`,
      );
    }

    const sender = await openBaselinePeer(server, { name: DELAY_USERS.sender, toneHz: SENDER_TONE });
    delayPeers.push(sender);
    const receiver = await openBaselinePeer(server, { name: DELAY_USERS.receiver, toneHz: RECEIVER_TONE });
    delayPeers.push(receiver);
    const directSender = await sender.sibling(server, DELAY_USERS.directSender);
    delayPeers.push(directSender);
    const directReceiver = await receiver.sibling(server, DELAY_USERS.directReceiver);
    delayPeers.push(directReceiver);
    for (const peer of delayPeers) {
      const registered = await peer.register(kamailio, peer.name, users[peer.name]!);
      if (!registered.ok) throw new Error(`${peer.name} did not register: ${registered.status}`);
    }
    await page.bringToFront();
    for (let call = 0; call < DELAY_CALLS; call++) {
      process.stdout.write(`delay calls ${call + 1}/${DELAY_CALLS}\n`);
      delayCalls.push(await delayRounds(page, sender, receiver, directSender, directReceiver));
    }
  } finally {
    for (const peer of [...peers, ...delayPeers]) await peer.close().catch(() => undefined);
    await browser.close().catch(() => undefined);
    await host.stop().catch(() => undefined);
    removeDataDir(host);
    await server.close().catch(() => undefined);
    await kamailio.stop();
  }
  report(rows, combineDelayCalls(delayCalls));
}

function report(rows: CpuRow[], delay: ReturnType<typeof combineDelayCalls>): void {
  const lines = [
    `Conference mixing on the host (${cpus().length} cores, ${cpus()[0]?.model ?? 'unknown CPU'})`,
    `CPU in ms per second, median (p95) of ${Math.round(WINDOW_S / SLICE_S)} × ${SLICE_S}-s slices; renderer = the host Chromium's renderer processes`,
    `${'parties'.padEnd(8)} ${'unmixed'.padStart(11)} ${'mixed'.padStart(11)} ${'ratio'.padStart(7)}   ${'tree unmixed'.padStart(13)} ${'tree mixed'.padStart(11)}   heard all`,
    ...rows.map((row) => {
      const ratio = row.mixed.renderer.median / row.unmixed.renderer.median;
      const withP95 = (summary: Summary): string => `${summary.median.toFixed(0)} (${summary.p95.toFixed(0)})`;
      return (
        `${String(row.parties).padEnd(8)} ${withP95(row.unmixed.renderer).padStart(11)} ${withP95(row.mixed.renderer).padStart(11)} ` +
        `${ratio.toFixed(2).padStart(6)}×   ${withP95(row.unmixed.tree).padStart(13)} ${withP95(row.mixed.tree).padStart(11)}   ${row.heardEveryone}/${row.parties}`
      );
    }),
  ];
  const last = rows.at(-1);
  if (last) {
    const ratio = last.mixed.renderer.median / last.unmixed.renderer.median;
    lines.push(`mixed / unmixed at ${last.parties} parties: ${ratio.toFixed(2)}× — target ≤ 1.5×: ${ratio <= 1.5 ? 'met' : 'not met'}`);
  }
  for (const row of args.threads ? rows : []) {
    const names = Object.keys(row.mixed.threads).sort((a, b) => (row.mixed.threads[b] ?? 0) - (row.mixed.threads[a] ?? 0));
    lines.push(`  ${row.parties} parties, renderer threads (ms/s over the window), unmixed → mixed:`);
    for (const name of names.slice(0, 10)) {
      lines.push(`    ${name.padEnd(18)} ${(row.unmixed.threads[name] ?? 0).toFixed(0).padStart(5)} → ${(row.mixed.threads[name] ?? 0).toFixed(0).padStart(5)}`);
    }
  }
  for (const row of rows) {
    if (!row.workerProfile) continue;
    lines.push(`  ${row.parties} parties, the mix worker's functions (self time, ms/s over ${row.workerProfile.seconds.toFixed(0)} s; raw: test-results/mix-worker-${row.parties}.cpuprofile):`);
    for (const fn of row.workerProfile.functions.filter((f) => f.name !== '(idle)').slice(0, 12)) {
      lines.push(`    ${fn.msPerS.toFixed(1).padStart(6)}  ${fn.name}`);
    }
  }
  const budget = delay.hostJitterBufferMs + delay.hostFrameMs;
  lines.push(
    '',
    `Tone onset, sender unmute → receiver (ms, ${delay.conference.n} rounds over ${delay.calls.length} pairs of calls)   median      p95`,
    `  through the conference (S → host mixer → R)      ${delay.conference.median.toFixed(1).padStart(7)} ${delay.conference.p95.toFixed(1).padStart(8)}`,
    `  direct two-party call (S' → R')                  ${delay.direct.median.toFixed(1).padStart(7)} ${delay.direct.p95.toFixed(1).padStart(8)}`,
    `  added by the conference (per round difference)   ${delay.added.median.toFixed(1).padStart(7)} ${delay.added.p95.toFixed(1).padStart(8)}`,
    `  the host's jitter buffer on S's leg (mean delay of what it released)  ${delay.hostJitterBufferMs.toFixed(1)} ms`,
    `  the host's frame towards R (elapsed time / packets sent)              ${delay.hostFrameMs.toFixed(1)} ms`,
    `  S's frame towards the host (elapsed time / packets received)         ${delay.frameFromSMs.toFixed(1)} ms`,
    `  R's jitter buffer (fed by the mix) against R''s (fed directly)        ${delay.receiverJitterBufferMs.toFixed(1)} / ${delay.directReceiverJitterBufferMs.toFixed(1)} ms`,
    `  R's packets' arrival jitter (RFC 3550) against R''s                  ${delay.receiverArrivalJitterMs.toFixed(2)} / ${delay.directReceiverArrivalJitterMs.toFixed(2)} ms`,
    `  R's concealment events from just before the merge to the rounds (per pair)  ${delay.calls.map((call) => call.concealedAtMerge).join(', ')}`,
    `  each pair of calls: added (median) · host's buffer + frame · R / R' buffers · R / R' arrival jitter`,
    ...delay.calls.map((call, index) => {
      const added = summarize(call.samples.added).median;
      const callBudget = call.hostJitterBufferMs + call.hostFrameMs;
      return `    ${index + 1}: ${added.toFixed(1)} ms · ${call.hostJitterBufferMs.toFixed(1)} + ${call.hostFrameMs.toFixed(1)} = ${callBudget.toFixed(1)} ms · ${call.receiverJitterBufferMs.toFixed(1)} / ${call.directReceiverJitterBufferMs.toFixed(1)} ms · ${call.receiverArrivalJitterMs.toFixed(2)} / ${call.directReceiverArrivalJitterMs.toFixed(2)} ms`;
    }),
    `added delay (median) ${delay.added.median.toFixed(1)} ms — target ≤ one jitter buffer + one frame = ${budget.toFixed(1)} ms: ` +
      `${delay.added.median <= budget ? 'met' : 'not met'}; aim < 60 ms: ${delay.added.median < 60 ? 'met' : 'not met'}`,
  );
  process.stdout.write(`\n${lines.join('\n')}\n`);
  const out = join(ROOT, 'test-results', 'bench-conference-mix.json');
  mkdirSync(join(ROOT, 'test-results'), { recursive: true });
  writeFileSync(out, `${JSON.stringify({ date: new Date().toISOString(), cores: cpus().length, windowS: WINDOW_S, cpu: rows, delay }, null, 2)}\n`);
  process.stdout.write(`raw samples: ${out}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`conference mix bench could not run: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
