/**
 * The Settings dialog's supervisor list as text: one supervisor per line, the SIP address first
 * and the name after it (`sip:sup1@example.com Sam Supervisor`). Only these addresses may join
 * this agent's calls (docs/conferences.md). Pure, so it is unit-tested without a DOM.
 */
import { SupervisorEntry } from '../../../src-main/contract/conference.js';
import type { Settings } from '../../../src-main/contract/settings.js';

export function supervisorsTextFrom(settings: Pick<Settings, 'supervisors'>): string {
  return settings.supervisors.map((entry) => `${entry.sip_uri} ${entry.name}`).join('\n');
}

export type SupervisorsPatch =
  | { ok: true; patch: { supervisors?: SupervisorEntry[] } }
  | { ok: false; message: string };

/** The patch for the text as typed: empty when nothing changed; a message naming the bad line otherwise. */
export function buildSupervisorsPatch(text: string, settings: Pick<Settings, 'supervisors'>): SupervisorsPatch {
  const entries: SupervisorEntry[] = [];
  const lines = text.split('\n').map((line) => line.trim());
  for (const [index, line] of lines.entries()) {
    if (!line) continue;
    const [uri = '', ...nameWords] = line.split(/\s+/);
    const sipUri = /^sips?:/i.test(uri) ? uri : `sip:${uri}`;
    const name = nameWords.join(' ') || uri.replace(/^sips?:/i, '');
    const parsed = SupervisorEntry.safeParse({ sip_uri: sipUri, name });
    if (!parsed.success) {
      return { ok: false, message: `Supervisors, line ${index + 1}: ${parsed.error.issues[0]?.message ?? 'not a supervisor'}` };
    }
    if (entries.some((entry) => entry.sip_uri.toLowerCase() === parsed.data.sip_uri.toLowerCase())) {
      return { ok: false, message: `Supervisors, line ${index + 1}: ${parsed.data.sip_uri} is listed twice` };
    }
    entries.push(parsed.data);
  }
  const same =
    entries.length === settings.supervisors.length &&
    entries.every((entry, i) => entry.sip_uri === settings.supervisors[i]?.sip_uri && entry.name === settings.supervisors[i]?.name);
  return { ok: true, patch: same ? {} : { supervisors: entries } };
}
