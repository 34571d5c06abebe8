/**
 * Group calls end to end: one caller desk rings three other agents' desks through a real
 * Kamailio, in real Chromium, each desk with its own host and SQLite file.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import type { KamailioServer } from '../support/kamailio.js';
import { expectRemoteTone, liveCallIds, type Desk } from '../support/desk-app.js';
import { storedCalls } from '../support/desk-records.js';
import { closeDesks, expectAudioFlowing, kamailioForTests, recordSentSip, registeredDesk, replaceMicrophone } from './desk-fixtures.js';

test.describe.configure({ mode: 'serial' });

/** A tone louder than this (dB, in the remote audio) is heard. */
const HEARD_DB = -60;

let kamailio: KamailioServer;
let caller: Desk;
let agents: Desk[] = [];

test.beforeAll(async () => {
  test.setTimeout(180_000);
  kamailio = await kamailioForTests();
  caller = await registeredDesk(kamailio, '1001', { tone: 440 });
  for (const user of ['1002', '1003', '1004']) agents.push(await registeredDesk(kamailio, user, { tone: 1000 }));
});
test.afterAll(async () => {
  await closeDesks(caller, ...agents);
  agents = [];
  await kamailio?.stop();
});
test.afterEach(async () => {
  // Leave no call up for the next test.
  const hangUp = caller.page.getByRole('button', { name: 'Hang up', exact: true });
  if (await hangUp.count()) await hangUp.first().click();
  for (const desk of [caller, ...agents]) await expect.poll(() => liveCallIds(desk.page), { timeout: 15_000 }).toEqual([]);
  const dismiss = caller.page.getByRole('button', { name: 'Dismiss', exact: true });
  if (await dismiss.count()) await dismiss.click();
});

async function ringGroup(page: Page, options: { name: string; lines: string[]; linear?: boolean; timeout?: number }): Promise<void> {
  await page.getByRole('button', { name: 'New group call' }).click();
  await page.getByLabel('Name (shown to the agents rung)').fill(options.name);
  await page.getByLabel('Numbers and addresses, one per line').fill(options.lines.join('\n'));
  // The form keeps the last group's choices: set the ring method every time.
  await page.getByLabel(options.linear ? 'One after another' : 'All at once').check();
  if (options.timeout) await page.getByLabel('Ring each for (s)').fill(String(options.timeout));
  await page.getByRole('button', { name: 'Ring group' }).click();
}

function ringCard(page: Page) {
  return page.getByRole('region', { name: /Incoming call from/ });
}

/** The newest incoming record on an agent's desk. */
function lastIncoming(desk: Desk) {
  return storedCalls(desk.host.dataDir).filter((call) => call.direction === 'INCOMING').at(-1);
}

