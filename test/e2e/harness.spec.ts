/**
 * Proves the test harness itself: a real Kamailio (SIP over WebSocket) and
 * real Chromium peers running the bare SIP.js baseline page. If this spec
 * fails, app-level e2e failures mean nothing.
 */
import { createHash } from 'node:crypto';
import { expect, test } from '@playwright/test';
import {
  openBaselinePeer,
  startBaselineServer,
  type BaselinePeer,
  type BaselineServer,
  type RegisterResult,
} from '../support/baseline/index.js';
import { probeWebSocket, startKamailio, type KamailioServer } from '../support/kamailio.js';

const USERS = { '1001': 'secret-1001', '1002': 'secret-1002', '1004': 'secret-1004' };
const ALICE_HZ = 440; // 1001's microphone
const BOB_HZ = 1000; // 1002's microphone
const REASON = 'SIP;cause=200;text="Call completed elsewhere"';

// The tests share one Kamailio and two browsers, and build on each other
// (registered peers): run in order, stop at the first failure.
test.describe.configure({ mode: 'serial' });

let kam: KamailioServer;
let server: BaselineServer;
let alice: BaselinePeer; // 1001
let bob: BaselinePeer; // 1002
let registrations: [RegisterResult, RegisterResult];

test.beforeAll(async () => {
  test.setTimeout(60_000);
  kam = await startKamailio({ users: USERS, domain: 'sip.test' });
  server = await startBaselineServer();
  // One Chromium process per participant, each with its own tone.
  [alice, bob] = await Promise.all([
    openBaselinePeer(server, { name: '1001', toneHz: ALICE_HZ }),
    openBaselinePeer(server, { name: '1002', toneHz: BOB_HZ }),
  ]);
  // Register here rather than in the first test, so that any single test
  // can run on its own (-g); the first test checks the outcome.
  registrations = await Promise.all([alice.register(kam, '1001', USERS['1001']), bob.register(kam, '1002', USERS['1002'])]);
});

test.afterAll(async () => {
  await Promise.allSettled([alice?.close(), bob?.close()]);
  await server?.close();
  await kam?.stop();
});

test.afterEach(async ({}, testInfo) => {
  // Leave no call behind for the next test.
  await Promise.allSettled([alice?.hangup(), bob?.hangup()]);
  if (testInfo.status !== testInfo.expectedStatus) {
    await testInfo.attach('kamailio.log', { body: kam.logTail(300), contentType: 'text/plain' });
    for (const peer of [alice, bob]) {
      const log = await peer?.log().catch(() => []);
      if (log) await testInfo.attach(`${peer.name}.log`, { body: log.join('\n'), contentType: 'text/plain' });
    }
  }
});

/** Wait until both peers have no live call (the previous test's hangup has completed). */
async function idle(...peers: BaselinePeer[]): Promise<void> {
  for (const p of peers) {
    await expect.poll(() => p.state(), { timeout: 10_000 }).toMatch(/^(idle|terminated)$/);
  }
}

/** Place 1001 → 1002 and answer; returns when both are established. */
async function establishCall(): Promise<void> {
  await idle(alice, bob);
  await alice.call('1002');
  await bob.waitForState('incoming');
  await bob.answer();
  await Promise.all([alice.waitForState('established'), bob.waitForState('established')]);
}

test('both users register over WebSocket with digest auth', async () => {
  const [a, b] = registrations;
  expect(a).toMatchObject({ ok: true, status: 200 });
  expect(b).toMatchObject({ ok: true, status: 200 });

  // The registrar holds both AORs, reachable over their WebSocket connections.
  const ul = await kam.kamcmd('ul.dump');
  expect(ul).toContain('AoR: 1001');
  expect(ul).toContain('AoR: 1002');
  expect(ul).toMatch(/Received: sip:127\.0\.0\.1:\d+;transport=ws/);
});

test('1001 calls 1002: ring, answer, audio both ways, in-dialog requests, hang up', async () => {
  await establishCall();

  // The caller saw 180 Ringing; the callee saw the INVITE.
  const callerMarks = await alice.marks();
  expect(callerMarks.progress).toBeDefined();
  expect(callerMarks.inviteSent).toBeDefined();

  // RTP flows both ways and keeps flowing.
  const [a1, b1] = await Promise.all([alice.waitForBytesReceived(0), bob.waitForBytesReceived(0)]);
  await new Promise((r) => setTimeout(r, 1000));
  const [a2, b2] = await Promise.all([alice.bytesReceived(), bob.bytesReceived()]);
  expect(a2).toBeGreaterThan(a1);
  expect(b2).toBeGreaterThan(b1);

  // In-dialog requests route through the proxy in both directions
  // (loose_route + handle_ruri_alias to the browsers' .invalid contacts).
  expect(await alice.info()).toBe(200); // INFO 1001 → 1002
  expect(await bob.info()).toBe(200); // INFO 1002 → 1001
  expect(await bob.reinvite()).toBe(200); // re-INVITE 1002 → 1001
  expect(await alice.refer('1003')).toBe(202); // REFER 1001 → 1002, then NOTIFY 1002 → 1001
  await expect.poll(() => alice.received()).toEqual(['INFO', 'INVITE', 'NOTIFY']);
  expect(await bob.received()).toEqual(['INFO', 'REFER']);

  // BYE from the caller ends both sides.
  await alice.hangup();
  await Promise.all([alice.waitForState('terminated'), bob.waitForState('terminated')]);
  expect(await bob.received()).toContain('BYE');
});

