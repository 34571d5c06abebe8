/**
 * Seed 002's broadcast end to end: a script uploads two tones to the media library over REST,
 * asks the agent's desk (browser mode, registered on a real Kamailio) for calls.broadcast_1 over
 * /v1/rpc; the customer's desk answers and hears the first tone, then the second, in place of
 * the agent's microphone; then the desk hangs up and calls.get_status_1 answers "done".
 */
import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { KamailioServer } from '../support/kamailio.js';
import { liveCallIds, remoteToneLevels, type Desk } from '../support/desk-app.js';
import { sineWav } from '../support/tones.js';
import { answer, closeDesks, kamailioForTests, onlyCall, registeredDesk } from './desk-fixtures.js';

const MICROPHONE_TONE = 440;
const FIRST_MESSAGE_TONE = 1000;
const SECOND_MESSAGE_TONE = 1500;
/** A tone that is played arrives around -36 dB; silence sits near -120 dB. */
const HEARD = -60;
const SILENT = -85;

let kamailio: KamailioServer;
let agent: Desk | undefined;
let customer: Desk | undefined;

test.beforeAll(async () => {
  kamailio = await kamailioForTests();
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

async function upload(desk: Desk, name: string, wav: Buffer): Promise<number> {
  const response = await fetch(`http://127.0.0.1:${desk.host.port}/v1/media?name=${name}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token(desk)}`, 'Content-Type': 'audio/wav' },
    body: new Uint8Array(wav),
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { id: number }).id;
}

async function rpc(desk: Desk, method: string, params: unknown[]): Promise<Record<string, unknown>> {
  const response = await fetch(`http://127.0.0.1:${desk.host.port}/v1/rpc`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token(desk)}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
  });
  return (await response.json()) as Record<string, unknown>;
}

test('calls.broadcast_1 plays the uploaded messages in order to the answering peer, hangs up, and reports done', async () => {
  customer = await registeredDesk(kamailio, '1002');
  agent = await registeredDesk(kamailio, '1001', { tone: MICROPHONE_TONE });
  const first = await upload(agent, 'first', sineWav({ frequency: FIRST_MESSAGE_TONE, seconds: 5 }));
  const second = await upload(agent, 'second', sineWav({ frequency: SECOND_MESSAGE_TONE, seconds: 5 }));

  const started = await rpc(agent, 'calls.broadcast_1', [{ number: '1002' }, [first, second], { timeout_seconds: 30 }]);
  const requestId = started.result as string;
  expect(typeof requestId).toBe('string');
  const status = async (): Promise<unknown> => (await rpc(agent!, 'calls.get_status_1', [requestId])).result;

  await answer(customer.page);
  const callId = await onlyCall(customer.page);
  await customer.page.bringToFront();
  await expect.poll(status, { timeout: 10_000 }).toBe('playing');

  const levels = async (): Promise<number[]> =>
    (await remoteToneLevels(customer!.page, callId, [FIRST_MESSAGE_TONE, SECOND_MESSAGE_TONE, MICROPHONE_TONE])).levels;
  // The first message, instead of the agent's microphone.
  let heard: number[] = [];
  await expect
    .poll(async () => {
      heard = await levels();
      return heard[0]!;
    }, { timeout: 10_000 })
    .toBeGreaterThan(HEARD);
  expect(heard[2]).toBeLessThan(SILENT);
  // Then the second, and no longer the first.
  await expect
    .poll(async () => {
      heard = await levels();
      return heard[1]! > HEARD && heard[0]! < SILENT;
    }, { timeout: 15_000 })
    .toBe(true);
  expect(heard[2]).toBeLessThan(SILENT);

  // Then the desk hangs up: the customer's call ends and the broadcast is done.
  await expect.poll(() => liveCallIds(customer!.page), { timeout: 20_000 }).toEqual([]);
  expect(await status()).toBe('done');
});
