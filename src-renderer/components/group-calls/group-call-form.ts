/**
 * The group call form's destinations → seed 000 Addresses. Pure, so it is unit-tested in node.
 * One destination per line: an agent's email from the directory, `group:<name>` for another
 * group call, a `sip:` address, a +number, or anything else the dial plan reads (extension,
 * national number, user@host).
 */
import type { DeskContact } from '../../../src-main/contract/contact.js';
import type { Address } from '../../../src-main/contract/group-call.js';
import type { GroupDefinition } from '../../../src-main/contract/group-definition.js';
import type { AgentEntry } from '../../../src-main/contract/settings.js';

export function addressOfLine(line: string, agents: readonly AgentEntry[]): Address | null {
  const text = line.trim();
  if (!text) return null;
  const base = { target_name: '', name: '', detail: '' };
  const group = /^group:\s*(.+)$/i.exec(text);
  if (group?.[1]) return { ...base, type: 'groupcall', target: group[1].trim() };
  const agent = agents.find((entry) => entry.email.toLowerCase() === text.toLowerCase());
  if (agent) return { ...base, type: 'agent', target: agent.email, name: agent.name };
  if (/^sips?:/i.test(text)) return { ...base, type: 'sip', target: text };
  if (/^\+[\d\s().-]+$/.test(text)) return { ...base, type: 'tel', target: text };
  return { ...base, type: 'endpoint', target: text };
}

export function addressesOf(text: string, chosenAgents: readonly string[], agents: readonly AgentEntry[]): Address[] {
  const fromAgents = chosenAgents.map((email) => addressOfLine(email, agents));
  const fromLines = text.split(/\r?\n/).map((line) => addressOfLine(line, agents));
  return [...fromAgents, ...fromLines].filter((address): address is Address => address !== null);
}

/** The agent directory as the editor shows it: one agent a line, "email, name, sip:uri". */
export function agentsToText(agents: readonly AgentEntry[]): string {
  return agents.map((agent) => [agent.email, agent.name, agent.sip_uri].join(', ')).join('\n');
}

/**
 * The editor's text → directory entries, or the first line that can't be read. Each line is
 * "email, name, sip:uri" (the name may be left out: "email, sip:uri"). Main validates again.
 */
export function agentsFromText(text: string): { ok: true; agents: AgentEntry[] } | { ok: false; message: string } {
  const agents: AgentEntry[] = [];
  const lines = text.split(/\r?\n/);
  for (const [index, raw] of lines.entries()) {
    const line = raw.trim();
    if (!line) continue;
    const parts = line.split(',').map((part) => part.trim());
    const email = parts[0] ?? '';
    const sipUri = parts.at(-1) ?? '';
    const name = parts.length >= 3 ? parts.slice(1, -1).join(', ') : '';
    if (parts.length < 2 || !email.includes('@') || !/^sips?:/i.test(sipUri)) {
      return { ok: false, message: `Line ${index + 1}: write it as "email, name, sip:user@host"` };
    }
    agents.push({ email, name, sip_uri: sipUri });
  }
  return { ok: true, agents };
}

/** A contact from the directory as a destination: its E.164 number, named. */
export function contactAddress(contact: Pick<DeskContact, 'name' | 'phone_number'>): Address {
  return { type: 'tel', target: contact.phone_number, target_name: '', name: contact.name, detail: '' };
}

/** A saved group definition (by name) as a nested destination. */
export function savedGroupAddress(name: string): Address {
  return { type: 'groupcall', target: name, target_name: '', name: '', detail: '' };
}

export interface GroupFormChoices {
  readonly lines: string;
  readonly agents: readonly string[];
  readonly contacts: readonly DeskContact[];
  readonly savedGroups: readonly string[];
}

/** Everything the form picked, in the order shown: agents, contacts, saved groups, typed lines. */
export function destinationsOf(choices: GroupFormChoices, directory: readonly AgentEntry[]): Address[] {
  const typed = addressesOf(choices.lines, choices.agents, directory);
  const fromAgents = typed.slice(0, choices.agents.length);
  const fromLines = typed.slice(choices.agents.length);
  return [...fromAgents, ...choices.contacts.map(contactAddress), ...choices.savedGroups.map(savedGroupAddress), ...fromLines];
}

/** The saved list with `definition` added, or replacing the one with its name (case-insensitive). */
export function withDefinition(definitions: readonly GroupDefinition[], definition: GroupDefinition): GroupDefinition[] {
  const key = definition.name.toLowerCase();
  const index = definitions.findIndex((entry) => entry.name.toLowerCase() === key);
  if (index < 0) return [...definitions, definition];
  return definitions.map((entry, i) => (i === index ? definition : entry));
}

/** A contact matches the filter by name or by digits of its number. */
export function contactMatches(contact: Pick<DeskContact, 'name' | 'phone_number'>, filter: string): boolean {
  const text = filter.trim().toLowerCase();
  if (!text) return true;
  if (contact.name.toLowerCase().includes(text)) return true;
  const digits = text.replace(/\D/g, '');
  return digits.length > 0 && contact.phone_number.includes(digits);
}
