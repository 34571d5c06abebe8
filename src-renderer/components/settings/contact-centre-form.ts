/**
 * The contact-centre part of Settings (issue 3): this desk's agent, outbound numbers, languages
 * and menus, as a flat draft the form edits and a patch of only what changed. Lists are typed one
 * item per line; the contract's schema has the last word.
 */
import { SettingsPatch, type MenuSettings, type Settings } from '../../../src-main/contract/settings.js';

export interface ContactCentreDraft {
  agent_email: string;
  agent_name: string;
  can_place_calls: boolean;
  /** One E.164 number per line. */
  outbound_text: string;
  /** '' for none. */
  default_outbound: string;
  /** Comma- or space-separated ISO 639-1 codes. */
  languages_text: string;
  /** One menu per line: id, name, type, state. */
  menus_text: string;
  /** dial.confirm_before_dial: click-to-dial waits for Enter. */
  confirm_before_dial: boolean;
}

export function contactCentreDraftFrom(settings: Settings): ContactCentreDraft {
  return {
    agent_email: settings.agent.email,
    agent_name: settings.agent.name,
    can_place_calls: settings.agent.can_place_calls,
    outbound_text: settings.outbound_numbers.join('\n'),
    default_outbound: settings.default_outbound_number ?? '',
    languages_text: settings.languages.join(', '),
    menus_text: settings.menus.map((menu) => `${menu.id}, ${menu.name}, ${menu.type}, ${menu.state}`).join('\n'),
    confirm_before_dial: settings.dial.confirm_before_dial,
  };
}

export type ContactCentrePatch = Pick<SettingsPatch, 'agent' | 'outbound_numbers' | 'default_outbound_number' | 'languages' | 'menus' | 'dial'>;

export function buildContactCentrePatch(
  draft: ContactCentreDraft,
  current: Settings,
): { ok: true; patch: ContactCentrePatch } | { ok: false; message: string } {
  const lines = (text: string) => text.split(/\r?\n/).map((line) => line.trim()).filter(Boolean);
  const outbound = lines(draft.outbound_text).map((line) => line.replace(/[\s().-]/g, ''));
  const languages = draft.languages_text.split(/[\s,]+/).map((code) => code.trim().toLowerCase()).filter(Boolean);
  const menus: MenuSettings[] = [];
  for (const [index, line] of lines(draft.menus_text).entries()) {
    const [id, name, type, state = 'open'] = line.split(',').map((part) => part.trim());
    if (!id || !name || !type) return { ok: false, message: `Menu line ${index + 1}: write "id, name, type, state", e.g. "9, Support, ivr, open"` };
    menus.push({ id: Number(id), name, type: type as MenuSettings['type'], state: state as MenuSettings['state'] });
  }
  const defaultNumber = draft.default_outbound.trim() === '' ? null : draft.default_outbound.trim();
  if (defaultNumber !== null && !outbound.includes(defaultNumber)) {
    return { ok: false, message: `The default outbound number ${defaultNumber} is not in the list of outbound numbers` };
  }

  const patch: ContactCentrePatch = {};
  const agent = { email: draft.agent_email.trim(), name: draft.agent_name.trim(), can_place_calls: draft.can_place_calls };
  if (JSON.stringify(agent) !== JSON.stringify(current.agent)) patch.agent = agent;
  if (JSON.stringify(outbound) !== JSON.stringify(current.outbound_numbers)) patch.outbound_numbers = outbound;
  if (defaultNumber !== current.default_outbound_number) patch.default_outbound_number = defaultNumber;
  if (JSON.stringify(languages) !== JSON.stringify(current.languages)) patch.languages = languages;
  if (JSON.stringify(menus) !== JSON.stringify(current.menus)) patch.menus = menus;
  if (draft.confirm_before_dial !== current.dial.confirm_before_dial) patch.dial = { confirm_before_dial: draft.confirm_before_dial };

  const checked = SettingsPatch.safeParse(patch);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    const where = issue ? issue.path.map((part) => (typeof part === 'number' ? `#${part + 1}` : String(part))).join(' ') : '';
    return { ok: false, message: `${where.replace('_', ' ')}: ${issue?.message ?? 'invalid'}` };
  }
  return { ok: true, patch };
}
