/**
 * A real desk host (real engine, real SQLite file in a temp dir) with its local API on
 * 127.0.0.1:0, and a stand-in desk connection: it records the telephony commands the engine
 * sends and can report leg events back, as the SIP adapter would.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TelephonyCommand } from '../../../src-main/contract/telephony.js';
import type { LegEvent } from '../../../src-main/contract/telephony.js';
import type { Logger } from '../../../src-main/engine/ports/logger.js';
import { createApiHost, type ApiHost } from '../../../src-main/host/api-host.js';
import { createDeskHost, type DeskHost } from '../../../src-main/host/desk-host.js';

export const TOKEN = 'test-token-0123456789abcdef';
export const AGENT_EMAIL = 'agent@somedomain.com';

export const BASE_SETTINGS = {
  sip: { server: 'ws://127.0.0.1:5066', uri: 'sip:1001@sip.test', password: 'pw' },
  api: { token: TOKEN, allowed_origins: ['https://crm.example.com'] },
  agent: { email: AGENT_EMAIL, name: 'Admin Agent', can_place_calls: true },
  outbound_numbers: ['+13392195276'],
  languages: ['en', 'de'],
  menus: [
    { id: 9, name: 'Lock Star', type: 'ivr', state: 'open' },
    { id: 10, name: 'App', type: 'mobile', state: 'open' },
    { id: 11, name: 'Web', type: 'web', state: 'open' },
    { id: 20, name: 'Late IVR', type: 'ivr', state: 'after_hours' },
    { id: 21, name: 'Redirected IVR', type: 'ivr', state: 'manual_redirection' },
    { id: 22, name: 'Late web', type: 'web', state: 'after_hours' },
    { id: 23, name: 'Redirected web', type: 'web', state: 'manual_redirection' },
  ],
};

export interface HttpAnswer {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly text: string;
  readonly json: unknown;
}

export interface ApiTestHost {
  readonly host: DeskHost;
  readonly api: ApiHost;
  readonly port: number;
  readonly dataDir: string;
  readonly commands: TelephonyCommand[];
  /** Every other event the desk connection received, in order. */
  readonly events: Array<{ event: string; payload: unknown }>;
  readonly warnings: string[];
  readonly errors: string[];
  /** Send a request; JSON bodies are serialised, the token is sent unless `token: null`. */
  send(
    method: string,
    path: string,
    options?: { body?: unknown; raw?: string | Buffer; headers?: Record<string, string>; token?: string | null },
  ): Promise<HttpAnswer>;
  leg(event: LegEvent): void;
  lastDial(): Extract<TelephonyCommand, { type: 'dial' }> | undefined;
  close(): Promise<void>;
}

export async function startApiTestHost(
  overrides: Record<string, unknown> = {},
  options: { desk?: boolean; busyPeer?: boolean } = {},
): Promise<ApiTestHost> {
  const dataDir = mkdtempSync(join(tmpdir(), 'api-test-'));
  writeFileSync(join(dataDir, 'settings.json'), JSON.stringify({ ...BASE_SETTINGS, ...overrides }));
  const warnings: string[] = [];
  const errors: string[] = [];
  const logger: Logger = {
    info: () => undefined,
    warn: (message) => warnings.push(message),
    error: (message, fields) => errors.push(`${message} ${JSON.stringify(fields)}`),
  };
  const host = createDeskHost({ dataDir, logger });
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const api = createApiHost(host, {
    port: () => port,
    uiOrigins: [`http://127.0.0.1:${port}`],
    logger,
    webhookBackoffMs: 5,
  });
  server.on('request', (request, response) => void api.handler(request, response));

  const commands: TelephonyCommand[] = [];
  const events: Array<{ event: string; payload: unknown }> = [];
  if (options.desk !== false) {
    host.hub.attach({
      id: 'desk-1',
      send: (event, payload) => {
        if (event !== 'telephony.command') {
          events.push({ event, payload });
          return;
        }
        const command = payload as TelephonyCommand;
        commands.push(command);
        // A far end that is always busy: every dialled call ends at once (no timers left behind).
        if (options.busyPeer && command.type === 'dial') {
          queueMicrotask(() =>
            host.engine.legEvent({ type: 'ended', call_id: command.call_id, end: { by: 'remote', status_code: 486 } }),
          );
        }
      },
    });
    host.engine.reportRegistration({ state: 'registered', reason: null, next_attempt_at: null });
  }

  return {
    host,
    api,
    port,
    dataDir,
    commands,
    events,
    warnings,
    errors,
    send: (method, path, sendOptions = {}) => send(port, method, path, sendOptions),
    leg: (event) => host.engine.legEvent(event),
    lastDial: () => commands.filter((c): c is Extract<TelephonyCommand, { type: 'dial' }> => c.type === 'dial').at(-1),
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      host.engine.deskLost(); // ends live calls, and with them their ring timers
      await api.webhooks.idle();
      await api.realtime.idle();
      host.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function send(
  port: number,
  method: string,
  path: string,
  options: { body?: unknown; raw?: string | Buffer; headers?: Record<string, string>; token?: string | null } = {},
): Promise<HttpAnswer> {
  const payload = options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  const headers: Record<string, string> = {
    Host: `127.0.0.1:${port}`,
    ...(options.token === null ? {} : { Authorization: `Bearer ${options.token ?? TOKEN}` }),
    ...(options.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
    ...(payload !== undefined ? { 'Content-Length': String(Buffer.byteLength(payload)) } : {}),
    ...options.headers,
  };
  return new Promise((resolve, reject) => {
    const request = httpRequest({ host: '127.0.0.1', port, method, path, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json: unknown;
        try {
          json = text === '' ? undefined : JSON.parse(text);
        } catch {
          json = undefined;
        }
        resolve({ status: response.statusCode ?? 0, headers: response.headers, text, json });
      });
    });
    request.on('error', reject);
    if (payload !== undefined) request.write(payload);
    request.end();
  });
}
