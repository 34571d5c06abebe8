/**
 * Test harness for a real Kamailio 5.6 registrar/proxy speaking SIP over
 * WebSocket (ws://127.0.0.1:PORT), used by the end-to-end tests and benches.
 *
 *   const kam = await startKamailio({ users: { '1001': 'pw1', '1002': 'pw2' } });
 *   kam.wsUrl   // ws://127.0.0.1:PORT
 *   await kam.kamcmd('ul.dump');
 *   await kam.stop();
 *
 * Process handling (why it looks the way it does):
 * - Kamailio forks a dozen workers. A SIGKILL to the main pid alone leaves
 *   the workers holding the port, so every instance runs in its OWN process
 *   group (spawn detached => setsid) and all signals go to the whole group.
 * - The group leader is a tiny /bin/sh watchdog that starts Kamailio and
 *   kills the group if the test process disappears without cleaning up (a
 *   SIGKILLed Playwright worker runs no exit handler).
 * - A normal exit of the test process runs an exit handler that SIGKILLs
 *   every group still alive.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface KamailioOptions {
  /** SIP users and their plain-text passwords, e.g. { '1001': 'secret1' }. */
  users: Record<string, string>;
  /** SIP domain the clients use in their URIs; also the digest realm. Default `sip.test`. */
  domain?: string;
  /** Kamailio `debug` level: 2 = info (each request is logged), 3 = debug. Default 2. */
  debugLevel?: number;
  /** How long to wait for the WebSocket handshake after start. Default 15 s. */
  startTimeoutMs?: number;
  /** Keep the run directory (config, log) after stop(). Default false unless KEEP_KAMAILIO_RUNDIR=1. */
  keepRunDir?: boolean;
}

export interface KamailioServer {
  /** ws://127.0.0.1:PORT — the SIP.js transport server. */
  readonly wsUrl: string;
  readonly host: string;
  readonly port: number;
  /** SIP domain (and digest realm), e.g. `sip.test`. */
  readonly domain: string;
  /** Directory with kamailio.cfg, kamailio.log and the control socket. */
  readonly runDir: string;
  readonly logPath: string;
  /** Process group id of the running instance (undefined while stopped). */
  readonly pgid: number | undefined;
  /** SIGTERM to the process group, wait for it to go away, SIGKILL after the grace period. */
  stop(graceMs?: number): Promise<void>;
  /** stop() then start again on the SAME port (registrations are lost: usrloc is in memory). */
  restart(): Promise<void>;
  /** SIGSTOP the whole group: connections stay open but nothing is answered. */
  freeze(): void;
  /** SIGCONT the whole group. */
  resume(): void;
  /** Run `kamcmd -s unix:RUNDIR/kamailio_ctl ...args` and return its stdout. */
  kamcmd(...args: string[]): Promise<string>;
  /** Last `lines` lines of the Kamailio log. */
  logTail(lines?: number): string;
}

const KAMAILIO_BIN = '/usr/sbin/kamailio';
const KAMCMD_BIN = '/usr/sbin/kamcmd';
const TEMPLATE_PATH = join(dirname(fileURLToPath(import.meta.url)), 'kamailio.cfg.template');
const LISTEN_IP = '127.0.0.1';

/** Process groups started by this process and not yet stopped. */
const liveGroups = new Set<number>();
/** Run directories to delete when this process exits. */
const runDirsToRemove = new Set<string>();
let exitHandlersInstalled = false;

/** Block the thread for `ms` (usable where the event loop no longer runs). */
function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Stop every group we started, synchronously (usable from an 'exit' handler):
 * SIGTERM first, so Kamailio shuts down and its watchdog parent reaps it (a
 * SIGKILLed group leaves zombies that only PID 1 reaps, and `pgrep kamailio`
 * still lists those), then SIGKILL whatever is left after a short grace.
 */
function killAllGroups(): void {
  const groups = [...liveGroups];
  liveGroups.clear();
  for (const pgid of groups) signalGroup(pgid, 'SIGCONT', 'SIGTERM'); // a frozen group must not stay stopped
  const deadline = Date.now() + 2000;
  while (Date.now() < deadline && groups.some(groupAlive)) sleepSync(20);
  for (const pgid of groups) if (groupAlive(pgid)) signalGroup(pgid, 'SIGKILL');
}

function signalGroup(pgid: number, ...signals: NodeJS.Signals[]): void {
  for (const signal of signals) {
    try {
      process.kill(-pgid, signal);
    } catch {
      /* already gone */
    }
  }
}

/** Last-chance cleanup: stop all groups, delete the run dirs. */
function cleanupAll(): void {
  killAllGroups();
  for (const dir of runDirsToRemove) rmSync(dir, { recursive: true, force: true });
  runDirsToRemove.clear();
}

function installExitHandlers(): void {
  if (exitHandlersInstalled) return;
  exitHandlersInstalled = true;
  process.on('exit', cleanupAll);
  // Node does not run 'exit' handlers when a signal kills it. Clean up, then
  // let the signal do what it would have done, unless someone else (e.g.
  // Playwright's worker) handles it.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    const onSignal = (): void => {
      cleanupAll();
      if (process.listenerCount(signal) === 1) {
        process.removeListener(signal, onSignal);
        process.kill(process.pid, signal);
      }
    };
    process.on(signal, onSignal);
  }
}