test('each side hears the other one\'s tone, not its own', async () => {
  await establishCall();
  await Promise.all([alice.waitForBytesReceived(5000), bob.waitForBytesReceived(5000)]);

  const freqs = [ALICE_HZ, BOB_HZ];
  const [atAlice, atBob] = await Promise.all([
    alice.measureRemoteTones(freqs, { durationMs: 1500 }),
    bob.measureRemoteTones(freqs, { durationMs: 1500 }),
  ]);
  const [aliceHearsOwn, aliceHearsBob] = atAlice.levels as [number, number];
  const [bobHearsAlice, bobHearsOwn] = atBob.levels as [number, number];
  test.info().annotations.push({
    type: 'levels (dB)',
    description: `1001 hears 440 Hz ${aliceHearsOwn.toFixed(1)}, 1000 Hz ${aliceHearsBob.toFixed(1)}; ` +
      `1002 hears 440 Hz ${bobHearsAlice.toFixed(1)}, 1000 Hz ${bobHearsOwn.toFixed(1)}`,
  });

  // Measured here: about -40 dB for the far tone, about -110 dB for one's own.
  expect(aliceHearsBob).toBeGreaterThan(-60);
  expect(bobHearsAlice).toBeGreaterThan(-60);
  expect(aliceHearsOwn).toBeLessThan(aliceHearsBob - 30);
  expect(bobHearsOwn).toBeLessThan(bobHearsAlice - 30);

  // BYE from the callee this time.
  await bob.hangup();
  await Promise.all([alice.waitForState('terminated'), bob.waitForState('terminated')]);
});

test('a wrong password is refused with 401', async () => {
  // A second UA in 1001's browser; the real 1001 stays registered.
  const mallory = await alice.sibling(server, '1001-wrong');
  try {
    expect(await mallory.register(kam, '1001', 'not-the-password')).toMatchObject({ ok: false, status: 401 });
    expect(await mallory.register(kam, '1999', 'whatever')).toMatchObject({ ok: false, status: 401 });
  } finally {
    await mallory.stop().catch(() => undefined);
    await mallory.close();
  }
});

test('calling an unregistered user gets 404', async () => {
  await idle(alice);
  await alice.call('1003');
  expect(await alice.waitForFinalResponse()).toEqual({ status: 404, reason: 'Not Found' });
  await alice.waitForState('terminated');
});

test('a softphone in an iframe of another\'s tab is a user agent of its own: it rings, talks and hears apart from its tab', async () => {
  // Benches stand in for many agents this way (one renderer process per tab, not per agent).
  await idle(alice, bob);
  const carol = await bob.frameSibling(server, '1004');
  try {
    expect(await carol.register(kam, '1004', USERS['1004'])).toMatchObject({ ok: true });
    await alice.call('1004');
    await carol.waitForState('incoming');
    expect(await bob.state()).toMatch(/^(idle|terminated)$/);
    await carol.answer();
    await Promise.all([alice.waitForState('established'), carol.waitForState('established')]);
    await carol.waitForBytesReceived(1000);
    // Carol shares bob's fake microphone (1000 Hz); she hears alice's 440 Hz in her own frame.
    const [carolHearsAlice, carolHearsOwn] = (await carol.measureRemoteTones([ALICE_HZ, BOB_HZ])).levels as [number, number];
    expect(carolHearsAlice).toBeGreaterThan(-60);
    expect(carolHearsOwn).toBeLessThan(carolHearsAlice - 30);
    const [aliceHearsCarol] = (await alice.measureRemoteTones([BOB_HZ])).levels as [number];
    expect(aliceHearsCarol).toBeGreaterThan(-60);
    await carol.hangup();
    await alice.waitForState('terminated');
    expect(await bob.state()).toMatch(/^(idle|terminated)$/);
  } finally {
    await carol.close();
  }
});

test('CANCEL carries its Reason header to the callee unchanged', async () => {
  await idle(alice, bob);
  await alice.call('1002');
  await bob.waitForState('incoming');
  await alice.cancel([`Reason: ${REASON}`]);
  await Promise.all([alice.waitForState('terminated'), bob.waitForState('terminated')]);
  expect(await bob.lastCancelReason()).toBe(REASON);
  expect(await alice.lastFinalResponse()).toMatchObject({ status: 487 });
});

// ---- Raw SIP over WebSocket from Node: server-side rules the browsers cannot break. ----

/** Minimal SIP-over-WebSocket client: send a request, await the first final (>= 200) response. */
class RawSip {
  private constructor(private readonly ws: WebSocket) {}
  private pending: ((msg: string) => void) | undefined;

