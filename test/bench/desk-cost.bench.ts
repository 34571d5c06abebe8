/**
 * What the desk costs the agent's machine while it waits, rings and talks: the desk page's
 * main-thread time per second of wall clock (Chrome DevTools Protocol `Performance.getMetrics`:
 * TaskDuration, and of it RecalcStyleDuration and LayoutDuration), and the CPU time of the whole
 * Chromium that shows it (every process of its tree, from /proc: the audio service, the GPU
 * process… — work the main-thread figure does not see), in four states:
 *
 *   idle       registered, nothing happening (the baseline, measured in the same run)
 *   ringing    an incoming call shows its ring card (the ringtone plays, the pulse animates)
 *   ringing6s  the same ring from 6 s on (the pulse has stopped; the ringtone goes on)
 *   talking    the call is connected (timer, audio in and out)
 *
 * The main thread is the one that must handle the agent's Answer and the host's commands, so
 * work it does every frame delays both; and an agent keeps this window open all day.
 *
 * Memory, for the same reason: the page's JS heap and DOM node count after a garbage
 * collection, after one warm-up call (the baseline) and after the rounds' calls, once SIP.js's 32 s
 * transaction timers have run (an answered INVITE's server transaction keeps its session, and so
 * our leg and its audio element, for Timer L, RFC 6026). What stays is the history's rows.
 *
 *   node --import tsx test/bench/desk-cost.bench.ts [--rounds 5] [--seconds 3]
 *   (or: npm run bench -- desk-cost)
 *
 * No target from an issue: it reports each state against idle. Writes
 * test-results/bench-desk-cost.json. Never fails on a number.
 */
import type { CDPSession, Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { openDesk, removeDataDir, startDeskHost, waitRegistered, type Desk } from '../support/desk-app.js';
import { startKamailio, type KamailioServer } from '../support/kamailio.js';
import { summarize, type Summary } from './stats.js';

const ROOT = resolve(import.meta.dirname, '../..');
const { values: args } = parseArgs({
  options: { rounds: { type: 'string', default: '5' }, seconds: { type: 'string', default: '3' } },
  strict: false, // `npm run bench` passes the other benches' options too
});
const ROUNDS = Number(args.rounds);
const WINDOW_MS = Number(args.seconds) * 1000;
/** After a state is reached, before measuring: the render and alerts it triggers settle. */
const SETTLE_MS = 300;
/** The later ringing window starts this long after the ring card appeared. */
const LATE_RING_MS = 6000;
/** SIP.js keeps an answered INVITE's transaction for Timer L (64 × T1 = 32 s); a margin on top. */
const TRANSACTIONS_GONE_MS = 35_000;
const USERS = { '1001': 'bench-pass-1001', '1002': 'bench-pass-1002' };

type State = 'idle' | 'ringing' | 'ringing6s' | 'talking';
type Metric = 'task' | 'style' | 'layout' | 'browser';
type Samples = Record<State, Record<Metric, number[]>>;

const sleep = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));

async function registeredDesk(kamailio: KamailioServer, user: keyof typeof USERS): Promise<Desk> {
  const host = await startDeskHost({ account: { kamailio, user, password: USERS[user] } });
  const desk = await openDesk(host);
  await waitRegistered(desk.page);
  return desk;
}

const CLOCK_TICKS_PER_S = existsSync('/proc/self/stat') ? Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) : 0;

/** CPU milliseconds used so far by each process of the Chromium whose profile is `userDataDir`. */
function browserCpuByPid(userDataDir: string): Map<number, number> {
  const processes = execFileSync('ps', ['-eo', 'pid=,ppid=,args=']).toString().trim().split('\n').map((line) => {
    const [pid, ppid, ...args] = line.trim().split(/\s+/);
    return { pid: Number(pid), ppid: Number(ppid), args: args.join(' ') };
  });
  const tree = new Set(processes.filter((p) => p.args.includes(`--user-data-dir=${userDataDir}`) && !p.args.includes('--type=')).map((p) => p.pid));
  for (let grew = true; grew; ) {
    grew = false;
    for (const p of processes) {
      if (tree.has(p.ppid) && !tree.has(p.pid)) {
        tree.add(p.pid);
        grew = true;
      }
    }
  }
  const used = new Map<number, number>();
  for (const pid of tree) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      used.set(pid, ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_S); // utime + stime
    } catch {
      // it exited in between
    }
  }
  return used;
}

