/**
 * What the scheduler does with one undialled item at a given wall time: a pure function, so the
 * rules are tested one by one and the model-based test can ask "is everything caught up?".
 *
 * With L = lead, E = expiry window, G = overdue grace (all ms) and `due` the item's time:
 *   now < due − L                     → nothing until due − L
 *   due − L ≤ now < due, waiting      → prompt (the agent is pulled, like a ring)
 *   due − L ≤ now < due, otherwise    → nothing until due (an accepted item dials at due, never before)
 *   now ≥ due, accepted or auto-dial  → dial if now − due ≤ G, else missed
 *   now ≥ due, waiting on the agent   → prompt while now − due < E; then expired if the agent
 *                                       was prompted, missed if the app never got to prompt
 * The grace only matters when the scheduler finds an item late (the app was closed or asleep at
 * its time); awake, the timer fires at `due` exactly.
 */
import type { ScheduledItem } from './scheduled-item.js';

export interface SchedulerPolicy {
  readonly leadMs: number;
  readonly expiryMs: number;
  readonly graceMs: number;
  readonly autoDial: boolean;
}

export type Decision =
  | { readonly action: 'none'; readonly wakeAt: number }
  | { readonly action: 'prompt' }
  | { readonly action: 'dial' }
  | { readonly action: 'expire' }
  | { readonly action: 'miss' };

export function decide(item: Pick<ScheduledItem, 'due' | 'stage'>, now: number, policy: SchedulerPolicy): Decision {
  const { due, stage } = item;
  if (now < due - policy.leadMs) return { action: 'none', wakeAt: due - policy.leadMs };
  if (now < due) return stage === 'waiting' ? { action: 'prompt' } : { action: 'none', wakeAt: due };
  const late = now - due;
  if (stage === 'accepted' || policy.autoDial) return late <= policy.graceMs ? { action: 'dial' } : { action: 'miss' };
  if (late < policy.expiryMs) return stage === 'waiting' ? { action: 'prompt' } : { action: 'none', wakeAt: due + policy.expiryMs };
  return stage === 'prompted' ? { action: 'expire' } : { action: 'miss' };
}

/** Settings (minutes) as the policy (ms). */
export function policyOf(settings: {
  lead_minutes: number;
  expiry_minutes: number;
  overdue_grace_minutes: number;
  auto_dial: boolean;
}): SchedulerPolicy {
  return {
    leadMs: settings.lead_minutes * 60_000,
    expiryMs: settings.expiry_minutes * 60_000,
    graceMs: settings.overdue_grace_minutes * 60_000,
    autoDial: settings.auto_dial,
  };
}