  static async connect(url: string): Promise<RawSip> {
    const ws = new WebSocket(url, 'sip');
    await new Promise<void>((resolve, reject) => {
      ws.onopen = () => resolve();
      ws.onerror = () => reject(new Error('WebSocket failed'));
    });
    const client = new RawSip(ws);
    ws.onmessage = (e) => {
      const msg = String(e.data);
      const code = Number(/^SIP\/2\.0 (\d{3})/.exec(msg)?.[1] ?? 0);
      if (code >= 200) client.pending?.(msg);
    };
    return client;
  }

  request(lines: string[], body = ''): Promise<string> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no final response to ${lines[0]}`)), 5000);
      this.pending = (msg) => {
        clearTimeout(timer);
        resolve(msg);
      };
      this.ws.send([...lines, `Content-Length: ${Buffer.byteLength(body)}`, '', body].join('\r\n'));
    });
  }

  close(): void {
    this.ws.close();
  }
}

const md5 = (s: string): string => createHash('md5').update(s).digest('hex');
const statusOf = (msg: string): number => Number(msg.slice(8, 11));
const header = (msg: string, name: string): string | undefined =>
  new RegExp(`^${name}:\\s*(.*)$`, 'im').exec(msg)?.[1]?.trim();

test('OPTIONS to the server answers 200; MESSAGE is challenged; a forged From gets 403', async () => {
  const sip = await RawSip.connect(kam.wsUrl);
  try {
    const via = (branch: string): string => `Via: SIP/2.0/WS raw.invalid;branch=z9hG4bK${branch}`;

    // Keep-alive OPTIONS to the domain (no user part): a real answer.
    const options = await sip.request([
      'OPTIONS sip:sip.test SIP/2.0', via('opt1'), 'Max-Forwards: 70',
      'To: <sip:sip.test>', 'From: <sip:1001@sip.test>;tag=o1', 'Call-ID: raw-options-1', 'CSeq: 1 OPTIONS',
    ]);
    expect(statusOf(options)).toBe(200);

    // Other initial requests are challenged like INVITE (here: MESSAGE).
    const message = await sip.request(
      [
        'MESSAGE sip:1002@sip.test SIP/2.0', via('msg1'), 'Max-Forwards: 70',
        'To: <sip:1002@sip.test>', 'From: <sip:1001@sip.test>;tag=m1', 'Call-ID: raw-message-1', 'CSeq: 1 MESSAGE',
        'Content-Type: text/plain',
      ],
      'hello',
    );
    expect(statusOf(message)).toBe(407);

    // An INVITE claiming to be from 1002 while authenticating as 1001.
    const invite = (cseq: number, branch: string, extra: string[] = []): string[] => [
      'INVITE sip:1001@sip.test SIP/2.0', via(branch), 'Max-Forwards: 70',
      'To: <sip:1001@sip.test>', 'From: <sip:1002@sip.test>;tag=forged', 'Call-ID: raw-forged-1',
      `CSeq: ${cseq} INVITE`, 'Contact: <sip:raw@raw.invalid;transport=ws>', ...extra,
    ];
    const challenge = await sip.request(invite(1, 'inv1'));
    expect(statusOf(challenge)).toBe(407);
    const auth = header(challenge, 'Proxy-Authenticate') ?? '';
    const realm = /realm="([^"]+)"/.exec(auth)?.[1] ?? '';
    const nonce = /nonce="([^"]+)"/.exec(auth)?.[1] ?? '';
    expect(realm).toBe('sip.test');
    const uri = 'sip:1001@sip.test';
    const response = md5(`${md5(`1001:${realm}:${USERS['1001']}`)}:${nonce}:${md5(`INVITE:${uri}`)}`);
    const forged = await sip.request(
      invite(2, 'inv2', [`Proxy-Authorization: Digest username="1001", realm="${realm}", nonce="${nonce}", uri="${uri}", response="${response}", algorithm=MD5`]),
    );
    expect(statusOf(forged)).toBe(403);
  } finally {
    sip.close();
  }
});

test('harness lifecycle: kamcmd, freeze/resume, restart on the same port', async () => {
  expect(await kam.kamcmd('core.version')).toContain('kamailio 5.6');
  expect(await kam.kamcmd('ws.dump')).toContain('connections');

  kam.freeze();
  try {
    expect(await probeWebSocket(kam.wsUrl, 500)).toBe(false);
  } finally {
    kam.resume();
  }
  expect(await probeWebSocket(kam.wsUrl, 2000)).toBe(true);

  const { port } = kam;
  await kam.restart();
  expect(kam.port).toBe(port);
  expect(await probeWebSocket(kam.wsUrl, 2000)).toBe(true);
  // Registrations lived in memory only: a fresh REGISTER works again.
  expect(await alice.register(kam, '1001', USERS['1001'])).toMatchObject({ ok: true, status: 200 });
  expect(await bob.register(kam, '1002', USERS['1002'])).toMatchObject({ ok: true, status: 200 });
});