/** Main-thread, and whole-browser, milliseconds per second of wall clock over the next window. */
async function measure(cdp: CDPSession, userDataDir: string): Promise<Record<Metric, number>> {
  const read = async (): Promise<Record<string, number>> => {
    const { metrics } = await cdp.send('Performance.getMetrics');
    return Object.fromEntries(metrics.map((metric) => [metric.name, metric.value]));
  };
  const cpu = (): Map<number, number> => (CLOCK_TICKS_PER_S ? browserCpuByPid(userDataDir) : new Map());
  const before = await read();
  const cpuBefore = cpu();
  const started = performance.now();
  await sleep(WINDOW_MS);
  const after = await read();
  const cpuAfter = cpu();
  const seconds = (performance.now() - started) / 1000;
  const perSecond = (name: string): number => ((after[name]! - before[name]!) * 1000) / seconds;
  // A process started during the window (the audio service, at a tone's start) counts from zero.
  let browserMs = 0;
  for (const [pid, used] of cpuAfter) browserMs += used - (cpuBefore.get(pid) ?? 0);
  return {
    task: perSecond('TaskDuration'),
    style: perSecond('RecalcStyleDuration'),
    layout: perSecond('LayoutDuration'),
    browser: browserMs / seconds,
  };
}

interface Footprint {
  heapMb: number;
  domNodes: number;
}

