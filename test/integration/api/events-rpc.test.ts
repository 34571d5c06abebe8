/** Server-sent events, state_update_uri webhooks and JSON-RPC 2.0, on a real server and engine. */
import { createServer, get, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startApiTestHost, TOKEN, type ApiTestHost, AGENT_EMAIL } from './api-test-host.js';

let t: ApiTestHost | undefined;
let hook: Server | undefined;
afterEach(async () => {
  await t?.close();
  hook?.closeAllConnections();
  await new Promise((done) => (hook ? hook.close(done) : done(undefined)));
  t = undefined;
  hook = undefined;
});

type Call = Record<string, unknown> & { id: string; callid: number };
const outbound = { call_type: 'Voice Outbound (API)', agent_email: AGENT_EMAIL, end_user_number: '+1 859-657-9625' };

async function listen(status: number, received: unknown[]): Promise<string> {
  hook = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += String(chunk)));
    request.on('end', () => {
      received.push(JSON.parse(body));
      response.writeHead(status).end();
    });
  });
  await new Promise<void>((done) => hook!.listen(0, '127.0.0.1', done));
  return `http://127.0.0.1:${(hook.address() as AddressInfo).port}/hook`;
}

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((done) => setTimeout(done, 10));
  expect(check()).toBe(true);
}

describe('GET /v1/events', () => {
  it('streams ring, answer and end with the call object', async () => {
    t = await startApiTestHost();
    const events: Array<{ event: string; data: Call }> = [];
    const stream = await new Promise<IncomingMessage>((done) =>
      get({ host: '127.0.0.1', port: t!.port, path: '/v1/events', headers: { Authorization: `Bearer ${TOKEN}` } }, done),
    );
    expect(stream.headers['content-type']).toContain('text/event-stream');
    let buffer = '';
    stream.on('data', (chunk) => {
      buffer += String(chunk);
      const blocks = buffer.split('\n\n');
      buffer = blocks.pop() ?? '';
      for (const block of blocks) {
        const event = /^event: (.+)$/m.exec(block)?.[1];
        const data = /^data: (.+)$/m.exec(block)?.[1];
        if (event && data) events.push({ event, data: JSON.parse(data) as Call });
      }
    });
    const call = (await t.send('POST', '/v1/calls', { body: outbound })).json as Call;
    t.leg({ type: 'ringing', call_id: call.id });
    t.leg({ type: 'answered', call_id: call.id });
    t.leg({ type: 'ended', call_id: call.id, end: { by: 'remote' } });
    await until(() => events.some((e) => e.event === 'end'));
    stream.destroy();
    const named = events.filter((e) => e.data.id === call.id).map((e) => e.event);
    expect(named).toEqual(['update', 'ring', 'answer', 'end']);
    expect(events.at(-1)?.data).toMatchObject({ status: 'finished', call_type: 'Voice Outbound (API)' });
  });

  it('needs the token like every route', async () => {
    t = await startApiTestHost();
    expect((await t.send('GET', '/v1/events', { token: null })).status).toBe(401);
  });
});

describe('state_update_uri', () => {
  it('POSTs each state change to the URL, in order', async () => {
    const received: Array<{ call: Call }> = [];
    const url = await listen(200, received);
    t = await startApiTestHost();
    const call = (await t.send('POST', '/v1/calls', { body: { ...outbound, state_update_uri: url } })).json as Call;
    t.leg({ type: 'ringing', call_id: call.id });
    t.leg({ type: 'answered', call_id: call.id });
    t.leg({ type: 'ended', call_id: call.id, end: { by: 'remote' } });
    await t.api.webhooks.idle();
    expect(received.map((r) => r.call.state)).toEqual(['QUEUED', 'RINGING', 'IN_PROGRESS', 'COMPLETED']);
  });

  it('a failing URL is retried a bounded number of times and never blocks the call', async () => {
    const received: unknown[] = [];
    const url = await listen(500, received);
    t = await startApiTestHost();
    const answer = await t.send('POST', '/v1/calls', { body: { ...outbound, state_update_uri: url } });
    expect(answer.status).toBe(201);
    const call = answer.json as Call;
    t.leg({ type: 'answered', call_id: call.id });
    expect(t.host.engine.getCall(call.id).state).toBe('IN_PROGRESS');
    await t.api.webhooks.idle();
    expect(received).toHaveLength(2 * 3); // two changes, three attempts each
  });

  it('an unreachable URL is given up, and the call goes on', async () => {
    t = await startApiTestHost();
    const call = (await t.send('POST', '/v1/calls', { body: { ...outbound, state_update_uri: 'http://127.0.0.1:1/nowhere' } })).json as Call;
    await t.api.webhooks.idle();
    expect(t.warnings).toContain('state_update_uri given up after bounded retries');
    expect((await t.send('POST', `/v1/calls/${call.id}/hangup`)).status).toBe(200);
  });

  it('refuses a state_update_uri that is not http(s)', async () => {
    t = await startApiTestHost();
    const answer = await t.send('POST', '/v1/calls', { body: { ...outbound, state_update_uri: 'file:///etc/passwd' } });
    expect(answer.json).toEqual({ message: 'state_update_uri must be an http:// or https:// URL' });
  });
});