test('ring_all: the third agent answers, the other two see "answered elsewhere", caller and answerer hear each other', async () => {
  const [first, second, third] = agents as [Desk, Desk, Desk];
  await ringGroup(caller.page, { name: 'Sales', lines: ['1002', '1003', '1004'] });
  for (const agent of agents) {
    await expect(ringCard(agent.page)).toBeVisible({ timeout: 15_000 });
    await expect(ringCard(agent.page).getByText('Group call · Sales')).toBeVisible();
  }
  // A delayed offer: the legs ring with no media set up on the caller's side.
  const ringingLegs = await liveCallIds(caller.page);
  expect(ringingLegs).toHaveLength(3);
  expect(await caller.page.evaluate((ids) => ids.filter((id) => window.__softphoneTest?.peerConnection(id)), ringingLegs)).toEqual([]);
  await third.page.getByRole('button', { name: 'Answer', exact: true }).click();

  for (const loser of [first, second]) {
    await expect.poll(() => lastIncoming(loser)?.end_reason, { timeout: 5_000 }).toBe('answered_elsewhere');
    expect(lastIncoming(loser)?.state).toBe('NOT_ANSWERED');
    const rows = loser.page.getByRole('list', { name: 'History' });
    await expect(rows.getByText('Answered elsewhere', { exact: true })).toHaveCount(1);
    await expect(rows.getByText('Missed', { exact: true })).toHaveCount(0);
  }

  await expect.poll(() => liveCallIds(caller.page), { timeout: 10_000 }).toHaveLength(1);
  const [winner] = await liveCallIds(caller.page);
  // The answerer offered in its 200 OK and the caller answered in the ACK: each hears the other's tone.
  await expectRemoteTone(caller.page, winner!, 1000, { above: HEARD_DB });
  await expectRemoteTone(third.page, (await liveCallIds(third.page))[0]!, 440, { above: HEARD_DB });
  await expect(caller.page.getByRole('button', { name: 'Hang up', exact: true })).toBeVisible();
  await expect(caller.page.locator('.group-live').getByRole('status')).toHaveText('Answered');
  const legs = storedCalls(caller.host.dataDir).filter((call) => call.create_method === 'PARENT_CALL');
  expect(legs.map((leg) => [leg.to_party, leg.end_reason])).toEqual([
    [`sip:1002@${kamailio.domain}`, 'answered_elsewhere'],
    [`sip:1003@${kamailio.domain}`, 'answered_elsewhere'],
    [`sip:1004@${kamailio.domain}`, null],
  ]);
  expect(new Set(legs.map((leg) => leg.originating_call)).size).toBe(1);

  // The caller's history: one entry for the group call that expands to its three legs.
  await caller.page.getByRole('button', { name: 'Hang up', exact: true }).click();
  const history = caller.page.getByRole('list', { name: 'History' });
  const group = history.locator(`[data-group-call-id="${legs[0]!.originating_call}"]`);
  await expect(group).toHaveCount(1, { timeout: 10_000 });
  await expect(group.getByText('Sales', { exact: true })).toBeVisible();
  await expect(group.getByText('Answered by 1004')).toBeVisible();
  const disclose = group.getByRole('button', { name: 'Legs of group call Sales (3)' });
  await expect(disclose).toHaveAttribute('aria-expanded', 'false');
  await expect(caller.page.getByRole('list', { name: 'Legs of group call Sales' })).toBeHidden();
  await disclose.focus();
  await caller.page.keyboard.press('Enter');
  await expect(disclose).toHaveAttribute('aria-expanded', 'true');
  const legRows = caller.page.getByRole('list', { name: 'Legs of group call Sales' }).getByRole('listitem');
  await expect(legRows).toHaveCount(3);
  await expect(legRows.nth(0)).toContainText('1002');
  await expect(legRows.nth(0)).toContainText('Answered elsewhere');
  await expect(legRows.nth(1)).toContainText('1003');
  await expect(legRows.nth(1)).toContainText('Answered elsewhere');
  await expect(legRows.nth(2)).toContainText('1004');
  await expect(legRows.nth(2)).toContainText('Answered');
  await expect(legRows.nth(2)).not.toContainText('elsewhere');
  await snapshots(caller.page, 'group-history');
  // The legs are folded: no leg is also a top-level row.
  await expect(history.locator(':scope > li')).toHaveCount(1);
});

test('ring_all: the other legs are cancelled when the 200 OK arrives, before the caller has set up the media', async () => {
  const [first, second] = agents as [Desk, Desk];
  // Slow the caller's microphone by a second: its SDP answer, and so its ACK, can't leave before
  // then. The SIP it sends is noted, in order.
  const sip = await recordSentSip(caller.page);
  await sip.take();
  const restoreMicrophone = await replaceMicrophone(caller.page, { delayMs: 1000 });
  try {
    await ringGroup(caller.page, { name: 'Pair', lines: ['1002', '1003'] });
    for (const agent of [first, second]) await expect(ringCard(agent.page)).toBeVisible({ timeout: 15_000 });
    await second.page.getByRole('button', { name: 'Answer', exact: true }).click();
    await expect.poll(() => lastIncoming(first)?.end_reason, { timeout: 5_000 }).toBe('answered_elsewhere');
    await expect.poll(() => liveCallIds(caller.page), { timeout: 10_000 }).toHaveLength(1);
    await expectRemoteTone(caller.page, (await liveCallIds(caller.page))[0]!, 1000, { above: HEARD_DB });

    // The ACK of the winner's 200 OK carries our SDP answer; ACKs of 407 and 487 carry nothing.
    const sent = (await sip.take()).map(({ method, sdp }) => (method === 'ACK' && sdp ? 'ACK+answer' : method));
    expect(sent.filter((method) => method === 'CANCEL')).toHaveLength(1);
    expect(sent.filter((method) => method === 'ACK+answer')).toHaveLength(1);
    expect(sent.indexOf('CANCEL')).toBeLessThan(sent.indexOf('ACK+answer'));
  } finally {
    await restoreMicrophone();
  }
});