/** JS heap and live DOM nodes (attached or not) after a full garbage collection. */
async function footprint(cdp: CDPSession): Promise<Footprint> {
  await cdp.send('HeapProfiler.collectGarbage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const value = (name: string): number => metrics.find((metric) => metric.name === name)!.value;
  return { heapMb: value('JSHeapUsedSize') / 1e6, domNodes: value('Nodes') };
}

const button = (page: Page, name: string) => page.getByRole('button', { name, exact: true });

async function main(): Promise<void> {
  const kamailio = await startKamailio({ users: USERS });
  const desks: Desk[] = [];
  const samples: Samples = {
    idle: { task: [], style: [], layout: [], browser: [] },
    ringing: { task: [], style: [], layout: [], browser: [] },
    ringing6s: { task: [], style: [], layout: [], browser: [] },
    talking: { task: [], style: [], layout: [], browser: [] },
  };
  const memory: { start?: Footprint; end?: Footprint; historyRowNodes?: number } = {};
  try {
    const caller = await registeredDesk(kamailio, '1001');
    desks.push(caller);
    const agent = await registeredDesk(kamailio, '1002');
    desks.push(agent);
    const cdp = await agent.page.context().newCDPSession(agent.page);
    await cdp.send('Performance.enable');
    await cdp.send('HeapProfiler.enable');
    const record = async (state: State): Promise<void> => {
      await sleep(SETTLE_MS);
      const result = await measure(cdp, agent.browser.userDataDir);
      for (const metric of Object.keys(result) as Metric[]) samples[state][metric].push(result[metric]);
    };
    const oneCall = async (measured: boolean): Promise<void> => {
      if (measured) await record('idle');
      await caller.page.getByLabel('Number or SIP address').fill('1002');
      await button(caller.page, 'Call').click();
      await button(agent.page, 'Answer').waitFor({ timeout: 15_000 });
      if (measured) {
        const rang = performance.now();
        await record('ringing');
        // Later in the same ring: the card's pulse (three beats, 4.8 s) is over, the tone goes on.
        await sleep(Math.max(0, LATE_RING_MS - SETTLE_MS - (performance.now() - rang)));
        await record('ringing6s');
      }
      await button(agent.page, 'Answer').click();
      await button(agent.page, 'Hang up').waitFor({ timeout: 15_000 });
      if (measured) await record('talking');
      await button(agent.page, 'Hang up').click();
      await button(agent.page, 'Hang up').waitFor({ state: 'detached', timeout: 15_000 });
      await sleep(1000); // the end's announcement and history row
    };
    // A warm-up call first: the code of a call compiled, its modules loaded, history populated.
    // Memory is then compared from after it, so what remains is what each further call keeps.
    await oneCall(false);
    process.stdout.write(`warm-up call done; waiting ${TRANSACTIONS_GONE_MS / 1000} s for SIP.js's transaction timers…\n`);
    await sleep(TRANSACTIONS_GONE_MS);
    memory.start = await footprint(cdp);
    for (let round = 0; round < ROUNDS; round++) {
      await oneCall(true);
      process.stdout.write(`round ${round + 1}, whole browser: idle ${samples.idle.browser.at(-1)!.toFixed(0)}, ringing ${samples.ringing.browser.at(-1)!.toFixed(0)}, from 6 s ${samples.ringing6s.browser.at(-1)!.toFixed(0)}, talking ${samples.talking.browser.at(-1)!.toFixed(0)} ms/s\n`);
    }
    process.stdout.write(`waiting ${TRANSACTIONS_GONE_MS / 1000} s for SIP.js's transaction timers before the memory reading…\n`);
    await sleep(TRANSACTIONS_GONE_MS);
    memory.end = await footprint(cdp);
    // A string, not a function: the bench runs through tsx, whose helpers the page does not have.
    memory.historyRowNodes = (await agent.page.evaluate(`(() => {
      const row = document.querySelector('section[aria-labelledby="history-title"] li');
      if (!row) return 0;
      const walker = document.createTreeWalker(row);
      let count = 1;
      while (walker.nextNode()) count++;
      return count;
    })()`)) as number;
  } finally {
    for (const desk of desks) {
      await desk.close().catch(() => undefined);
      await desk.host.stop().catch(() => undefined);
      removeDataDir(desk.host);
    }
    await kamailio.stop();
  }

  const summary = Object.fromEntries(
    (Object.keys(samples) as State[]).map((state) => [
      state,
      Object.fromEntries((Object.keys(samples[state]) as Metric[]).map((metric) => [metric, summarize(samples[state][metric])])),
    ]),
  ) as Record<State, Record<Metric, Summary>>;
  const vsIdle = (metric: Metric, state: State): string =>
    state === 'idle' ? '' : `${(summary[state][metric].median / summary.idle[metric].median).toFixed(1)}×`;
  const row = (state: State): string => {
    const { task, style, layout, browser } = summary[state];
    return [
      state.padEnd(10),
      task.median.toFixed(1).padStart(8),
      task.p95.toFixed(1).padStart(8),
      style.median.toFixed(1).padStart(8),
      layout.median.toFixed(1).padStart(8),
      vsIdle('task', state).padStart(9),
      (CLOCK_TICKS_PER_S ? browser.median.toFixed(1) : '—').padStart(12),
      (CLOCK_TICKS_PER_S ? vsIdle('browser', state) : '').padStart(9),
    ].join(' ');
  };
  process.stdout.write(
    [
      '',
      `The desk page's main thread, and the whole Chromium's CPU, ms per second (${ROUNDS} rounds of ${WINDOW_MS / 1000} s each)`,
      `${'state'.padEnd(10)} ${'task med'.padStart(8)} ${'task p95'.padStart(8)} ${'style'.padStart(8)} ${'layout'.padStart(8)} ${'vs idle'.padStart(9)} ${'browser med'.padStart(12)} ${'vs idle'.padStart(9)}`,
      row('idle'),
      row('ringing'),
      row('ringing6s'),
      row('talking'),
      '',
      `Memory after a garbage collection, after a warm-up call and after ${ROUNDS} more (each + ${TRANSACTIONS_GONE_MS / 1000} s)`,
      `  JS heap    ${memory.start!.heapMb.toFixed(2)} MB → ${memory.end!.heapMb.toFixed(2)} MB (${(((memory.end!.heapMb - memory.start!.heapMb) * 1000) / ROUNDS).toFixed(0)} KB per call)`,
      `  DOM nodes  ${memory.start!.domNodes} → ${memory.end!.domNodes} (${((memory.end!.domNodes - memory.start!.domNodes) / ROUNDS).toFixed(0)} per call; one history row is ${memory.historyRowNodes} nodes)`,
      '',
    ].join('\n'),
  );
  mkdirSync(join(ROOT, 'test-results'), { recursive: true });
  const out = join(ROOT, 'test-results', 'bench-desk-cost.json');
  writeFileSync(out, `${JSON.stringify({ date: new Date().toISOString(), rounds: ROUNDS, windowMs: WINDOW_MS, summary, memory, samples }, null, 2)}\n`);
  process.stdout.write(`raw samples: ${out}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`desk cost bench could not run: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
