/**
 * Group call fan-out benchmark: this app (browser mode, the real host and UI in Chromium) rings
 * 20 registered destinations at once through one real Kamailio on loopback. The destinations are
 * bare SIP.js baseline user agents (test/support/baseline) standing in for twenty agents' own
 * machines. By default all twenty live in one tab of one Chromium (the tab's document and 19
 * iframes: one renderer process), so that the stand-ins take as little as possible of the two
 * cores the app is measured on; `--per-browser 5 --per-tab 1` is the earlier harness (four
 * Chromiums, a renderer process per destination), kept for comparison.
 *
 *   node --import tsx test/bench/group-fanout.bench.ts [--rounds 15] [--legs 20] [--group-warmup 1]
 *                                                      [--per-browser 20] [--per-tab 20]
 *   (or: npm run bench, which runs every bench)
 *
 * Metrics, per round:
 *   fan-out     click "Ring group" → the last of the N destinations has the INVITE (onInvite)
 *   single      click "Call" (one destination, same desk, same run) → that destination has it
 *               (a click counts from when the page dispatched it, not from Playwright's call)
 *   answer → last ended   the winner's answer() → the last other leg's session terminated
 *                         (includes the winner's SDP offer, built before its 200 OK can leave)
 *   cancel-all  the winner sent its 200 OK (SIP.js's Invitation is Established then, before
 *               the ACK) → the last other leg's session terminated (its CANCEL arrived): the
 *               cancel-all proper, from the answer on the wire
 * Where the time goes (from the probe in the caller's page, test/bench/page-probe.ts, and the
 * destinations' own marks): when the last dial command reached the page and the last INVITE left
 * it; when the page had the winner's 200 OK, its first cancel command, its last CANCEL out, and
 * when the destinations had their CANCELs.
 * Group and single calls alternate, so machine noise lands on both alike. The first round is a
 * warm-up (cold pages and JIT, for both calls) and is left out of the figures. Waiting on the 20
 * destinations is event-driven (BaselinePeer.waitForState), so the bench does not poll the cores
 * it measures.
 * Targets (the issue's): fan-out median within 2× single; cancel-all median under 100 ms.
 * Prints medians and p95 and writes test-results/bench-group-fanout.json. Never fails on a number.
 */
import type { Page } from '@playwright/test';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { BaselinePeer, openBaselinePeer, startBaselineServer } from '../support/baseline/index.js';
import { launchChromium } from '../support/chromium.js';
import { accountSettings, removeDataDir, startDeskHost, waitRegistered } from '../support/desk-app.js';
import { startKamailio } from '../support/kamailio.js';
import { PAGE_PROBE_SCRIPT, type ProbeFrame, type ProbeResult } from './page-probe.js';
import { summarize, type Summary } from './stats.js';

const ROOT = resolve(import.meta.dirname, '../..');
const { values: args } = parseArgs({
  options: {
    rounds: { type: 'string', default: process.env.BENCH_GROUP_ROUNDS ?? '15' },
    'group-warmup': { type: 'string', default: '1' },
    legs: { type: 'string', default: '20' },
    'per-browser': { type: 'string', default: '20' },
    'per-tab': { type: 'string', default: '20' },
  },
  strict: false, // `npm run bench` passes the other benches' options too
});
const ROUNDS = Number(args.rounds);
/** Rounds run first and left out of the figures: the first group call pays for cold pages and JIT, both calls alike. */
const WARMUP = Number(args['group-warmup']);
const LEGS = Number(args.legs);
/** Destinations per Chromium process. */
const PER_BROWSER = Number(args['per-browser']);
/** Destinations per tab: the first in the tab's own document, the others in iframes of it (one renderer process). */
const PER_TAB = Number(args['per-tab']);
const STEP_TIMEOUT_MS = 20_000;

const CALLER = '1001';
const peerUsers = Array.from({ length: LEGS }, (_, i) => String(3001 + i));
const users: Record<string, string> = Object.fromEntries([CALLER, ...peerUsers].map((user) => [user, `bench-pw-${user}`]));

async function waitAll(peers: BaselinePeer[], state: string): Promise<void> {
  await Promise.all(peers.map((peer) => peer.waitForState(state as never, STEP_TIMEOUT_MS)));
}

