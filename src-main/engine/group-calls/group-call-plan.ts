/**
 * A group call's plan: its destinations expanded into a tree before anything is dialled, so
 * that every bad input (unknown agent, unreadable number, unknown or cyclic nested group, too
 * deep a nesting, too many legs) is refused at creation and nothing is written.
 *
 * A `groupcall` destination names, in this order: a group call by id; a saved group definition
 * by name (settings `group_definitions`, case-insensitive: a group that rings nothing until it is
 * nested); the newest group call with that name that is not deleted. The nested group rings with
 * its own ring method and its own destinations, as they are when this group is created.
 */
import { MAX_LEGS, MAX_NESTING_DEPTH, type Address, type RingMethod } from '../../contract/group-call.js';
import { findDefinition } from '../../contract/group-definition.js';
import { DeskError } from '../../contract/result.js';
import type { Settings } from '../../contract/settings.js';
import { domainOf, resolveDialTarget } from '../dial-plan.js';
import type { GroupCallRepository } from '../ports/group-call-repository.js';

export type PlanNode = PlanLeg | PlanGroup;

export interface PlanLeg {
  readonly kind: 'leg';
  readonly address: Address;
  /** What the call engine dials: a SIP address, an extension or a phone number. */
  readonly dialTarget: string;
}

export interface PlanGroup {
  readonly kind: 'group';
  readonly name: string;
  readonly ringMethod: RingMethod;
  readonly children: readonly PlanNode[];
}

export interface PlanInput {
  readonly name: string;
  readonly ringMethod: RingMethod;
  readonly destinations: readonly Address[];
}

export function buildPlan(input: PlanInput, settings: Settings, groups: GroupCallRepository): PlanGroup {
  let legs = 0;
  const expand = (group: PlanInput, path: readonly string[], depth: number): PlanGroup => {
    const children = group.destinations.map((address): PlanNode => {
      if (address.type !== 'groupcall') {
        legs += 1;
        if (legs > MAX_LEGS) throw badRequest(`a group call may place at most ${MAX_LEGS} legs, nested groups included`);
        return { kind: 'leg', address, dialTarget: dialTargetOf(address, settings) };
      }
      const nested = nestedGroupOf(address.target, settings, groups);
      if (!nested) {
        throw badRequest(`groupcall destination "${address.target}" names no group call or saved group (give an id or a name)`);
      }
      const key = nested.name || nested.id;
      if (path.some((step) => step.toLowerCase() === key.toLowerCase())) {
        throw badRequest(`groupcall destinations form a cycle: ${[...path, key].join(' → ')}`);
      }
      if (depth + 1 > MAX_NESTING_DEPTH) {
        throw badRequest(`group calls nest at most ${MAX_NESTING_DEPTH} deep: ${[...path, key].join(' → ')}`);
      }
      return expand(
        { name: nested.name, ringMethod: nested.ringMethod, destinations: nested.destinations },
        [...path, key],
        depth + 1,
      );
    });
    return { kind: 'group', name: group.name, ringMethod: group.ringMethod, children };
  };
  return expand(input, [input.name || 'this group call'], 0);
}

/** What a `groupcall` destination names: a group call by id, a saved definition, a group call by name. */
function nestedGroupOf(
  target: string,
  settings: Settings,
  groups: GroupCallRepository,
): (PlanInput & { readonly id: string }) | undefined {
  const byId = groups.get(target);
  if (byId && byId.tm_delete === null) return { id: byId.id, name: byId.name, ringMethod: byId.ring_method, destinations: byId.destinations };
  const definition = findDefinition(settings.group_definitions, target);
  if (definition) return { id: definition.name, name: definition.name, ringMethod: definition.ring_method, destinations: definition.destinations };
  const byName = groups.findByName(target);
  if (byName && byName.tm_delete === null) return { id: byName.id, name: byName.name, ringMethod: byName.ring_method, destinations: byName.destinations };
  return undefined;
}

/** The leg's dial string, checked now so that a bad one is a 400, not a failed leg. */
function dialTargetOf(address: Address, settings: Settings): string {
  let target = address.target;
  if (address.type === 'agent') {
    const email = target.toLowerCase();
    const agent = settings.agents.find((entry) => entry.email.toLowerCase() === email);
    if (!agent) throw badRequest(`agent destination "${target}" is not in the agent directory (Settings → Agents)`);
    target = agent.sip_uri;
  }
  try {
    resolveDialTarget(target, { domain: domainOf(settings.sip.uri), defaultCountry: settings.dial.default_country });
  } catch (error) {
    throw badRequest(`${address.type} destination "${address.target}": ${error instanceof Error ? error.message : String(error)}`);
  }
  return target;
}

function badRequest(message: string): DeskError {
  return new DeskError('bad_request', message);
}
