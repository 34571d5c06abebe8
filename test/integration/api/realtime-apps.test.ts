/**
 * calls.realtime with a real app: a local HTTP server on 127.0.0.1:0 gets each event of the
 * call and answers with the next command (play, hangup); calls.realtime_break stops a playback.
 * The desk is the API test host's stand-in connection, which records telephony commands.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { TelephonyCommand } from '../../../src-main/contract/telephony.js';
import { startApiTestHost, type ApiTestHost } from './api-test-host.js';

type AppEvent = { event: string; call?: { state: string; callid: number }; outcome?: string; message?: string };

let t: ApiTestHost | undefined;
let app: Server | undefined;
afterEach(async () => {
  await t?.close();
  app?.closeAllConnections();
  await new Promise((done) => (app ? app.close(done) : done(undefined)));
  t = app = undefined;
});

/** The app: records events and answers each with what `decide` returns (undefined: 204). */
async function startApp(received: AppEvent[], decide: (event: AppEvent) => unknown): Promise<string> {
  app = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += String(chunk)));
    request.on('end', () => {
      const event = JSON.parse(body) as AppEvent;
      received.push(event);
      const reply = decide(event);
      if (reply === undefined) response.writeHead(204).end();
      else response.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(reply));
    });
  });
  await new Promise<void>((done) => app!.listen(0, '127.0.0.1', done));
  return `http://127.0.0.1:${(app.address() as AddressInfo).port}/events`;
}

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 300 && !check(); i++) await new Promise((done) => setTimeout(done, 10));
  expect(check()).toBe(true);
}

async function rpc(method: string, params: unknown[]): Promise<unknown> {
  const answer = await t!.send('POST', '/v1/rpc', { body: { jsonrpc: '2.0', id: 1, method, params } });
  return (answer.json as { result?: unknown; error?: unknown }).result ?? answer.json;
}

async function uploadTone(): Promise<number> {
  const upload = await t!.send('POST', '/v1/media?name=menu', { raw: Buffer.from('RIFF....WAVEfmt '), headers: { 'Content-Type': 'audio/wav' } });
  return (upload.json as { id: number }).id;
}

function ofType<T extends TelephonyCommand['type']>(type: T): Extract<TelephonyCommand, { type: T }>[] {
  return t!.commands.filter((command): command is Extract<TelephonyCommand, { type: T }> => command.type === type);
}

describe('calls.realtime: the app’s replies drive the call', () => {
  it('answered → the app says play → the desk plays; playback ended → the app says hangup → the call ends', async () => {
    const received: AppEvent[] = [];
    let media = 0;
    const url = await startApp(received, (event) => {
      if (event.event === 'call.state_changed' && event.call?.state === 'IN_PROGRESS') return { command: 'play', media: [media] };
      if (event.event === 'playback.ended') return { command: 'hangup' };
      return undefined;
    });
    t = await startApiTestHost({ realtime_apps: [{ id: 'ivr1', url }] });
    media = await uploadTone();
    const callId = (await rpc('calls.realtime', ['ivr1', { number: '+18596579625' }, {}])) as string;
    t.leg({ type: 'answered', call_id: callId });
    await until(() => ofType('play').length === 1);
    const play = ofType('play')[0]!;
    expect(play).toMatchObject({ call_id: callId, media_ids: [media] });

    t.leg({ type: 'playback_ended', call_id: callId, playback_id: play.playback_id, outcome: 'finished' });
    await until(() => t!.host.engine.getCall(callId).state === 'COMPLETED');
    expect(ofType('bye').map((bye) => bye.call_id)).toEqual([callId]);
    await t.api.realtime.idle();
    expect(received.map((event) => event.event === 'call.state_changed' ? event.call!.state : `${event.event}:${event.outcome}`)).toEqual([
      'QUEUED',
      'IN_PROGRESS',
      'playback.ended:finished',
      'COMPLETED',
    ]);
  });

  it('calls.realtime_break stops the playback in progress (true), the app hears "stopped"; with nothing playing it is false', async () => {
    const received: AppEvent[] = [];
    let media = 0;
    const url = await startApp(received, (event) =>
      event.event === 'call.state_changed' && event.call?.state === 'IN_PROGRESS' ? { command: 'play', media: [media, media] } : undefined,
    );
    t = await startApiTestHost({ realtime_apps: [{ id: 'ivr1', url }] });
    media = await uploadTone();
    const callId = (await rpc('calls.realtime', ['ivr1', { number: '+18596579625' }, {}])) as string;
    const callid = t.host.engine.getCall(callId).callid;
    expect(await rpc('calls.realtime_break', [callid, {}])).toBe(false);
    t.leg({ type: 'answered', call_id: callId });
    await until(() => ofType('play').length === 1);

    expect(await rpc('calls.realtime_break', [callid, {}])).toBe(true);
    expect(ofType('stop_playback').map((stop) => stop.call_id)).toEqual([callId]);
    await t.api.realtime.idle();
    expect(received.at(-1)).toMatchObject({ event: 'playback.ended', outcome: 'stopped', callid });
    expect(await rpc('calls.realtime_break', [callid, {}])).toBe(false);
    // The call itself goes on: only the command was broken.
    expect(t.host.engine.getCall(callId).state).toBe('IN_PROGRESS');
  });

  it('a command the desk cannot carry out is refused back to the app, and the call goes on', async () => {
    const received: AppEvent[] = [];
    const url = await startApp(received, (event) =>
      event.event === 'call.state_changed' && event.call?.state === 'IN_PROGRESS' ? { command: 'play', media: [99] } : event.event === 'call.state_changed' ? { command: 'dance' } : undefined,
    );
    t = await startApiTestHost({ realtime_apps: [{ id: 'ivr1', url }] });
    const callId = (await rpc('calls.realtime', ['ivr1', { number: '+18596579625' }, {}])) as string;
    await until(() => received.some((event) => event.event === 'command.rejected'));
    t.leg({ type: 'answered', call_id: callId });
    await until(() => received.filter((event) => event.event === 'command.rejected').length === 2);
    const rejected = received.filter((event) => event.event === 'command.rejected').map((event) => event.message);
    expect(rejected[0]).toMatch(/^Not a command: command: /);
    expect(rejected[1]).toBe('media 99 is not in the media library (POST /v1/media)');
    expect(ofType('play')).toHaveLength(0);
    expect(t.host.engine.getCall(callId).state).toBe('IN_PROGRESS');
  });

  it('an app that is down never blocks the call', async () => {
    const url = await startApp([], () => undefined);
    app!.closeAllConnections();
    await new Promise((done) => app!.close(done));
    app = undefined;
    t = await startApiTestHost({ realtime_apps: [{ id: 'ivr1', url }] });
    const callId = (await rpc('calls.realtime', ['ivr1', { number: '+18596579625' }, {}])) as string;
    t.leg({ type: 'answered', call_id: callId });
    expect(t.host.engine.getCall(callId).state).toBe('IN_PROGRESS');
    await t.api.realtime.idle();
    expect(t.warnings).toContain('real-time app given up after bounded retries');
  });
});
