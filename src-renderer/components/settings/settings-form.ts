/**
 * The settings form's model: a flat draft of every field, read from Settings and turned back into
 * a partial patch of only what changed. Validation uses the contract's own schema, so the field
 * messages are main's messages.
 */
import { SettingsPatch, type Settings } from '../../../src-main/contract/settings.js';

export interface SettingsDraft {
  server: string;
  uri: string;
  username: string;
  password: string;
  display_name: string;
  dtmf: 'rfc4733' | 'info';
  ice_text: string;
  default_country: string;
  microphone_id: string;
  speaker_id: string;
  ringer_id: string;
  /** 0..100 in the form; 0..1 in settings. */
  ring_volume_pct: number;
  open_microphone_while_ringing: boolean;
  play_early_media: boolean;
}

export type FieldKey = keyof SettingsDraft;
export type FieldErrors = Partial<Record<FieldKey, string>>;

/** The form's labels, to turn the schema's "must be …" into a sentence that names the field. */
export const FIELD_LABELS: Record<FieldKey, string> = {
  server: 'WebSocket server',
  uri: 'SIP address',
  username: 'Auth username',
  password: 'Password',
  display_name: 'Display name',
  dtmf: 'DTMF mode',
  ice_text: 'ICE servers',
  default_country: 'Default country',
  microphone_id: 'Microphone',
  speaker_id: 'Speaker',
  ringer_id: 'Ringer',
  ring_volume_pct: 'Ring volume',
  open_microphone_while_ringing: 'Open the microphone while a call rings',
  play_early_media: 'Play the far end’s audio before it answers',
};

function sentence(field: FieldKey, message: string): string {
  return /^[a-z]/.test(message) ? `${FIELD_LABELS[field]} ${message}` : message;
}
type IceServers = Settings['sip']['ice_servers'];

export function draftFrom(settings: Settings): SettingsDraft {
  return {
    server: settings.sip.server,
    uri: settings.sip.uri,
    username: settings.sip.username,
    password: settings.sip.password,
    display_name: settings.sip.display_name,
    dtmf: settings.sip.dtmf,
    ice_text: iceToText(settings.sip.ice_servers),
    default_country: settings.dial.default_country,
    microphone_id: settings.audio.microphone_id,
    speaker_id: settings.audio.speaker_id,
    ringer_id: settings.audio.ringer_id,
    ring_volume_pct: Math.round(settings.audio.ring_volume * 100),
    open_microphone_while_ringing: settings.audio.open_microphone_while_ringing,
    play_early_media: settings.audio.play_early_media,
  };
}

/** Plain URLs one per line when that loses nothing; JSON otherwise (credentials, URL lists). */
export function iceToText(servers: IceServers): string {
  const simple = servers.every((s) => typeof s.urls === 'string' && s.username === undefined && s.credential === undefined);
  if (simple) return servers.map((s) => s.urls as string).join('\n');
  return JSON.stringify(servers, null, 2);
}

export function parseIce(text: string): { ok: true; value: IceServers } | { ok: false; message: string } {
  const trimmed = text.trim();
  if (!trimmed) return { ok: true, value: [] };
  if (trimmed.startsWith('[') || trimmed.startsWith('{')) {
    try {
      const parsed: unknown = JSON.parse(trimmed);
      const list = Array.isArray(parsed) ? parsed : [parsed];
      return { ok: true, value: list as IceServers };
    } catch {
      return { ok: false, message: 'This is not valid JSON. Use one stun: or turn: URL per line, or a JSON list.' };
    }
  }
  const servers: IceServers = [];
  const lines = trimmed.split(/\r?\n/);
  for (const [index, raw] of lines.entries()) {
    const line = raw.trim();
    if (!line) continue;
    if (!/^(stuns?|turns?):\S+$/i.test(line)) {
      return { ok: false, message: `Line ${index + 1} “${line}” is not a STUN or TURN URL (stun:host:port or turn:host:port).` };
    }
    servers.push({ urls: line });
  }
  return { ok: true, value: servers };
}

const SECTION_OF: Record<Exclude<FieldKey, 'ice_text' | 'ring_volume_pct'>, ['sip' | 'dial' | 'audio', string]> = {
  server: ['sip', 'server'],
  uri: ['sip', 'uri'],
  username: ['sip', 'username'],
  password: ['sip', 'password'],
  display_name: ['sip', 'display_name'],
  dtmf: ['sip', 'dtmf'],
  default_country: ['dial', 'default_country'],
  microphone_id: ['audio', 'microphone_id'],
  speaker_id: ['audio', 'speaker_id'],
  ringer_id: ['audio', 'ringer_id'],
  open_microphone_while_ringing: ['audio', 'open_microphone_while_ringing'],
  play_early_media: ['audio', 'play_early_media'],
};

/**
 * The patch for what changed, or field errors. Only changed keys are sent, so a password the
 * desktop keeps in the OS keystore (and shows here as empty) is never overwritten by accident.
 */
export function buildPatch(draft: SettingsDraft, current: Settings): { ok: true; patch: SettingsPatch; empty: boolean } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const patch: { sip?: Record<string, unknown>; dial?: Record<string, unknown>; audio?: Record<string, unknown> } = {};
  const put = (section: 'sip' | 'dial' | 'audio', key: string, value: unknown): void => {
    (patch[section] ??= {})[key] = value;
  };

  const base = draftFrom(current);
  for (const [field, [section, key]] of Object.entries(SECTION_OF) as [keyof typeof SECTION_OF, ['sip' | 'dial' | 'audio', string]][]) {
    const value = typeof draft[field] === 'string' ? (field === 'password' ? draft[field] : draft[field].trim()) : draft[field];
    if (value !== base[field]) put(section, key, value);
  }
  if (draft.ring_volume_pct !== base.ring_volume_pct) put('audio', 'ring_volume', Math.min(100, Math.max(0, draft.ring_volume_pct)) / 100);

  const ice = parseIce(draft.ice_text);
  if (!ice.ok) errors.ice_text = ice.message;
  else if (JSON.stringify(ice.value) !== JSON.stringify(current.sip.ice_servers)) put('sip', 'ice_servers', ice.value);

  const checked = SettingsPatch.safeParse(patch);
  if (!checked.success) {
    for (const issue of checked.error.issues) {
      const [section, key] = issue.path as [string, string];
      const field = fieldFor(section, key);
      if (field && !errors[field]) errors[field] = sentence(field, issue.message);
    }
  }
  if (Object.keys(errors).length) return { ok: false, errors };
  return { ok: true, patch: patch as SettingsPatch, empty: Object.keys(patch).length === 0 };
}

export function fieldFor(section: string, key: string | undefined): FieldKey | null {
  if (section === 'sip' && key === 'ice_servers') return 'ice_text';
  if (section === 'audio' && key === 'ring_volume') return 'ring_volume_pct';
  for (const [field, [s, k]] of Object.entries(SECTION_OF)) {
    if (s === section && k === key) return field as FieldKey;
  }
  return null;
}

/** Main's messages may name the field ("sip.server: must be …"): attach them to it as well. */
export function fieldFromMessage(message: string): FieldKey | null {
  const match = /\b(sip|dial|audio)\.([a-z_]+)\b/.exec(message);
  return match ? fieldFor(match[1] ?? '', match[2]) : null;
}
