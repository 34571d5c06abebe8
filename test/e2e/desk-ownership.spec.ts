/** One desk per host: a second tab is told the desk is elsewhere and can take over explicitly. */
import { expect, test } from '@playwright/test';
import type { KamailioServer } from '../support/kamailio.js';
import { liveCallIds, waitRegistered, type Desk } from '../support/desk-app.js';
import { closeDesks, dial, kamailioForTests, registeredDesk } from './desk-fixtures.js';

let kamailio: KamailioServer;
let a: Desk | undefined;
let b: Desk | undefined;

test.beforeAll(async () => {
  kamailio = await kamailioForTests();
});
test.afterAll(async () => {
  await kamailio?.stop();
});
test.afterEach(async () => {
  await closeDesks(a, b);
  a = b = undefined;
});

test('a second tab is told the desk is open elsewhere, takes over, and then carries the calls', async () => {
  a = await registeredDesk(kamailio, '1001');
  b = await registeredDesk(kamailio, '1002');
  const second = await b.browser.context.newPage();
  await second.goto(b.host.url);
  await expect(second.getByText('The desk is open in another window')).toBeVisible();

  await second.getByRole('button', { name: 'Use this window' }).click();
  await expect(b.page.getByText('The desk is open in another window')).toBeVisible();
  await waitRegistered(second);

  // The call is carried (SIP session, audio) by the tab that took over; the other only watches.
  await dial(a.page, '1002');
  await second.getByRole('button', { name: 'Answer', exact: true }).click({ timeout: 15_000 });
  await expect.poll(() => liveCallIds(second)).toHaveLength(1);
  expect(await liveCallIds(b.page)).toEqual([]);
});

test('a window that does not carry calls shows a ring but no Answer: the audio would play elsewhere', async () => {
  a = await registeredDesk(kamailio, '1001');
  b = await registeredDesk(kamailio, '1002');
  const watcher = await b.browser.context.newPage();
  await watcher.goto(b.host.url);
  await expect(watcher.getByText('The desk is open in another window')).toBeVisible();
  await dial(a.page, '1002');
  await expect(b.page.getByRole('button', { name: 'Answer', exact: true })).toBeVisible({ timeout: 15_000 });
  await expect(watcher.getByText('This call rings in the desk window')).toBeVisible();
  await expect(watcher.getByRole('button', { name: 'Answer', exact: true })).toHaveCount(0);
});
