/**
 * SIP resilience SIP.js leaves to us: the server restarts, the server freezes, the page
 * reloads mid-call. Deadlines here are generous wait limits; the figures belong to the bench.
 */
import { expect, test } from '@playwright/test';
import type { KamailioServer } from '../support/kamailio.js';
import { liveCallIds, waitRegistered, type Desk } from '../support/desk-app.js';
import { storedCalls } from '../support/desk-records.js';
import { answer, closeDesks, dial, expectAudioFlowing, kamailioForTests, onlyCall, registeredDesk } from './desk-fixtures.js';

let kamailio: KamailioServer;
let a: Desk | undefined;
let b: Desk | undefined;

test.beforeEach(async () => {
  kamailio = await kamailioForTests();
});
test.afterEach(async () => {
  await closeDesks(a, b);
  a = b = undefined;
  await kamailio?.stop();
});

test('Kamailio stops and starts again: the agent registers again and can take a call', async () => {
  a = await registeredDesk(kamailio, '1001');
  b = await registeredDesk(kamailio, '1002');
  await kamailio.stop();
  await expect(b.page.getByRole('status').filter({ hasText: /Reconnecting|Lost the connection/ }).first()).toBeVisible({
    timeout: 10_000,
  });
  await kamailio.restart();
  await waitRegistered(a.page, 10_000);
  await waitRegistered(b.page, 10_000);

  await dial(a.page, '1002');
  await answer(b.page);
  await expectAudioFlowing(b.page, await onlyCall(b.page));
});

test('Kamailio frozen (SIGSTOP) then resumed: the desk notices the dead connection and recovers', async () => {
  test.setTimeout(120_000);
  a = await registeredDesk(kamailio, '1001');
  b = await registeredDesk(kamailio, '1002');
  kamailio.freeze();
  // The OPTIONS keep-alive (every 10 s, 6 s to answer) notices the silence.
  await expect(b.page.getByRole('status').filter({ hasText: /Reconnecting|Lost the connection/ }).first()).toBeVisible({
    timeout: 30_000,
  });
  kamailio.resume();
  await waitRegistered(a.page, 20_000);
  await waitRegistered(b.page, 20_000);
  await dial(a.page, '1002');
  await answer(b.page);
  await expectAudioFlowing(b.page, await onlyCall(b.page));
});

test('a call whose signalling path died with a server restart is ended with reason network, not left a zombie', async () => {
  a = await registeredDesk(kamailio, '1001');
  b = await registeredDesk(kamailio, '1002');
  await dial(a.page, '1002');
  await answer(b.page);
  await expectAudioFlowing(a.page, await onlyCall(a.page));
  await expectAudioFlowing(b.page, await onlyCall(b.page));
  await kamailio.restart();
  for (const desk of [a, b]) {
    await expect
      .poll(() => storedCalls(desk.host.dataDir).map((call) => [call.state, call.end_reason]), { timeout: 30_000 })
      .toEqual([['COMPLETED', 'network']]);
    await expect.poll(() => liveCallIds(desk.page)).toEqual([]);
  }
});

test('a reload or a closed tab with a call in it asks first; staying keeps the call, and without calls nothing is asked', async () => {
  a = await registeredDesk(kamailio, '1001');
  b = await registeredDesk(kamailio, '1002');
  await dial(a.page, '1002');
  await answer(b.page);
  const callId = await onlyCall(a.page);
  await expectAudioFlowing(a.page, callId);
  const asked: string[] = [];
  a.page.on('dialog', (dialog) => {
    asked.push(dialog.type());
    void dialog.dismiss(); // "Stay on page"
  });

  await a.page.close({ runBeforeUnload: true });
  await expect.poll(() => asked).toEqual(['beforeunload']);
  expect(a.page.isClosed()).toBe(false);
  await expectAudioFlowing(a.page, callId);
  expect(await liveCallIds(a.page)).toEqual([callId]);

  await a.page.getByRole('button', { name: 'Hang up', exact: true }).click();
  await expect.poll(() => liveCallIds(a!.page), { timeout: 10_000 }).toEqual([]);
  await a.page.reload();
  await waitRegistered(a.page);
  expect(asked).toEqual(['beforeunload']);
});

test('a page reload mid-call, once the agent confirms it, ends the record with a reason, and the desk comes back registered', async () => {
  a = await registeredDesk(kamailio, '1001');
  b = await registeredDesk(kamailio, '1002');
  await dial(a.page, '1002');
  await answer(b.page);
  await expectAudioFlowing(a.page, await onlyCall(a.page));
  const asked: string[] = [];
  a.page.once('dialog', (dialog) => {
    asked.push(dialog.type());
    void dialog.accept(); // "Reload"
  });
  await a.page.reload();
  expect(asked).toEqual(['beforeunload']);
  await expect
    .poll(() => storedCalls(a!.host.dataDir).map((call) => [call.state, call.end_reason]), { timeout: 10_000 })
    .toEqual([['COMPLETED', 'desk_closed']]);
  await waitRegistered(a.page);
  // The far end was told: its call ended too, rather than staying open to nobody.
  await expect
    .poll(() => storedCalls(b!.host.dataDir).map((call) => call.state), { timeout: 15_000 })
    .toEqual(['COMPLETED']);
});
