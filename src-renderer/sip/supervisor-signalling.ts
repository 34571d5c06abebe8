/**
 * The supervisor signalling on the wire (docs/conferences.md). The renderer may not import the
 * engine, so the few constants are repeated here; test/unit/renderer/supervisor-signalling.test.ts
 * checks that both sides agree.
 */
export const SUPERVISOR_JOIN_HEADER = 'X-Supervisor-Join';
export const SUPERVISOR_MODE_TYPE = 'application/x-supervisor-mode';

type Mode = 'listen' | 'whisper' | 'barge';

export function supervisorModeBody(mode: Mode): string {
  return `mode=${mode}`;
}

export function parseSupervisorModeBody(body: string): Mode | null {
  const match = /^\s*mode\s*=\s*(listen|whisper|barge)\s*$/i.exec(body);
  return match ? (match[1]!.toLowerCase() as Mode) : null;
}