/**
 * Is any non-zombie process left in the group? Reads /proc because kill(-pgid, 0)
 * also succeeds for zombies, and orphaned workers may stay zombies here for a
 * while if PID 1 is slow to reap them.
 */
function groupAlive(pgid: number): boolean {
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    // No /proc: fall back to the signal probe.
    try {
      process.kill(-pgid, 0);
      return true;
    } catch {
      return false;
    }
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // exited meanwhile
    }
    // "pid (comm) state ppid pgrp ..." — comm may contain spaces/parens.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const state = fields[0];
    const pgrp = Number(fields[2]);
    if (pgrp === pgid && state !== 'Z' && state !== 'X') return true;
  }
  return false;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function waitUntil(cond: () => boolean, timeoutMs: number, stepMs = 25): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (cond()) return true;
    await sleep(stepMs);
  }
  return cond();
}

/** Ask the kernel for a free loopback TCP port. */
export async function freePort(host = LISTEN_IP): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, host, () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/**
 * One WebSocket handshake attempt with sub-protocol `sip`. Resolves true when
 * the server accepted and negotiated `sip`, false on any failure or timeout.
 * Uses Node's built-in WebSocket client (Node >= 22).
 */
export function probeWebSocket(url: string, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    let done = false;
    let ws: WebSocket;
    const finish = (ok: boolean): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      try {
        ws.close();
      } catch {
        /* ignore */
      }
      resolve(ok);
    };
    const timer = setTimeout(() => finish(false), timeoutMs);
    try {
      ws = new WebSocket(url, 'sip');
    } catch {
      clearTimeout(timer);
      resolve(false);
      return;
    }
    ws.onopen = () => finish(ws.protocol === 'sip');
    ws.onerror = () => finish(false);
    ws.onclose = () => finish(false);
  });
}

