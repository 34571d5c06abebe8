/**
 * Local API query layer with 1,000,000 stored calls:
 *   - the newest-50 page of GET /v1/calls, without and with a number filter;
 *   - create-call validation + persist throughput (a scheduled call: validated and stored, no SIP);
 * each against raw better-sqlite3 running the same SQL in the same process (the baseline).
 *
 *   npm run bench            (runs every test/bench/*.bench.ts)
 *   node --import tsx test/bench/api-calls.bench.ts [--calls 1000000] [--runs 2000]
 *
 * Targets (issue 3): page p99 under 2 ms; query layer within 1.5× the raw baseline.
 * Figures are printed, never asserted.
 *
 * The store and engine modules are loaded by path at run time: the bench belongs to the test
 * TypeScript project, which may not include src-main files (they are the node project's).
 */
import BetterSqlite3 from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { summarize } from './stats.js';

// Not strict: npm run bench passes its other arguments to every bench.
const { values } = parseArgs({ strict: false, options: { calls: { type: 'string', default: '1000000' }, runs: { type: 'string', default: '2000' } } });
const CALLS = Number(values.calls);
const RUNS = Number(values.runs);
const ROOT = resolve(import.meta.dirname, '../..');

type Repo = { list(filter: object, limit: number, before?: string): { rows: unknown[] }; save(record: object): void };
const { openDatabase } = (await import(join(ROOT, 'src-main/store/database.ts'))) as { openDatabase(file: string): BetterSqlite3.Database };
const { SqliteContactCentreRepository } = (await import(join(ROOT, 'src-main/store/sqlite-contact-centre-repository.ts'))) as {
  SqliteContactCentreRepository: new (db: BetterSqlite3.Database) => Repo;
};
const { validateCreateCall } = (await import(join(ROOT, 'src-main/engine/contact-centre/create-call-request.ts'))) as {
  validateCreateCall(body: unknown, context: object): { ok: boolean; plan?: { endUserNumber: string; scheduledAt: number } };
};
const { blankContactCentreRecord } = (await import(join(ROOT, 'src-main/engine/contact-centre/contact-centre-record.ts'))) as {
  blankContactCentreRecord(id: string, at: number): Record<string, unknown>;
};
const { Settings } = (await import(join(ROOT, 'src-main/contract/settings.ts'))) as { Settings: { parse(v: unknown): object } };