async function waitSettled(peers: BaselinePeer[]): Promise<void> {
  await Promise.all(
    peers.map(async (peer) => {
      if ((await peer.state()) !== 'idle') await peer.waitForState('terminated', STEP_TIMEOUT_MS);
    }),
  );
}

/**
 * FANOUT_TRACE=1: a Chrome trace of the caller's page from the click until all destinations ring
 * (test-results/fanout-trace-N.json, for chrome://tracing or Perfetto): where its main thread goes.
 */
async function startTrace(page: Page): Promise<{ stop(): Promise<unknown[]> }> {
  const session = await page.context().newCDPSession(page);
  const events: unknown[] = [];
  session.on('Tracing.dataCollected', (event) => events.push(...(event.value as unknown[])));
  await session.send('Tracing.start', {
    categories: 'devtools.timeline,disabled-by-default-devtools.timeline,v8.execute,blink,toplevel',
    transferMode: 'ReportEvents',
  });
  return {
    async stop() {
      const complete = new Promise((resolve) => session.once('Tracing.tracingComplete', resolve));
      await session.send('Tracing.end');
      await complete;
      await session.detach();
      return events;
    },
  };
}

async function probeOf(page: Page): Promise<ProbeResult> {
  return (await page.evaluate('window.__bench.result()')) as ProbeResult;
}

/** Times of the caller page's frames that match, in order. */
function framesAt(probe: ProbeResult, match: (frame: ProbeFrame) => boolean): number[] {
  return probe.frames.filter(match).map((frame) => frame.t);
}

const isCommand = (type: string) => (frame: ProbeFrame) =>
  frame.dir === 'in' && frame.head.startsWith('{"event":"telephony.command"') && frame.head.includes(`"type":"${type}"`);

/**
 * Click a button; the time the page dispatched the click (the probe's capture listener), so that
 * Playwright's own work before it (finding the button, actionability checks, the CDP round trip,
 * 40–50 ms here) is not counted as the app's. Re-arms the probe: its frames start at the click.
 */
async function clickAt(page: Page, name: string): Promise<number> {
  const button = page.getByRole('button', { name, exact: true });
  await button.waitFor();
  await page.evaluate('window.__bench.arm(null)');
  await button.click();
  const clicked = (await probeOf(page)).marks[`click:${name}`];
  if (clicked === undefined) throw new Error(`the probe saw no click on "${name}"`);
  return clicked;
}

