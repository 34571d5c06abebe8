/** The API's gates on a real server (127.0.0.1:0), real engine and real SQLite file. */
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES } from '../../../src-main/api/api-server.js';
import { startApiTestHost, type ApiTestHost } from './api-test-host.js';

let t: ApiTestHost | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

describe('who gets in', () => {
  it('refuses a request without a token with 401 and a message', async () => {
    t = await startApiTestHost();
    const answer = await t.send('GET', '/v1/calls', { token: null });
    expect(answer.status).toBe(401);
    expect(answer.headers['www-authenticate']).toBe('Bearer');
    expect((answer.json as { message: string }).message).toMatch(/Authorization: Bearer/);
  });

  it('refuses a wrong token, and one that differs only in length', async () => {
    t = await startApiTestHost();
    expect((await t.send('GET', '/v1/calls', { token: 'wrong' })).status).toBe(401);
    expect((await t.send('GET', '/v1/calls', { token: 'test-token-0123456789abcdef0' })).status).toBe(401);
    expect((await t.send('GET', '/v1/calls')).status).toBe(200);
  });

  it('refuses a foreign Host (DNS rebinding) even with the right token', async () => {
    t = await startApiTestHost();
    const answer = await t.send('GET', '/v1/calls', { headers: { Host: `evil.example.com:${t.port}` } });
    expect(answer.status).toBe(421);
    expect((answer.json as { message: string }).message).toContain('127.0.0.1');
    expect((await t.send('GET', '/v1/calls', { headers: { Host: '127.0.0.1:1' } })).status).toBe(421);
  });

  it('refuses a foreign Origin, accepts none, our own UI and an allowed CRM (with CORS)', async () => {
    t = await startApiTestHost();
    const foreign = await t.send('GET', '/v1/calls', { headers: { Origin: 'https://evil.example.com' } });
    expect(foreign.status).toBe(403);
    expect((foreign.json as { message: string }).message).toContain('api.allowed_origins');
    expect((await t.send('GET', '/v1/calls', { headers: { Origin: `http://127.0.0.1:${t.port}` } })).status).toBe(200);

    const crm = await t.send('GET', '/v1/calls', { headers: { Origin: 'https://crm.example.com' } });
    expect(crm.status).toBe(200);
    expect(crm.headers['access-control-allow-origin']).toBe('https://crm.example.com');
    const crmNoToken = await t.send('GET', '/v1/calls', { headers: { Origin: 'https://crm.example.com' }, token: null });
    expect(crmNoToken.status).toBe(401);
  });

  it('answers an allowed origin’s preflight without a token', async () => {
    t = await startApiTestHost();
    const preflight = await t.send('OPTIONS', '/v1/calls', {
      token: null,
      headers: { Origin: 'https://crm.example.com', 'Access-Control-Request-Method': 'POST' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers['access-control-allow-headers']).toContain('Authorization');
    const foreign = await t.send('OPTIONS', '/v1/calls', { token: null, headers: { Origin: 'https://evil.example.com' } });
    expect(foreign.status).toBe(403);
  });
});

describe('what gets in', () => {
  it('refuses a body over the documented limit with 413 and writes nothing', async () => {
    t = await startApiTestHost();
    const before = t.host.contactCentre.repo.countRows();
    const answer = await t.send('POST', '/v1/contacts', {
      raw: JSON.stringify({ name: 'x'.repeat(MAX_BODY_BYTES), phone_number: '+442071838750' }),
      headers: { 'Content-Type': 'application/json' },
    });
    expect(answer.status).toBe(413);
    expect((answer.json as { message: string }).message).toBe('The request body is larger than 64 KiB');
    expect(t.host.contactCentre.repo.countRows()).toBe(before);
  });

  it('refuses a body that is not JSON with 415', async () => {
    t = await startApiTestHost();
    const answer = await t.send('POST', '/v1/calls', { raw: 'call_type=x', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
    expect(answer.status).toBe(415);
    expect((answer.json as { message: string }).message).toContain('application/json');
  });

  it('answers unparsable JSON with 400 and the parser’s reason', async () => {
    t = await startApiTestHost();
    const answer = await t.send('POST', '/v1/calls', { raw: '{"call_type":', headers: { 'Content-Type': 'application/json' } });
    expect(answer.status).toBe(400);
    expect((answer.json as { message: string }).message).toMatch(/^The request body is not valid JSON/);
  });

  it('404 for an unknown path, 405 with Allow for a wrong method', async () => {
    t = await startApiTestHost();
    expect((await t.send('GET', '/v1/nothing')).status).toBe(404);
    const wrong = await t.send('DELETE', '/v1/calls');
    expect(wrong.status).toBe(405);
    expect(wrong.headers.allow).toBe('POST, GET');
  });
});
