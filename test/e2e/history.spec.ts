/**
 * History over a long day: the panel draws one page, however many calls end while the desk is
 * open, so the desk's DOM (and every render's cost) does not grow with the day.
 */
import { expect, test } from '@playwright/test';
import type { KamailioServer } from '../support/kamailio.js';
import { waitRegistered, type Desk } from '../support/desk-app.js';
import { seedFinishedCalls } from '../support/desk-records.js';
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

test('history draws one page: a call that ends pushes the oldest row off, and "Load older calls" brings it back', async () => {
  a = await registeredDesk(kamailio, '1001');
  b = await registeredDesk(kamailio, '1002');
  await b.host.stop();
  seedFinishedCalls(b.host.dataDir, 50);
  await b.host.start();
  await waitRegistered(b.page);
  const rows = b.page.locator('section.history ol.list > li');
  await expect(rows).toHaveCount(50, { timeout: 15_000 });
  await expect(rows.last()).toContainText('Seeded caller 50');

  await dial(a.page, '1002');
  await b.page.getByRole('button', { name: 'Decline', exact: true }).click({ timeout: 15_000 });
  await expect(rows.first()).toContainText('Agent 1001');
  await expect(rows).toHaveCount(50);
  await expect(b.page.getByText('Seeded caller 50', { exact: true })).toHaveCount(0);

  await b.page.getByRole('button', { name: 'Load older calls' }).click();
  await expect(rows).toHaveCount(51);
  await expect(rows.last()).toContainText('Seeded caller 50');
});
