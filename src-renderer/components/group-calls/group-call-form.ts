/**
 * The group call form's destinations → seed 000 Addresses. Pure, so it is unit-tested in node.
 * One destination per line: an agent's email from the directory, `group:<name>` for another
 * group call, a `sip:` address, a +number, or anything else the dial plan reads (extension,
 * national number, user@host).
 */
import type { Address } from '../../../src-main/contract/group-call.js';
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