async function main(): Promise<void> {
  const kamailio = await startKamailio({ users });
  const server = await startBaselineServer();
  const host = await startDeskHost({ settings: accountSettings({ kamailio, user: CALLER, password: users[CALLER]! }) });
  const browser = await launchChromium({ origin: `http://127.0.0.1:${host.port}` });
  const peers: BaselinePeer[] = [];
  const fanOut: number[] = [];
  const single: number[] = [];
  const cancelAll: number[] = [];
  const answerToLastEnded: number[] = [];
  /** 200 OK sent → the first other leg ended: with cancel-all, it splits the path's fixed cost from the spread. */
  const firstEnded: number[] = [];
  /** 200 OK sent → the caller's page sent its last CANCEL: our side of the cancel-all. */
  const lastCancelSent: number[] = [];
  /** Where the time goes; each relative to the click (fan-out) or to the 200 OK at the caller (cancel-all). */
  const phases: Record<PhaseName, number[]> = Object.fromEntries(PHASES.map(([name]) => [name, []])) as never;
  try {
    const page = browser.page;
    await page.context().addInitScript(PAGE_PROBE_SCRIPT);
    await page.goto(host.url);
    await waitRegistered(page);
    let tab: BaselinePeer | undefined;
    for (let i = 0; i < peerUsers.length; i++) {
      const name = peerUsers[i]!;
      const inBrowser = i % PER_BROWSER;
      let peer: BaselinePeer;
      if (inBrowser === 0) peer = tab = await openBaselinePeer(server, { name });
      else if (inBrowser % PER_TAB === 0) peer = tab = await tab!.sibling(server, name);
      else peer = await tab!.frameSibling(server, name);
      const registered = await peer.register(kamailio, peerUsers[i]!, users[peerUsers[i]!]!);
      if (!registered.ok) throw new Error(`${peerUsers[i]} did not register: ${registered.status}`);
      peers.push(peer);
    }
    await page.bringToFront();

    for (let round = 0; round < WARMUP + ROUNDS; round++) {
      // A single call to one destination: the reference ring latency.
      const target = peers[round % peers.length]!;
      await page.getByLabel('Number or SIP address').fill(target.name);
      const dialled = await clickAt(page, 'Call');
      await target.waitForState('incoming', STEP_TIMEOUT_MS);
      single.push((await target.marks()).inviteReceived! - dialled);
      await target.hangup();
      await waitSettled([target]);
      await page.getByRole('button', { name: 'Hang up', exact: true }).waitFor({ state: 'detached', timeout: STEP_TIMEOUT_MS });

      // The group call to all of them.
      await page.getByRole('button', { name: 'New group call' }).click();
      await page.getByLabel('Numbers and addresses, one per line').fill(peerUsers.join('\n'));
      await page.getByLabel('All at once').check();
      const trace = process.env.FANOUT_TRACE ? await startTrace(page) : undefined;
      const created = await clickAt(page, 'Ring group');
      await waitAll(peers, 'incoming');
      const invites = await Promise.all(peers.map(async (peer) => (await peer.marks()).inviteReceived!));
      fanOut.push(Math.max(...invites) - created);
      if (trace) writeFileSync(join(ROOT, 'test-results', `fanout-trace-${round}.json`), JSON.stringify(await trace.stop()));
      const ringing = await probeOf(page);
      phases.lastDialCommand.push(Math.max(...framesAt(ringing, isCommand('dial'))) - created);
      phases.lastInviteSent.push(Math.max(...framesAt(ringing, (f) => f.dir === 'out' && f.head.startsWith('INVITE '))) - created);

      const winner = peers[(round * 7) % peers.length]!;
      const losers = peers.filter((peer) => peer !== winner);
      await page.evaluate('window.__bench.arm(null)');
      await winner.answer();
      await winner.waitForState('established', STEP_TIMEOUT_MS);
      await waitSettled(losers);
      const winnerMarks = await winner.marks();
      const ended = await Promise.all(losers.map(async (peer) => (await peer.marks()).terminated!));
      answerToLastEnded.push(Math.max(...ended) - winnerMarks.answerClicked!);
      cancelAll.push(Math.max(...ended) - winnerMarks.established!);
      firstEnded.push(Math.min(...ended) - winnerMarks.established!);
      const answered = await probeOf(page);
      const cancelsSent = framesAt(answered, (f) => f.dir === 'out' && f.head.startsWith('CANCEL '));
      lastCancelSent.push(Math.max(...cancelsSent) - winnerMarks.established!);
      const okAtCaller = Math.min(...framesAt(answered, (f) => f.dir === 'in' && f.head.startsWith('SIP/2.0 200 ') && f.cseq === 'INVITE'));
      const cancelsReceived = await Promise.all(losers.map(async (peer) => (await peer.marks()).cancelReceived!));
      phases.answeredReported.push(
        Math.min(...framesAt(answered, (f) => f.dir === 'out' && f.head.includes('"sip.leg_event"') && f.head.includes('"type":"answered"'))) - okAtCaller,
      );
      phases.firstCancelCommand.push(Math.min(...framesAt(answered, isCommand('cancel'))) - okAtCaller);
      phases.lastCancelOut.push(Math.max(...cancelsSent) - okAtCaller);
      phases.firstCancelReceived.push(Math.min(...cancelsReceived) - okAtCaller);
      phases.lastCancelReceived.push(Math.max(...cancelsReceived) - okAtCaller);
      phases.lastEnded.push(Math.max(...ended) - okAtCaller);
      const reasons = await Promise.all(losers.map((peer) => peer.lastCancelReason()));
      if (reasons.some((reason) => !reason?.includes('cause=200'))) process.stdout.write(`round ${round}: a CANCEL lacked Reason cause=200\n`);

      await clickAt(page, 'Hang up');
      await waitSettled([winner]);
      await page.getByRole('button', { name: 'Dismiss', exact: true }).click();
      process.stdout.write(
        `${round < WARMUP ? 'warm-up' : `round ${round + 1 - WARMUP}/${ROUNDS}`}: fan-out ${fanOut.at(-1)!.toFixed(0)} ms, single ${single.at(-1)!.toFixed(0)} ms, ` +
          `200 OK → at the caller ${(okAtCaller - winnerMarks.established!).toFixed(0)} ms, → first cancel command ${phases.firstCancelCommand.at(-1)!.toFixed(0)} ms later, ` +
          `last CANCEL sent ${lastCancelSent.at(-1)!.toFixed(0)} ms, → first other ended ${firstEnded.at(-1)!.toFixed(0)} ms, → last ${cancelAll.at(-1)!.toFixed(0)} ms\n`,
      );
    }
  } finally {
    for (const peer of peers) await peer.close().catch(() => undefined);
    await browser.close().catch(() => undefined);
    await host.stop().catch(() => undefined);
    removeDataDir(host);
    await server.close().catch(() => undefined);
    await kamailio.stop();
  }
  for (const samples of [fanOut, single, cancelAll, answerToLastEnded, firstEnded, lastCancelSent, ...Object.values(phases)]) {
    samples.splice(0, WARMUP);
  }
  report(
    {
      fanOut: summarize(fanOut),
      single: summarize(single),
      cancelAll: summarize(cancelAll),
      answerToLastEnded: summarize(answerToLastEnded),
      firstEnded: summarize(firstEnded),
      lastCancelSent: summarize(lastCancelSent),
    },
    { fanOut, single, cancelAll, answerToLastEnded, firstEnded, lastCancelSent, ...phases },
    Object.fromEntries(PHASES.map(([name]) => [name, summarize(phases[name])])) as Record<PhaseName, Summary>,
  );
}

