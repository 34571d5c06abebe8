/**
 * Contacts at the desk, end to end (real Kamailio, real Chromium, real SQLite): a contact added
 * in the Contacts panel is found by typing part of its name in the dial field, picked with the
 * keyboard, and dialled; an edit made in the panel is what the local API's GET /v1/contacts serves.
 *
 * Contact numbers follow the REST rule (a possible phone number, stored in E.164), so an internal
 * extension such as 1002 cannot be a contact: the callee desk is registered at the E.164 user
 * +15550001002 instead, which the dial plan reaches as sip:+15550001002@domain.
 */
import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startKamailio, type KamailioServer } from '../support/kamailio.js';
import { openDesk, startDeskHost, waitRegistered, type Desk } from '../support/desk-app.js';
import { closeDesks } from './desk-fixtures.js';

const AGENT = '1001';
const CUSTOMER = '+15550001002';
const USERS: Record<string, string> = { [AGENT]: 'pw-1001', [CUSTOMER]: 'pw-customer' };

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

async function desk(user: string): Promise<Desk> {
  const host = await startDeskHost({ account: { kamailio, user, password: USERS[user]! } });
  const opened = await openDesk(host);
  await waitRegistered(opened.page);
  return opened;
}

async function contactsOverRest(d: Desk): Promise<unknown> {
  const token = (JSON.parse(readFileSync(join(d.host.dataDir, 'settings.json'), 'utf8')) as { api: { token: string } }).api.token;
  const response = await fetch(`http://127.0.0.1:${d.host.port}/v1/contacts`, { headers: { Authorization: `Bearer ${token}` } });
  expect(response.status).toBe(200);
  return response.json();
}

/** Opens the Contacts panel when it is folded (narrow windows) and adds a contact through its form. */
async function addContact(page: Page, name: string, number: string): Promise<void> {
  const fold = page.getByRole('button', { name: /^Contacts/ });
  if ((await fold.getAttribute('aria-expanded')) === 'false') await fold.click();
  await page.getByRole('button', { name: 'Add contact' }).click();
  const form = page.getByRole('form', { name: 'New contact' });
  await form.getByLabel('Name').fill(name);
  await form.getByLabel('Phone number').fill(number);
  await form.getByRole('button', { name: 'Save contact' }).click();
  await expect(page.getByRole('button', { name: `Call ${name}` })).toBeVisible();
}

test('a contact added in the panel is found in the dial field by name, picked with the keyboard, and rings', async () => {
  agent = await desk(AGENT);
  customer = await desk(CUSTOMER);
  await addContact(agent.page, 'Kim Novak', '+1 555 000 1002');

  const field = agent.page.getByRole('combobox', { name: 'Number or SIP address' });
  await field.click();
  await field.pressSequentially('nov');
  const option = agent.page.getByRole('option', { name: /Kim Novak/ });
  await expect(option).toBeVisible();
  await field.press('ArrowDown');
  await expect(option).toHaveAttribute('aria-selected', 'true');
  await expect(field).toHaveAttribute('aria-activedescendant', (await option.getAttribute('id'))!);
  await field.press('Enter');
  await expect(agent.page.getByRole('listbox', { name: 'Suggestions' })).toBeHidden();
  await expect(field).toHaveValue('+1 555 000 1002');
  await field.press('Enter');

  await expect(customer.page.getByRole('button', { name: 'Answer', exact: true })).toBeVisible({ timeout: 15_000 });
});

test('editing a contact number in the panel is what GET /v1/contacts serves', async () => {
  agent = await desk(AGENT);
  await addContact(agent.page, 'Kim Novak', '+1 555 000 1002');
  await agent.page.getByRole('button', { name: 'Edit Kim Novak' }).click();
  const form = agent.page.getByRole('form', { name: 'Edit Kim Novak' });
  await form.getByLabel('Phone number').fill('+1 555 000 1003');
  await form.getByLabel('Phone number').press('Enter');
  await expect(agent.page.getByText('+1 555 000 1003', { exact: true })).toBeVisible();

  await expect.poll(() => contactsOverRest(agent!)).toEqual({
    contacts: [{ id: expect.any(Number), name: 'Kim Novak', phone_number: '+15550001003', ticket_ids: [] }],
  });
});

test('a number that is not a phone number is refused next to the form, with the API message', async () => {
  agent = await desk(AGENT);
  const fold = agent.page.getByRole('button', { name: /^Contacts/ });
  if ((await fold.getAttribute('aria-expanded')) === 'false') await fold.click();
  await agent.page.getByRole('button', { name: 'Add contact' }).click();
  const form = agent.page.getByRole('form', { name: 'New contact' });
  await form.getByLabel('Name').fill('Kim Novak');
  await form.getByLabel('Phone number').fill('12');
  await form.getByRole('button', { name: 'Save contact' }).click();
  await expect(form.getByText('phone_number is not well-formed')).toBeVisible();
  await expect(form.getByLabel('Phone number')).toHaveAttribute('aria-invalid', 'true');
  expect(await contactsOverRest(agent)).toEqual({ contacts: [] });
});
