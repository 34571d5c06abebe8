/**
 * A scheduled call end to end (browser mode, real Kamailio, real Chromium): a CRM schedules a
 * call 5 s ahead over the local API, the app's host stops and starts again before that time,
 * the page reconnects by itself and shows the prompt, the agent accepts, and at the due time the
 * desk dials the customer (a registered desk) as the same record: one id moving
 * scheduled → queued → connecting → connected.
 */
import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startKamailio, type KamailioServer } from '../support/kamailio.js';
import { accountSettings, liveCallIds, openDesk, startDeskHost, waitRegistered, type Desk } from '../support/desk-app.js';
import { closeDesks, registeredDesk } from './desk-fixtures.js';

const AGENT = '+15550001001';
const CUSTOMER = '+15550001002';
const USERS = { [AGENT]: 'pw-agent', [CUSTOMER]: 'pw-customer' };

let kamailio: KamailioServer;
let agent: Desk | undefined;
let customer: Desk | undefined;

test.beforeAll(async () => {
  kamailio = await startKamailio({ users: USERS });
});
test.afterAll(async () => {
  await kamailio?.stop();
});
test.afterEach(async () => {
  await closeDesks(agent, customer);
  agent = customer = undefined;
});

function token(desk: Desk): string {
  return (JSON.parse(readFileSync(join(desk.host.dataDir, 'settings.json'), 'utf8')) as { api: { token: string } }).api.token;
}

async function api(desk: Desk, method: string, path: string, body?: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await fetch(`http://127.0.0.1:${desk.host.port}${path}`, {
    method,
    headers: { Authorization: `Bearer ${token(desk)}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

test('a call scheduled 5 s ahead survives a host restart, prompts the agent, and reaches the customer as the same record', async () => {
  customer = await registeredDesk(kamailio, CUSTOMER, { password: USERS[CUSTOMER] });
  const host = await startDeskHost({
    settings: {
      ...accountSettings({ kamailio, user: AGENT, password: USERS[AGENT] }),
      menus: [{ id: 10, name: 'App', type: 'mobile', state: 'open' }],
    },
  });
  agent = await openDesk(host);
  await waitRegistered(agent.page);

  const due = Date.now() + 5_000;
  const created = await api(agent, 'POST', '/v1/calls', {
    call_type: 'Voice Scheduled (API)',
    menu_id: 10,
    end_user_number: CUSTOMER,
    scheduled_at: new Date(due).toISOString(),
  });
  expect(created.status).toBe(201);
  expect(created.json).toMatchObject({ status: 'scheduled', scheduled_at: new Date(due).toISOString() });
  const id = String(created.json.id);

  const lost = agent.page.getByText('Lost the connection to the desk host.');
  await agent.host.stop();
  await expect(lost).toBeVisible({ timeout: 10_000 });
  await agent.host.start();
  const restartedBeforeDue = Date.now() < due;
  await expect(lost).toBeHidden({ timeout: 20_000 });

  // The page reconnects by itself; the prompt comes back from the stored scheduler state.
  const prompt = agent.page.getByRole('alertdialog', { name: /Callback to \+15550001002 due at/ });
  await expect(prompt).toBeVisible({ timeout: 20_000 });
  await waitRegistered(agent.page, 20_000);
  await prompt.getByRole('button', { name: 'Accept' }).click();
  await expect(prompt).toBeHidden();

  // The customer's phone rings (dialled at the due time, never before) and is answered.
  const answer = customer.page.getByRole('button', { name: 'Answer', exact: true });
  await expect(answer).toBeVisible({ timeout: 20_000 });
  expect(Date.now()).toBeGreaterThanOrEqual(due);
  await answer.click();

  // One record: the scheduled call's id is the agent's live call, now connected.
  await expect.poll(async () => liveCallIds(agent!.page), { timeout: 15_000 }).toEqual([id]);
  await expect.poll(async () => (await api(agent!, 'GET', `/v1/calls/${id}`)).json.status, { timeout: 15_000 }).toBe('connected');
  const callbacks = agent.page.getByRole('region', { name: 'Callbacks' });
  await expect(callbacks.getByText('Connected')).toBeVisible();
  test.info().annotations.push({ type: 'restart', description: restartedBeforeDue ? 'host restarted before the due time' : 'host restart took longer than 5 s' });
  expect(restartedBeforeDue).toBe(true);
});
