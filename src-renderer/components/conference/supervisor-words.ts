/**
 * What the desk says about the supervisors on an agent's conference, in one place: the conference
 * view, the eye badge on the call card and the screen reader's announcements use the same words,
 * so the agent reads and hears the same thing. Pure, unit-tested.
 */
import type { ConferencecallSnapshot, SupervisorMode } from '../../../src-main/contract/conference.js';

export type SupervisorMember = Pick<ConferencecallSnapshot, 'id' | 'role' | 'status' | 'supervisor_name' | 'supervisor_mode'>;

/** What a supervisor in each mode is doing, as seen from the agent. */
export const SUPERVISOR_ACTIVITY: Readonly<Record<SupervisorMode, string>> = {
  listen: 'listening',
  whisper: 'whispering to you',
  barge: 'speaking to everyone',
};

export function supervisorName(member: SupervisorMember): string {
  return member.supervisor_name?.trim() || 'A supervisor';
}

export function supervisorActivity(member: SupervisorMember): string {
  return SUPERVISOR_ACTIVITY[member.supervisor_mode ?? 'listen'];
}

/** "Sam Supervisor is listening". */
export function supervisorSentence(member: SupervisorMember): string {
  return `${supervisorName(member)} is ${supervisorActivity(member)}`;
}

/** The supervisors on the call now: joining (being answered) or joined; not those on their way out. */
export function presentSupervisors<T extends SupervisorMember>(members: readonly T[]): T[] {
  return members.filter((m) => m.role === 'supervisor' && (m.status === 'joining' || m.status === 'joined'));
}

/**
 * What the agent must be told between two readings of a conference's members: a supervisor who
 * came in, switched mode or left. Empty when nothing the agent would notice changed.
 */
export function supervisorChanges(before: readonly SupervisorMember[], after: readonly SupervisorMember[]): string[] {
  const was = new Map(presentSupervisors(before).map((m) => [m.id, m]));
  const now = presentSupervisors(after);
  const sentences: string[] = [];
  for (const member of now) {
    const earlier = was.get(member.id);
    if (!earlier) sentences.push(supervisorSentence(member));
    else if (supervisorActivity(earlier) !== supervisorActivity(member)) {
      sentences.push(`${supervisorName(member)} is now ${supervisorActivity(member)}`);
    }
  }
  const stillHere = new Set(now.map((m) => m.id));
  for (const [id, member] of was) if (!stillHere.has(id)) sentences.push(`${supervisorName(member)} has left the call`);
  return sentences;
}
