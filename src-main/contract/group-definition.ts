/**
 * Saved group definitions (settings `group_definitions`): a named group that rings nothing by
 * itself. A group call nests one with a `groupcall` destination naming it, or rings it directly
 * from the panel. It keeps seed 000's Groupcall untouched: a definition is not a group call, has
 * no id, no call_ids and no times. Pure: zod only.
 */
import { z } from 'zod';
import { TimeoutSeconds } from './call.js';
import { Address, MAX_LEGS, RingMethod } from './group-call.js';

export const GroupDefinition = z
  .object({
    /** How `groupcall` destinations name it; unique, case-insensitively. */
    name: z.string().trim().min(1, 'a saved group needs a name').max(64).regex(/^[^\r\n]*$/, 'name must be one line'),
    ring_method: RingMethod.default('ring_all'),
    destinations: z.array(Address).min(1, 'destinations must list at least one address').max(MAX_LEGS),
    /** Per-leg ring time when this definition is rung as the top group (nested: the top group's). */
    timeout_seconds: TimeoutSeconds.default(30),
  })
  .strict();
export type GroupDefinition = z.infer<typeof GroupDefinition>;

export const GroupDefinitions = z
  .array(GroupDefinition)
  .max(200)
  .superRefine((definitions, ctx) => {
    const seen = new Set<string>();
    definitions.forEach((definition, index) => {
      const key = definition.name.toLowerCase();
      if (seen.has(key)) ctx.addIssue({ code: 'custom', path: [index, 'name'], message: `a saved group named "${definition.name}" is listed twice` });
      seen.add(key);
    });
  });

/** The saved definition with this name (case-insensitive), if any. */
export function findDefinition(definitions: readonly GroupDefinition[], name: string): GroupDefinition | undefined {
  const key = name.trim().toLowerCase();
  return definitions.find((definition) => definition.name.toLowerCase() === key);
}
