/**
 * What "Merge" brings together, for the conference view's button and its shortcut alike: every
 * connected call that is not in the conference yet (a supervisor's join call never counts), plus
 * the conference itself, anchored by one of its joined calls. Pure, so both read one rule.
 */
import type { CallSnapshot } from '../../../src-main/contract/call.js';
import type { ConferenceSnapshot } from '../../../src-main/contract/conference.js';

type MergeCall = Pick<CallSnapshot, 'id' | 'state' | 'labels'>;
type MergeConference = Pick<ConferenceSnapshot, 'conferencecalls'>;

export interface MergePlan {
  /** The calls to send to `conferences.merge`: the conference's anchor first, if there is one. */
  callIds: string[];
  /** How many calls the button names: the conference counts as one. */
  count: number;
}

/** Null when there are not two things to merge. */
export function mergePlan(liveCalls: readonly MergeCall[], conference: MergeConference | null): MergePlan | null {
  const inConference = new Set(conference?.conferencecalls.filter((m) => m.status !== 'leaved').map((m) => m.reference_id));
  const outside = liveCalls
    .filter((c) => c.state === 'IN_PROGRESS' && !inConference.has(c.id) && !c.labels.supervisor_mode)
    .map((c) => c.id);
  const anchor = conference?.conferencecalls.find((m) => m.status === 'joined')?.reference_id;
  const count = outside.length + (anchor ? 1 : 0);
  if (outside.length === 0 || count < 2) return null;
  return { callIds: anchor ? [anchor, ...outside] : outside, count };
}