function checkUsers(users: Record<string, string>): void {
  for (const [name, password] of Object.entries(users)) {
    // Names end up as htable keys and in SIP URIs; passwords inside a quoted
    // config string. Refuse anything that would need escaping.
    if (!/^[A-Za-z0-9._~+-]+$/.test(name)) throw new Error(`invalid SIP user name: ${JSON.stringify(name)}`);
    if (!/^[\x21-\x7e]+$/.test(password) || /["\\$]/.test(password)) {
      throw new Error(`password of ${name} must be printable ASCII without spaces, quotes, backslashes or $`);
    }
  }
}

/** Render the Kamailio config for one instance. Exported for inspection/tests. */
export function renderKamailioConfig(opts: {
  port: number;
  domain: string;
  runDir: string;
  users: Record<string, string>;
  debugLevel?: number;
}): string {
  checkUsers(opts.users);
  if (!/^[A-Za-z0-9.-]+$/.test(opts.domain)) throw new Error(`invalid SIP domain: ${opts.domain}`);
  const userTable = Object.entries(opts.users)
    .map(([name, password]) => `\t$sht(users=>${name}) = "${password}";`)
    .join('\n');
  const values: Record<string, string> = {
    __LISTEN_IP__: LISTEN_IP,
    __WS_PORT__: String(opts.port),
    __DOMAIN__: opts.domain,
    __RUNDIR__: opts.runDir,
    __DEBUG__: String(opts.debugLevel ?? 2),
    __USER_TABLE__: userTable || '\tnoop;',
  };
  return readFileSync(TEMPLATE_PATH, 'utf8').replace(/__[A-Z_]+__/g, (token) => values[token] ?? token);
}

function tailOf(path: string, lines: number): string {
  try {
    return readFileSync(path, 'utf8').split('\n').slice(-lines - 1).join('\n');
  } catch {
    return '(no log)';
  }
}

/**
 * The group leader: starts Kamailio, then watches the test process. If that
 * disappears (SIGKILL, crash), it takes the whole group down (ignoring SIGTERM
 * itself for that moment, so that its own group-wide SIGTERM does not end it
 * before the SIGKILL follow-up).
 * On the SIGTERM that stop() sends to the group (which also ends its `sleep`
 * at once) it waits for Kamailio and exits: staying Kamailio's parent until
 * then means Kamailio is reaped at once and leaves no zombie behind.
 */
const WATCHDOG_SCRIPT = `
parent="$1"; shift
"$@" &
kam=$!
trap 'wait "$kam"; exit $?' TERM
while kill -0 "$kam" 2>/dev/null; do
  if ! kill -0 "$parent" 2>/dev/null; then
    trap '' TERM; kill -TERM 0; sleep 3; kill -KILL 0
  fi
  sleep 1
done
wait "$kam"
`;

class KamailioInstance implements KamailioServer {
  readonly host = LISTEN_IP;
  readonly wsUrl: string;
  readonly logPath: string;
  readonly cfgPath: string;
  private child: ChildProcess | undefined;
  private exited: Promise<void> = Promise.resolve();

  constructor(
    readonly port: number,
    readonly domain: string,
    readonly runDir: string,
    private readonly startTimeoutMs: number,
  ) {
    this.wsUrl = `ws://${LISTEN_IP}:${port}`;
    this.logPath = join(runDir, 'kamailio.log');
    this.cfgPath = join(runDir, 'kamailio.cfg');
  }

  get pgid(): number | undefined {
    return this.child?.pid;
  }

  async start(): Promise<void> {
    installExitHandlers();
    const logFd = openSync(this.logPath, 'a');
    const args = [
      '-f', this.cfgPath,
      '-DD', // stay in the foreground, no daemon fork: our child is the main process
      '-E', // log to stderr (→ the log file)
      '-m', '64', // shared memory MB
      '-M', '8', // private memory MB per process
      '-Y', this.runDir, // runtime dir, instead of /run/kamailio
      '-w', this.runDir, // working dir (core files etc.), instead of /
    ];
    const child = spawn('/bin/sh', ['-c', WATCHDOG_SCRIPT, 'kamailio-watchdog', String(process.pid), KAMAILIO_BIN, ...args], {
      detached: true, // new session + process group, pgid = child.pid
      stdio: ['ignore', logFd, logFd],
    });
    closeSync(logFd); // the child has its own copy
    // Do not keep the test process alive just for this child.
    child.unref();
    this.child = child;
    const pgid = child.pid;
    if (pgid === undefined) throw new Error('could not spawn kamailio');
    liveGroups.add(pgid);
    let exitedEarly = false;
    this.exited = new Promise((resolve) => {
      child.once('exit', () => {
        exitedEarly = true;
        resolve();
      });
      child.once('error', () => {
        exitedEarly = true;
        resolve();
      });
    });

    const deadline = Date.now() + this.startTimeoutMs;
    while (Date.now() < deadline && !exitedEarly) {
      if (await probeWebSocket(this.wsUrl, 500)) return;
      await sleep(50);
    }
    await this.stop(1000);
    throw new Error(
      `Kamailio did not accept a WebSocket handshake on ${this.wsUrl} ` +
        `(${exitedEarly ? 'process exited' : 'timeout'}). Log tail (${this.logPath}):\n${tailOf(this.logPath, 40)}`,
    );
  }

  async stop(graceMs = 5000): Promise<void> {
    const child = this.child;
    if (!child || child.pid === undefined) return;
    const pgid = child.pid;
    this.child = undefined;
    signalGroup(pgid, 'SIGCONT', 'SIGTERM'); // SIGCONT: SIGTERM stays pending on a frozen group
    // Wait for the whole group, not just the leader: the workers hold the port.
    if (!(await waitUntil(() => !groupAlive(pgid), graceMs))) {
      signalGroup(pgid, 'SIGKILL');
      await waitUntil(() => !groupAlive(pgid), 5000);
    }
    await Promise.race([this.exited, sleep(1000)]);
    liveGroups.delete(pgid);
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  freeze(): void {
    if (this.child?.pid !== undefined) process.kill(-this.child.pid, 'SIGSTOP');
  }

  resume(): void {
    if (this.child?.pid !== undefined) process.kill(-this.child.pid, 'SIGCONT');
  }

  kamcmd(...args: string[]): Promise<string> {
    return new Promise((resolve, reject) => {
      execFile(KAMCMD_BIN, ['-s', `unix:${join(this.runDir, 'kamailio_ctl')}`, ...args], { timeout: 10_000 }, (err, stdout, stderr) => {
        if (err) reject(new Error(`kamcmd ${args.join(' ')} failed: ${err.message}\n${stderr}`));
        else resolve(stdout);
      });
    });
  }

  logTail(lines = 40): string {
    return tailOf(this.logPath, lines);
  }
}

/**
 * Start a Kamailio instance on a free loopback port and wait until it accepts
 * a WebSocket handshake with sub-protocol `sip`.
 *
 * `stop()` leaves the run directory in place (restart() reuses it); it is
 * removed when the process exits, unless keepRunDir / KEEP_KAMAILIO_RUNDIR=1.
 */
export async function startKamailio(options: KamailioOptions): Promise<KamailioServer> {
  const domain = options.domain ?? 'sip.test';
  const keepRunDir = options.keepRunDir ?? process.env.KEEP_KAMAILIO_RUNDIR === '1';
  // Short path: the control socket path must fit in a sockaddr_un (108 bytes).
  const runDir = mkdtempSync(join(tmpdir(), 'kam-'));
  installExitHandlers();
  if (!keepRunDir) runDirsToRemove.add(runDir);
  const port = await freePort();
  writeFileSync(
    join(runDir, 'kamailio.cfg'),
    renderKamailioConfig({ port, domain, runDir, users: options.users, debugLevel: options.debugLevel }),
  );
  const instance = new KamailioInstance(port, domain, runDir, options.startTimeoutMs ?? 15_000);
  await instance.start();
  return instance;
}
