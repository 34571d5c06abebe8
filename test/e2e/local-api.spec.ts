/**
 * The local API end to end: a CRM-like client (plain HTTP from Node, as curl would) asks the
 * agent's browser-mode desk, registered on a real Kamailio, to call a customer; the desk dials
 * through Kamailio and the customer's phone (another registered desk) rings. With several
 * outbound numbers the API answers 202 and the agent picks the number in the desk.
 *
 * The testbed's Kamailio insists that the From user is the authenticated user, so the agent's
 * account is itself one of the outbound numbers (a PBX that allows other caller ids would take
 * any of them; P-Preferred-Identity carries it too).
 */
import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startKamailio, type KamailioServer } from '../support/kamailio.js';
import { accountSettings, openDesk, startDeskHost, waitRegistered, type Desk } from '../support/desk-app.js';
import { storedCalls } from '../support/desk-records.js';
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

async function agentDesk(outboundNumbers: string[]): Promise<Desk> {
  const host = await startDeskHost({
    settings: {
      ...accountSettings({ kamailio, user: AGENT, password: USERS[AGENT] }),
      agent: { email: 'agent@example.com', name: 'Agent One', can_place_calls: true },
      outbound_numbers: outboundNumbers,
    },
  });
  const desk = await openDesk(host);
  await waitRegistered(desk.page);
  return desk;
}

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

const request = { call_type: 'Voice Outbound (API)', agent_email: 'agent@example.com', end_user_number: '+1 555-000-1002' };

test('POST /v1/calls makes the desk dial the customer, whose phone rings; hang-up over the API ends it', async () => {
  customer = await registeredDesk(kamailio, CUSTOMER, { password: USERS[CUSTOMER] });
  await waitRegistered(customer.page);
  agent = await agentDesk([AGENT]);

  const created = await api(agent, 'POST', '/v1/calls', request);
  expect(created.status).toBe(201);
  expect(created.json).toMatchObject({ status: 'assigned', outbound_number: AGENT, call_type: 'Voice Outbound (API)' });

  await expect(customer.page.getByRole('button', { name: 'Answer', exact: true })).toBeVisible({ timeout: 15_000 });
  await expect.poll(async () => (await api(agent!, 'GET', `/v1/calls/${String(created.json.id)}`)).json.status).toBe('connecting');

  // Settings shows the very token the API accepted.
  await agent.page.getByRole('button', { name: /^Settings/ }).click();
  await agent.page.getByRole('button', { name: 'Show', exact: true }).click();
  await expect(agent.page.getByLabel('API token')).toHaveValue(token(agent));
  await agent.page.screenshot({ path: '/tmp/api-settings-token-1280.png' });
  // The contact-centre settings are edited here and saved to settings.json.
  await agent.page.getByLabel('Languages').fill('en, de');
  await agent.page.getByLabel('Agent email').scrollIntoViewIfNeeded();
  await agent.page.screenshot({ path: '/tmp/api-settings-cc-1280.png' });
  await agent.page.setViewportSize({ width: 360, height: 720 });
  await agent.page.getByLabel('Outbound numbers').scrollIntoViewIfNeeded();
  await agent.page.screenshot({ path: '/tmp/api-settings-cc-360.png' });
  await agent.page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect.poll(() => (JSON.parse(readFileSync(join(agent!.host.dataDir, 'settings.json'), 'utf8')) as { languages: string[] }).languages).toEqual(['en', 'de']);

  const hung = await api(agent, 'POST', `/v1/calls/${String(created.json.id)}/hangup`);
  expect(hung.json).toMatchObject({ status: 'failed', state: 'NOT_ANSWERED' });
  await expect(customer.page.getByRole('button', { name: 'Answer', exact: true })).toHaveCount(0, { timeout: 15_000 });
  expect(storedCalls(agent.host.dataDir).map((c) => [c.create_method, c.to_party])).toEqual([['API', CUSTOMER]]);
});

test('several outbound numbers: 202, the agent picks the number in the desk, and the customer rings', async () => {
  customer = await registeredDesk(kamailio, CUSTOMER, { password: USERS[CUSTOMER] });
  await waitRegistered(customer.page);
  agent = await agentDesk([AGENT, '+15550009999']);

  const created = await api(agent, 'POST', '/v1/calls', request);
  expect(created.status).toBe(202);
  expect(created.json).toMatchObject({ pending_action: 'choose_outbound_number', state: null });

  const choice = agent.page.getByRole('group', { name: /Choose the outbound number/ });
  await expect(choice).toBeVisible();
  await expect(choice.getByRole('button', { name: `Call from ${AGENT}` })).toBeFocused();
  await agent.page.screenshot({ path: '/tmp/api-number-choice-1280.png' });
  await agent.page.setViewportSize({ width: 360, height: 720 });
  await agent.page.screenshot({ path: '/tmp/api-number-choice-360.png' });
  await agent.page.keyboard.press('Enter');

  await expect(customer.page.getByRole('button', { name: 'Answer', exact: true })).toBeVisible({ timeout: 15_000 });
  await expect(choice).toHaveCount(0);
  const after = await api(agent, 'GET', `/v1/calls/${String(created.json.id)}`);
  expect(after.json).toMatchObject({ outbound_number: AGENT, pending_action: null });
});
