/**
 * What the desk costs the agent's machine while it waits, rings and talks: the desk page's
 * main-thread time per second of wall clock (Chrome DevTools Protocol `Performance.getMetrics`:
 * TaskDuration, and of it RecalcStyleDuration and LayoutDuration), in three states:
 *
 *   idle     registered, nothing happening (the baseline, measured in the same run)
 *   ringing  an incoming call shows its ring card (the ringtone plays, the pulse animates)
 *   talking  the call is connected (timer, audio in and out)
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
import { mkdirSync, writeFileSync } from 'node:fs';
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
/** SIP.js keeps an answered INVITE's transaction for Timer L (64 × T1 = 32 s); a margin on top. */
const TRANSACTIONS_GONE_MS = 35_000;
const USERS = { '1001': 'bench-pass-1001', '1002': 'bench-pass-1002' };

type State = 'idle' | 'ringing' | 'talking';
type Metric = 'task' | 'style' | 'layout';
type Samples = Record<State, Record<Metric, number[]>>;

const sleep = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));

async function registeredDesk(kamailio: KamailioServer, user: keyof typeof USERS): Promise<Desk> {
  const host = await startDeskHost({ account: { kamailio, user, password: USERS[user] } });
  const desk = await openDesk(host);
  await waitRegistered(desk.page);
  return desk;
}

/** Main-thread milliseconds per second of wall clock over the next window. */
async function measure(cdp: CDPSession): Promise<Record<Metric, number>> {
  const read = async (): Promise<Record<string, number>> => {
    const { metrics } = await cdp.send('Performance.getMetrics');
    return Object.fromEntries(metrics.map((metric) => [metric.name, metric.value]));
  };
  const before = await read();
  const started = performance.now();
  await sleep(WINDOW_MS);
  const after = await read();
  const seconds = (performance.now() - started) / 1000;
  const perSecond = (name: string): number => ((after[name]! - before[name]!) * 1000) / seconds;
  return { task: perSecond('TaskDuration'), style: perSecond('RecalcStyleDuration'), layout: perSecond('LayoutDuration') };
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
    idle: { task: [], style: [], layout: [] },
    ringing: { task: [], style: [], layout: [] },
    talking: { task: [], style: [], layout: [] },
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
      const result = await measure(cdp);
      for (const metric of Object.keys(result) as Metric[]) samples[state][metric].push(result[metric]);
    };
    const oneCall = async (measured: boolean): Promise<void> => {
      if (measured) await record('idle');
      await caller.page.getByLabel('Number or SIP address').fill('1002');
      await button(caller.page, 'Call').click();
      await button(agent.page, 'Answer').waitFor({ timeout: 15_000 });
      if (measured) await record('ringing');
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
      process.stdout.write(`round ${round + 1}: idle ${samples.idle.task.at(-1)!.toFixed(1)}, ringing ${samples.ringing.task.at(-1)!.toFixed(1)}, talking ${samples.talking.task.at(-1)!.toFixed(1)} ms/s\n`);
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
  const idle = summary.idle.task.median;
  const row = (state: State): string => {
    const { task, style, layout } = summary[state];
    const ratio = state === 'idle' ? '' : `${(task.median / idle).toFixed(1)}×`;
    return [
      state.padEnd(10),
      task.median.toFixed(1).padStart(8),
      task.p95.toFixed(1).padStart(8),
      style.median.toFixed(1).padStart(8),
      layout.median.toFixed(1).padStart(8),
      ratio.padStart(9),
    ].join(' ');
  };
  process.stdout.write(
    [
      '',
      `The desk page's main thread, ms per second (${ROUNDS} rounds of ${WINDOW_MS / 1000} s each)`,
      `${'state'.padEnd(10)} ${'task med'.padStart(8)} ${'task p95'.padStart(8)} ${'style'.padStart(8)} ${'layout'.padStart(8)} ${'vs idle'.padStart(9)}`,
      row('idle'),
      row('ringing'),
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