const dir = mkdtempSync(join(tmpdir(), 'bench-api-'));
const db = openDatabase(join(dir, 'calls.sqlite'));
try {
  process.stdout.write(`seeding ${CALLS.toLocaleString('en')} calls…\n`);
  const insert = db.prepare(
    `INSERT INTO calls (id, direction, state, end_reason, from_party, to_party, labels, timeout_seconds, create_method, create_time, end_time)
     VALUES (?, ?, 'COMPLETED', 'completed', ?, ?, '{}', 30, 'DESK', ?, ?)`,
  );
  const start = Date.parse('2025-01-01T00:00:00Z');
  const seed = db.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const outgoing = i % 3 !== 0;
      const far = `+1859${String(i % 100_000).padStart(7, '0')}`;
      insert.run(randomUUID(), outgoing ? 'OUTGOING' : 'INCOMING', outgoing ? 'sip:1001@sip.test' : `sip:${far}@sip.test`, outgoing ? far : 'sip:1001@sip.test', start + i * 1000, start + i * 1000 + 60_000);
    }
  });
  for (let i = 0; i < CALLS; i += 50_000) seed(i, Math.min(CALLS, i + 50_000));

  const repo = new SqliteContactCentreRepository(db);
  const number = '+18590004242';

  // The raw baseline: the same SQL the repository runs for these filters, prepared once.
  const rawPage = db.prepare(
    'SELECT c.*, cc.* FROM calls c LEFT JOIN contact_centre_calls cc ON cc.id = c.id ORDER BY c.create_time DESC, c.callid DESC LIMIT 51',
  );
  const rawLegless = db.prepare('SELECT * FROM contact_centre_calls cc WHERE cc.has_leg = 0 ORDER BY cc.created_at DESC, cc.seq DESC LIMIT 51');
  const rawNumber = db.prepare(
    'SELECT c.*, cc.* FROM calls c LEFT JOIN contact_centre_calls cc ON cc.id = c.id ' +
      'WHERE (c.to_party = ? OR c.from_party = ? OR (c.from_party >= ? AND c.from_party < ?)) ORDER BY +c.create_time DESC, c.callid DESC LIMIT 51',
  );
  const rawNumberLegless = db.prepare(
    'SELECT * FROM contact_centre_calls cc WHERE cc.has_leg = 0 AND instr(cc.end_user_number, ?) > 0 ORDER BY cc.created_at DESC, cc.seq DESC LIMIT 51',
  );

  const time = (run: () => unknown): number[] => {
    for (let i = 0; i < 50; i++) run(); // warm-up
    const samples: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      run();
      samples.push(performance.now() - t0);
    }
    return samples;
  };
  const report = (name: string, samples: number[], baseline?: number[]): void => {
    const s = summarize(samples);
    const p99 = [...samples].sort((a, b) => a - b)[Math.ceil(0.99 * samples.length) - 1]!;
    const ratio = baseline ? ` (${(s.median / summarize(baseline).median).toFixed(2)}× raw median)` : '';
    process.stdout.write(`${name.padEnd(44)} median ${s.median.toFixed(3)} ms  p95 ${s.p95.toFixed(3)} ms  p99 ${p99.toFixed(3)} ms${ratio}\n`);
  };

  const rawNewest = time(() => [rawPage.all(), rawLegless.all()]);
  const apiNewest = time(() => repo.list({}, 50));
  const rawFiltered = time(() => [rawNumber.all(number, number, `sip:${number}@`, `sip:${number}A`), rawNumberLegless.all(number)]);
  const apiFiltered = time(() => repo.list({ number }, 50));
  process.stdout.write(`\nGET /v1/calls query layer, ${CALLS.toLocaleString('en')} calls, ${RUNS} runs each\n`);
  report('raw better-sqlite3: newest 50', rawNewest);
  report('repository: newest 50', apiNewest, rawNewest);
  report('raw better-sqlite3: newest 50 for a number', rawFiltered);
  report('repository: newest 50 for a number', apiFiltered, rawFiltered);

  // Create-call validation + persist (scheduled: the path that stores without dialling).
  const settings = Settings.parse({ menus: [{ id: 10, name: 'App', type: 'mobile' }] });
  const context = { settings, now: Date.now(), contactByTicket: () => undefined, resolveCallId: () => undefined, agentAvailable: () => true };
  const body = { call_type: 'Voice Scheduled (API)', menu_id: 10, end_user_number: '+1 859-657-9625', scheduled_at: '2031-01-01T00:00:00Z' };
  const rawInsert = db.prepare(
    "INSERT INTO contact_centre_calls (id, has_leg, phase, call_type, lang, recording_permission, created_at, scheduled_at, end_user_number) VALUES (?, 0, 'scheduled', 'Voice Scheduled (API)', 'en', 'recording_permission_not_asked', ?, ?, ?)",
  );
  const creates = 20_000;
  let t0 = performance.now();
  for (let i = 0; i < creates; i++) rawInsert.run(randomUUID(), Date.now(), Date.parse(body.scheduled_at), '+18596579625');
  const rawPerSecond = creates / ((performance.now() - t0) / 1000);
  t0 = performance.now();
  for (let i = 0; i < creates; i++) {
    const outcome = validateCreateCall(body, context);
    if (!outcome.ok || !outcome.plan) throw new Error('bench request refused');
    repo.save({
      ...blankContactCentreRecord(randomUUID(), Date.now()),
      has_leg: false,
      phase: 'scheduled',
      call_type: 'Voice Scheduled (API)',
      end_user_number: outcome.plan.endUserNumber,
      scheduled_at: outcome.plan.scheduledAt,
    });
  }
  const apiPerSecond = creates / ((performance.now() - t0) / 1000);
  process.stdout.write(`\ncreate call, ${creates.toLocaleString('en')} requests (synchronous=FULL: one fsync per call)\n`);
  process.stdout.write(`${'raw better-sqlite3 insert'.padEnd(44)} ${rawPerSecond.toFixed(0)} /s\n`);
  process.stdout.write(`${'validation + repository save'.padEnd(44)} ${apiPerSecond.toFixed(0)} /s (${(rawPerSecond / apiPerSecond).toFixed(2)}× raw time)\n`);
} finally {
  db.close();
  rmSync(dir, { recursive: true, force: true });
}