describe('POST /v1/rpc (JSON-RPC 2.0, seed 002)', () => {
  async function rpc(body: unknown, raw?: string): Promise<Record<string, unknown>> {
    const answer = await t!.send('POST', '/v1/rpc', raw === undefined ? { body } : { raw, headers: { 'Content-Type': 'application/json' } });
    return answer.json as Record<string, unknown>;
  }

  it('answers the standard error codes with clear messages', async () => {
    t = await startApiTestHost();
    expect(await rpc(undefined, '{"jsonrpc":')).toMatchObject({ id: null, error: { code: -32700 } });
    expect(await rpc({ jsonrpc: '1.0', method: 'calls.hangup', id: 1 })).toMatchObject({ id: 1, error: { code: -32600, message: 'Invalid request: "jsonrpc" must be "2.0"' } });
    expect(await rpc([])).toMatchObject({ error: { code: -32600 } });
    expect(await rpc({ jsonrpc: '2.0', method: 'calls.nope', id: 2 })).toMatchObject({ id: 2, error: { code: -32601 } });
    expect(await rpc({ jsonrpc: '2.0', method: 'calls.hangup', params: ['x', {}], id: 3 })).toEqual({
      jsonrpc: '2.0',
      id: 3,
      error: { code: -32602, message: 'Invalid params: callid: callid must be an integer' },
    });
    expect(await rpc({ jsonrpc: '2.0', method: 'calls.broadcast_1', params: [{ number: '+18596579625' }, []], id: 4 })).toMatchObject({
      error: { code: -32602, message: 'Invalid params: messages: messages must hold at least one message' },
    });
  });

  it('calls.hangup ends a live call by its integer callid; false for an unknown one', async () => {
    t = await startApiTestHost();
    const call = (await t.send('POST', '/v1/calls', { body: outbound })).json as Call;
    expect(await rpc({ jsonrpc: '2.0', method: 'calls.hangup', params: [call.callid, {}], id: 1 })).toEqual({ jsonrpc: '2.0', id: 1, result: true });
    expect(t.host.engine.getCall(call.id).state).toBe('NOT_ANSWERED');
    expect(await rpc({ jsonrpc: '2.0', method: 'calls.hangup', params: { callid: 999, options: {} }, id: 2 })).toMatchObject({ result: false });
  });

  it('calls.broadcast_1 dials the target and get_status_1 follows it', async () => {
    t = await startApiTestHost();
    const missing = await rpc({ jsonrpc: '2.0', method: 'calls.broadcast_1', params: [{ number: '+18596579625' }, [1], null], id: 9 });
    expect(missing).toMatchObject({ error: { code: -32602, message: 'Invalid params: messages: media 1 is not in the media library (POST /v1/media)' } });
    const upload = await t.send('POST', '/v1/media?name=Welcome', { raw: Buffer.from('RIFF....WAVEfmt '), headers: { 'Content-Type': 'audio/wav' } });
    expect(upload.status).toBe(201);
    expect(upload.json).toMatchObject({ id: 1, name: 'Welcome', content_type: 'audio/wav', bytes: 16 });
    const tts = await rpc({ jsonrpc: '2.0', method: 'calls.broadcast_1', params: [{ number: '+18596579625' }, [1, 'TTS|EN_GB_DANIEL|Hello'], null], id: 8 });
    // No text-to-speech voice yet: the request is taken, fails at once, and nobody is dialled.
    expect((await rpc({ jsonrpc: '2.0', method: 'calls.get_status_1', params: [tts.result], id: 7 })).result).toBe('failed');
    expect(t.lastDial()).toBeUndefined();
    const started = await rpc({ jsonrpc: '2.0', method: 'calls.broadcast_1', params: [{ number: '+18596579625' }, [1], null], id: 1 });
    const requestId = started.result as string;
    expect(typeof requestId).toBe('string');
    const dial = t.lastDial()!;
    expect(dial.uri).toBe('sip:+18596579625@sip.test');
    const status = async () => (await rpc({ jsonrpc: '2.0', method: 'calls.get_status_1', params: [requestId], id: 2 })).result;
    expect(await status()).toBe('queued');
    t.leg({ type: 'ringing', call_id: dial.call_id });
    expect(await status()).toBe('dialling');
    t.leg({ type: 'ended', call_id: dial.call_id, end: { by: 'remote', status_code: 486 } });
    expect(await status()).toBe('failed');
    expect(await rpc({ jsonrpc: '2.0', method: 'calls.get_status_1', params: ['nope'], id: 3 })).toMatchObject({ error: { code: -32602 } });
  });

  it('calls.realtime dials for a configured app and posts the call’s events to it', async () => {
    const received: Array<{ call: { state: string } }> = [];
    const url = await listen(200, received);
    t = await startApiTestHost({ realtime_apps: [{ id: 'ivr1', url }] });
    const started = await rpc({ jsonrpc: '2.0', method: 'calls.realtime', params: ['ivr1', { number: '+18596579625' }, {}], id: 1 });
    const callId = started.result as string;
    t.leg({ type: 'answered', call_id: callId });
    await t.api.realtime.idle();
    expect(received.map((r) => r.call.state)).toEqual(['QUEUED', 'IN_PROGRESS']);
    expect(await rpc({ jsonrpc: '2.0', method: 'calls.realtime', params: ['nope', { number: '+18596579625' }], id: 2 })).toMatchObject({ error: { code: -32602 } });
    expect(await rpc({ jsonrpc: '2.0', method: 'calls.realtime_break', params: [1, {}], id: 3 })).toMatchObject({ result: false });
  });

  it('a notification gets no reply; a batch gets one reply per request', async () => {
    t = await startApiTestHost();
    expect((await t.send('POST', '/v1/rpc', { body: { jsonrpc: '2.0', method: 'calls.realtime_break', params: [1, {}] } })).status).toBe(204);
    const batch = await t.send('POST', '/v1/rpc', {
      body: [
        { jsonrpc: '2.0', method: 'calls.realtime_break', params: [1, {}], id: 'a' },
        { jsonrpc: '2.0', method: 'calls.x', id: 'b' },
      ],
    });
    expect(batch.json).toMatchObject([{ id: 'a', result: false }, { id: 'b', error: { code: -32601 } }]);
  });
});

describe('media library', () => {
  it('uploads audio as a raw body and lists it; refuses other types and empty uploads', async () => {
    t = await startApiTestHost();
    expect((await t.send('POST', '/v1/media?name=a', { raw: 'x', headers: { 'Content-Type': 'text/plain' } })).status).toBe(415);
    expect((await t.send('POST', '/v1/media?name=a', { raw: '', headers: { 'Content-Type': 'audio/ogg' } })).json).toEqual({ message: 'The upload is empty' });
    expect((await t.send('POST', '/v1/media', { raw: 'OggS', headers: { 'Content-Type': 'audio/ogg' } })).status).toBe(400);
    expect((await t.send('POST', '/v1/media?name=hold', { raw: 'OggS', headers: { 'Content-Type': 'audio/ogg' } })).status).toBe(201);
    expect((await t.send('GET', '/v1/media')).json).toMatchObject({ media: [{ id: 1, name: 'hold', content_type: 'audio/ogg', bytes: 4 }] });
  });
});