const PHASES = [
  ['lastDialCommand', 'fan-out: click → last dial command at the page'],
  ['lastInviteSent', 'fan-out: click → last INVITE left the page'],
  ['answeredReported', 'cancel: 200 OK at the page → its "answered" sent'],
  ['firstCancelCommand', 'cancel: 200 OK at the page → first cancel command'],
  ['lastCancelOut', 'cancel: 200 OK at the page → last CANCEL out'],
  ['firstCancelReceived', 'cancel: 200 OK → first destination has CANCEL'],
  ['lastCancelReceived', 'cancel: 200 OK → last destination has CANCEL'],
  ['lastEnded', 'cancel: 200 OK → last destination ended'],
] as const;
type PhaseName = (typeof PHASES)[number][0];

type SummaryName = 'fanOut' | 'single' | 'cancelAll' | 'answerToLastEnded' | 'firstEnded' | 'lastCancelSent';

function report(summary: Record<SummaryName, Summary>, samples: Record<string, number[]>, phases: Record<PhaseName, Summary>): void {
  const row = (label: string, s: Summary): string => `${label.padEnd(52)} ${s.median.toFixed(1).padStart(8)} ${s.p95.toFixed(1).padStart(8)}   n=${s.n}`;
  const ratio = summary.fanOut.median / summary.single.median;
  const lines = [
    `Group call fan-out to ${LEGS} registered destinations (${ROUNDS} rounds; ${PER_BROWSER} per Chromium, ${PER_TAB} per tab)`,
    `${''.padEnd(52)} ${'median'.padStart(8)} ${'p95'.padStart(8)}   (ms)`,
    row('single call: click → ring', summary.single),
    row(`group call: click → all ${LEGS} ringing`, summary.fanOut),
    row('answer → last other leg ended', summary.answerToLastEnded),
    row('winner sent its 200 OK → last other ended', summary.cancelAll),
    row('  200 OK sent → first other ended', summary.firstEnded),
    row('  200 OK sent → last CANCEL left the caller', summary.lastCancelSent),
    'where the time goes (caller page probe; destinations\' marks)',
    ...PHASES.map(([name, label]) => row(`  ${label}`, phases[name])),
    `fan-out / single (median): ${ratio.toFixed(2)}× — target ≤ 2×: ${ratio <= 2 ? 'met' : 'not met'}`,
    `cancel-all, 200 OK → last other ended (median): ${summary.cancelAll.median.toFixed(1)} ms — target < 100 ms: ${summary.cancelAll.median < 100 ? 'met' : 'not met'}`,
  ];
  process.stdout.write(`\n${lines.join('\n')}\n`);
  const out = join(ROOT, 'test-results', 'bench-group-fanout.json');
  mkdirSync(join(ROOT, 'test-results'), { recursive: true });
  writeFileSync(out, `${JSON.stringify({ legs: LEGS, rounds: ROUNDS, perBrowser: PER_BROWSER, perTab: PER_TAB, summary, phases, samples }, null, 2)}\n`);
  process.stdout.write(`raw samples: ${out}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`group fan-out bench could not run: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
