/**
 * The scheduler with 100,000 pending scheduled calls (issue 6):
 *   - start-up until the scheduler is armed: open the SQLite file (migrations done), build the
 *     repository and the scheduler, recover claims, run the first check and arm the timer;
 *   - "what is due next": the scheduler's two queries (the working set due within the lead
 *     time, and the first call after it), against raw better-sqlite3 running the same SQL.
 *
 *   npm run bench            (runs every test/bench/*.bench.ts)
 *   node --import tsx test/bench/scheduler.bench.ts [--pending 100000] [--runs 5000] [--starts 20]
 *
 * Targets: armed in under 200 ms; the query under 1 ms at p99. Figures are printed, never asserted.
 */
import BetterSqlite3 from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { percentile, summarize } from './stats.js';

const { values } = parseArgs({
  strict: false,
  options: { pending: { type: 'string', default: '100000' }, runs: { type: 'string', default: '5000' }, starts: { type: 'string', default: '20' } },
});
const PENDING = Number(values.pending);
const RUNS = Number(values.runs);
const STARTS = Number(values.starts);
const ROOT = resolve(import.meta.dirname, '../..');

type Db = BetterSqlite3.Database;
const { openDatabase } = (await import(join(ROOT, 'src-main/store/database.ts'))) as { openDatabase(file: string): Db };
const { SqliteScheduledCallRepository } = (await import(join(ROOT, 'src-main/store/sqlite-scheduled-call-repository.ts'))) as {
  SqliteScheduledCallRepository: new (db: Db) => { dueBy(until: number, limit: number): unknown[]; nextAfter(after: number): unknown };
};
const { SqliteContactCentreRepository } = (await import(join(ROOT, 'src-main/store/sqlite-contact-centre-repository.ts'))) as {
  SqliteContactCentreRepository: new (db: Db) => object;
};
const { SqliteCallRepository } = (await import(join(ROOT, 'src-main/store/sqlite-call-repository.ts'))) as { SqliteCallRepository: new (db: Db) => object };
const { CallEngine } = (await import(join(ROOT, 'src-main/engine/call-engine.ts'))) as { CallEngine: new (deps: object) => object };
const { SchedulerService } = (await import(join(ROOT, 'src-main/engine/scheduler/scheduler-service.ts'))) as {
  SchedulerService: new (deps: object) => { start(): void; stop(): void; armedFor: number | null };
};
const { Settings } = (await import(join(ROOT, 'src-main/contract/settings.ts'))) as { Settings: { parse(v: unknown): object } };

const dir = mkdtempSync(join(tmpdir(), 'bench-scheduler-'));
const file = join(dir, 'calls.sqlite');
const now = Date.now();
const LEAD = 2 * 60_000;
try {
  const seed = openDatabase(file);
  process.stdout.write(`seeding ${PENDING.toLocaleString('en')} pending scheduled calls…\n`);
  const insert = seed.prepare(
    `INSERT INTO contact_centre_calls (id, has_leg, phase, call_type, lang, end_user_number, recording_permission, created_at, scheduled_at)
     VALUES (?, 0, 'scheduled', 'Voice Scheduled (API)', 'en', '+14155550123', 'recording_permission_not_asked', ?, ?)`,
  );
  seed.transaction(() => {
    // Spread over the next 30 days, so a few fall inside the lead time like on a busy desk.
    for (let i = 0; i < PENDING; i++) insert.run(`00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, now, now + 60_000 + Math.floor((i / PENDING) * 30 * 86_400_000));
  })();
  seed.close();

  const settings = Settings.parse({ sip: { server: 'ws://127.0.0.1:5066', uri: 'sip:1001@sip.test' } });
  const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };
  const clock = { now: () => Date.now(), monotonic: () => performance.now(), setTimer: (cb: () => void, ms: number) => setTimeout(cb, ms), clearTimer: (h: unknown) => clearTimeout(h as NodeJS.Timeout) };
  const armed: number[] = [];
  for (let i = 0; i < STARTS; i++) {
    const t0 = performance.now();
    const db = openDatabase(file);
    const calls = new SqliteCallRepository(db);
    const engine = new CallEngine({ calls, clock, ids: { uuid: () => 'x' }, telephony: { isConnected: () => false, send: () => false }, settings: { current: () => settings }, logger: quiet });
    const scheduler = new SchedulerService({
      clock,
      repo: new SqliteScheduledCallRepository(db),
      contactCentre: new SqliteContactCentreRepository(db),
      engine,
      settings: { current: () => settings },
      ids: { uuid: () => 'x' },
      logger: quiet,
      canDial: () => false,
    });
    scheduler.start();
    if (scheduler.armedFor === null) throw new Error('not armed');
    armed.push(performance.now() - t0);
    scheduler.stop();
    db.close();
  }

  const db = openDatabase(file);
  const repo = new SqliteScheduledCallRepository(db);
  const raw = new BetterSqlite3(file, { readonly: true });
  const rawDue = raw.prepare(
    "SELECT cc.id, cc.scheduled_at, cc.end_user_number, cc.outbound_number, cc.parent_id, s.stage, s.prompted_at, s.accepted_at, s.dismissed_at FROM contact_centre_calls cc LEFT JOIN scheduled_calls s ON s.id = cc.id WHERE cc.phase = 'scheduled' AND cc.scheduled_at <= ? ORDER BY cc.scheduled_at, cc.seq LIMIT ?",
  );
  const rawNext = raw.prepare("SELECT id, scheduled_at FROM contact_centre_calls WHERE phase = 'scheduled' AND scheduled_at > ? ORDER BY scheduled_at, seq LIMIT 1");
  const ours: number[] = [];
  const baseline: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const at = now + (i % 100) * 60_000;
    let t = performance.now();
    repo.dueBy(at + LEAD, 500);
    repo.nextAfter(at + LEAD);
    ours.push(performance.now() - t);
    t = performance.now();
    rawDue.all(at + LEAD, 500);
    rawNext.get(at + LEAD);
    baseline.push(performance.now() - t);
  }
  raw.close();
  db.close();

  const line = (name: string, samples: number[]) => {
    const s = summarize(samples);
    return `${name.padEnd(44)} median ${s.median.toFixed(3)} ms  p95 ${s.p95.toFixed(3)} ms  p99 ${percentile(samples, 99).toFixed(3)} ms`;
  };
  process.stdout.write(
    [
      `scheduler, ${PENDING.toLocaleString('en')} pending scheduled calls`,
      line(`start-up until armed (${STARTS} starts)`, armed) + '   target < 200 ms',
      line(`what is due next: scheduler (${RUNS} runs)`, ours) + '   target p99 < 1 ms',
      line('what is due next: raw better-sqlite3', baseline),
      '',
    ].join('\n'),
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