test('ring_all from a desk without a microphone: the answered leg fails with the reason, not a zero-second call', async () => {
  const [first, second] = agents as [Desk, Desk];
  const restoreMicrophone = await replaceMicrophone(caller.page, 'missing');
  try {
    const legsBefore = storedCalls(caller.host.dataDir).length;
    // A ring-all leg offers nothing, so the legs ring; the microphone is needed at the answer.
    await ringGroup(caller.page, { name: 'Pair', lines: ['1002', '1003'] });
    for (const agent of [first, second]) await expect(ringCard(agent.page)).toBeVisible({ timeout: 15_000 });
    await second.page.getByRole('button', { name: 'Answer', exact: true }).click();

    const why = 'The call’s audio failed: no microphone was found';
    await expect(caller.page.getByText(why, { exact: true })).toBeVisible({ timeout: 10_000 });
    await expect
      .poll(() => storedCalls(caller.host.dataDir).slice(legsBefore).map((leg) => [leg.to_party, leg.state, leg.end_reason, leg.error_code, leg.error_message]))
      .toEqual([
        [`sip:1002@${kamailio.domain}`, 'NOT_ANSWERED', 'answered_elsewhere', null, null],
        [`sip:1003@${kamailio.domain}`, 'COMPLETED', 'failed', 'media_failed', why],
      ]);
    // The answerer is not left connected: the caller's BYE ends its side.
    await expect.poll(() => liveCallIds(second.page), { timeout: 10_000 }).toEqual([]);
  } finally {
    await restoreMicrophone();
  }
});

test('linear with short timeouts: the first does not answer, the second declines, the third answers', async () => {
  const [first, second, third] = agents as [Desk, Desk, Desk];
  await ringGroup(caller.page, { name: 'Hunt', lines: ['1002', '1003', '1004'], linear: true, timeout: 3 });
  await expect(ringCard(first.page)).toBeVisible({ timeout: 15_000 });
  await expect(ringCard(second.page)).toHaveCount(0);
  // Nobody answers the first: after its 3 s it stops, and the second rings.
  await second.page.getByRole('button', { name: 'Decline', exact: true }).click({ timeout: 15_000 });
  await third.page.getByRole('button', { name: 'Answer', exact: true }).click({ timeout: 15_000 });

  await expect.poll(() => liveCallIds(caller.page), { timeout: 10_000 }).toHaveLength(1);
  await expectAudioFlowing(caller.page, (await liveCallIds(caller.page))[0]!);
  const legs = storedCalls(caller.host.dataDir).filter((call) => call.create_method === 'PARENT_CALL').slice(-3);
  expect(legs.map((leg) => leg.end_reason)).toEqual(['no_answer', 'declined', null]);
  expect(lastIncoming(first)?.end_reason).toBe('missed');
  expect(lastIncoming(second)?.end_reason).toBe('declined');
});

test('a big ring group keeps its status and Hang up group in view above a scrolling list of legs; Hang up group stops every ring', async () => {
  // Three agents who ring and seven numbers nobody registered (their legs fail at once).
  const unregistered = ['1101', '1102', '1103', '1104', '1105', '1106', '1107'];
  await ringGroup(caller.page, { name: 'Everyone', lines: ['1002', '1003', '1004', ...unregistered], timeout: 60 });
  for (const agent of agents) await expect(ringCard(agent.page)).toBeVisible({ timeout: 15_000 });
  const live = caller.page.locator('.group-live');
  const list = live.getByRole('list', { name: 'Legs of the current group call (10)' });
  await expect(list.getByRole('listitem')).toHaveCount(10);
  await expect(live.getByText('Everyone · all at once · 10 legs')).toBeVisible();
  // The list scrolls inside the panel (and takes keyboard focus to scroll); the action is above it.
  expect(await list.evaluate((element) => element.scrollHeight > element.clientHeight)).toBe(true);
  await expect(list).toHaveAttribute('tabindex', '0');
  const hangUpGroup = live.getByRole('button', { name: 'Hang up group' });
  await expect(hangUpGroup).toBeInViewport();
  expect((await hangUpGroup.boundingBox())!.y).toBeLessThan((await list.boundingBox())!.y);
  await expect(caller.page.getByText('Ringing your group call…')).toBeVisible();
  await snapshots(caller.page, 'group-ringing-many');

  await hangUpGroup.click();
  for (const agent of agents) await expect(ringCard(agent.page)).toBeHidden({ timeout: 5_000 });
  await expect(live.getByRole('status')).toHaveText('Hung up');
  await expect(caller.page.getByText('Ringing your group call…')).toBeHidden();
  const legs = storedCalls(caller.host.dataDir).filter((call) => call.create_method === 'PARENT_CALL').slice(-10);
  expect(legs.filter((leg) => leg.end_reason === 'cancelled').map((leg) => leg.to_party)).toEqual(
    ['1002', '1003', '1004'].map((user) => `sip:${user}@${kamailio.domain}`),
  );
});

