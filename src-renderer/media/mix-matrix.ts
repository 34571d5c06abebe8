/**
 * Who hears whom in a conference this desk hosts. Pure: the conference mixer's worker sums by
 * this, and the unit tests check every mode.
 *
 *                     hears host   hears participants   hears supervisor      heard by
 *   host (the agent)      –              all            whisper, barge           all
 *   participant          yes        all but itself           barge               –
 *   supervisor           yes             all           (never itself)   by mode: listen nobody,
 *                                                                        whisper the host, barge all
 *
 * Nobody hears themselves. Two supervisors do not hear each other unless one barges (a barging
 * supervisor is heard by everyone, as the issue says).
 */
import type { SupervisorMode } from '../../src-main/contract/conference.js';

/** The host is the agent whose app mixes; it has no call leg of its own. */
export const HOST = 'host';

export type MixMember =
  | { readonly id: string; readonly role: 'participant' }
  | { readonly id: string; readonly role: 'supervisor'; readonly mode: SupervisorMode };

/** Does `listener` (a member id, or HOST) hear `speaker` (a member id, or HOST)? */
export function hears(listener: MixMember | typeof HOST, speaker: MixMember | typeof HOST): boolean {
  if (listener === speaker) return false;
  if (speaker === HOST) return true;
  if (listener !== HOST && listener.id === speaker.id) return false;
  if (speaker.role === 'participant') return true;
  switch (speaker.mode) {
    case 'listen':
      return false;
    case 'whisper':
      return listener === HOST;
    case 'barge':
      return true;
  }
}

/** For each member and for the host: the ids (member ids or HOST) they hear. */
export function mixMatrix(members: readonly MixMember[]): Map<string, string[]> {
  const everyone: Array<MixMember | typeof HOST> = [HOST, ...members];
  const idOf = (member: MixMember | typeof HOST): string => (member === HOST ? HOST : member.id);
  const matrix = new Map<string, string[]>();
  for (const listener of everyone) {
    matrix.set(
      idOf(listener),
      everyone.filter((speaker) => hears(listener, speaker)).map(idOf),
    );
  }
  return matrix;
}
