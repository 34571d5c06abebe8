/**
 * The supervisor's join request, as it travels in the INVITE (docs/conferences.md):
 *
 *   X-Supervisor-Join: <call or conference id, or "current">;mode=listen|whisper|barge
 *
 * and the live mode switch, as the body of an in-dialog INFO:
 *
 *   Content-Type: application/x-supervisor-mode      body: mode=whisper
 */
import {
  CURRENT_CALL_TARGET,
  SUPERVISOR_JOIN_HEADER,
  SUPERVISOR_MODES,
  type SupervisorEntry,
  type SupervisorMode,
} from '../../contract/conference.js';

export interface JoinRequest {
  readonly targetId: string;
  readonly mode: SupervisorMode;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function formatJoinHeader(request: JoinRequest): string {
  return `${SUPERVISOR_JOIN_HEADER}: ${request.targetId};mode=${request.mode}`;
}

/** The header's value, or null when it is not a well-formed join request. */
export function parseJoinHeader(value: string): JoinRequest | null {
  const [target, ...params] = value.split(';').map((part) => part.trim());
  if (!target || !(UUID.test(target) || target.toLowerCase() === CURRENT_CALL_TARGET)) return null;
  let mode: SupervisorMode = 'listen';
  for (const param of params) {
    const [key, raw] = param.split('=').map((part) => part.trim().toLowerCase());
    if (key !== 'mode') continue;
    const parsed = parseMode(raw ?? '');
    if (!parsed) return null;
    mode = parsed;
  }
  return { targetId: target.toLowerCase(), mode };
}

function parseMode(value: string): SupervisorMode | null {
  return (SUPERVISOR_MODES as readonly string[]).includes(value) ? (value as SupervisorMode) : null;
}

/**
 * The allowed supervisor whose address this From URI is, compared as user@host (scheme,
 * parameters, port and case of the host ignored). Only meaningful when the proxy binds From to
 * the authenticated user: see "Trust" in docs/conferences.md.
 */
export function allowedSupervisor(fromUri: string, allowed: readonly SupervisorEntry[]): SupervisorEntry | undefined {
  const key = addressKey(fromUri);
  return key ? allowed.find((entry) => addressKey(entry.sip_uri) === key) : undefined;
}

function addressKey(uri: string): string | null {
  const match = /^sips?:([^@;>\s]+)@([^;:>\s]+)/i.exec(uri.trim().replace(/^<|>$/g, ''));
  return match ? `${match[1]}@${match[2]!.toLowerCase()}` : null;
}