test('a nested saved group and a contact: the saved group rings nothing until nested, then rings with its own method', async () => {
  const [first, second, third] = agents as [Desk, Desk, Desk];
  // A contact from the contacts directory (issue 3's API): no desk is registered at its number.
  const created = await fetch(`http://127.0.0.1:${caller.host.port}/v1/contacts`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${apiToken(caller)}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ name: 'Ann Lee', phone_number: '+1 205-555-0100', ticket_ids: [] }),
  });
  expect(created.status).toBe(201);

  // "Backline" is saved without ringing: nothing rings, no group call exists.
  const page = caller.page;
  const legsBefore = storedCalls(caller.host.dataDir).length;
  await page.getByRole('button', { name: 'New group call' }).click();
  await page.getByLabel('Name (shown to the agents rung)').fill('Backline');
  await page.getByLabel('Numbers and addresses, one per line').fill('1003\n1004');
  await page.getByLabel('One after another').check();
  await page.getByLabel('Ring each for (s)').fill('5');
  await page.getByRole('button', { name: 'Save without ringing' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved “Backline”' })).toBeVisible();
  expect(storedCalls(caller.host.dataDir)).toHaveLength(legsBefore);
  await expect(ringCard(second.page)).toHaveCount(0);

  // "Front" rings 1002, the saved group and the contact, all at once.
  await page.getByLabel('Name (shown to the agents rung)').fill('Front');
  await page.getByLabel('Numbers and addresses, one per line').fill('1002');
  await page.getByLabel('All at once').check();
  await page.getByLabel('Ring each for (s)').fill('30');
  await page.getByRole('checkbox', { name: /Backline/ }).check();
  await page.getByRole('checkbox', { name: /Ann Lee/ }).check();
  await snapshots(page, 'group-form');
  await page.getByRole('button', { name: 'Ring group' }).click();

  await expect(ringCard(first.page)).toBeVisible({ timeout: 15_000 });
  await expect(ringCard(second.page)).toBeVisible({ timeout: 15_000 });
  await expect(ringCard(third.page)).toHaveCount(0); // Backline is linear: 1004 waits its turn
  await second.page.getByRole('button', { name: 'Decline', exact: true }).click();
  await third.page.getByRole('button', { name: 'Answer', exact: true }).click({ timeout: 15_000 });

  await expect.poll(() => lastIncoming(first)?.end_reason, { timeout: 5_000 }).toBe('answered_elsewhere');
  await expect.poll(() => liveCallIds(caller.page), { timeout: 10_000 }).toHaveLength(1);
  await expectAudioFlowing(caller.page, (await liveCallIds(caller.page))[0]!);
  const legs = storedCalls(caller.host.dataDir).slice(legsBefore);
  // In the form's order: the contact (by its E.164 number), the saved group's first, 1002, then Backline's next.
  expect(legs.map((leg) => leg.to_party)).toEqual([
    '+12055550100',
    `sip:1003@${kamailio.domain}`,
    `sip:1002@${kamailio.domain}`,
    `sip:1004@${kamailio.domain}`,
  ]);
  // Only "Front" was ever placed.
  expect(new Set(legs.map((leg) => leg.originating_call)).size).toBe(1);
});

function apiToken(desk: Desk): string {
  return (JSON.parse(readFileSync(join(desk.host.dataDir, 'settings.json'), 'utf8')) as { api: { token: string } }).api.token;
}

/** Screenshots for people to look at (never compared): wide and docked-narrow. */
async function snapshots(page: Page, name: string): Promise<void> {
  const size = page.viewportSize();
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: `/tmp/${name}-1280.png`, fullPage: true });
  await page.setViewportSize({ width: 360, height: 900 });
  await page.screenshot({ path: `/tmp/${name}-360.png`, fullPage: true });
  if (size) await page.setViewportSize(size);
}
