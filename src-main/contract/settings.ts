/**
 * settings.json: nested JSON, one section per concern. Every section has defaults so that
 * `{}` is a valid file; later issues add sections (api, agent, outbound_numbers, ...).
 * Unknown keys are refused so that a typo is reported instead of silently ignored.
 */
import { z } from 'zod';
import { SupervisorList } from './conference.js';

const WS_URL = /^wss?:\/\/[^\s/]+(\/\S*)?$/i;
const SIP_URI = /^sips?:[^\s@]+@[^\s@;]+(;\S*)?$/i;

export const SipSettings = z
  .object({
    /** WebSocket server, e.g. wss://sip.example.com:8443/ws */
    server: z
      .string()
      .regex(WS_URL, 'must be a WebSocket URL starting with wss:// or ws://')
      .or(z.literal(''))
      .default(''),
    /** The account's address of record, e.g. sip:agent1@example.com */
    uri: z
      .string()
      .regex(SIP_URI, 'must be a SIP address like sip:agent1@example.com')
      .or(z.literal(''))
      .default(''),
    /** Digest auth user; empty means the user part of `uri`. */
    username: z.string().default(''),
    /**
     * Digest password. The desktop app moves it into the OS keystore and leaves this empty;
     * browser mode keeps it here (the file is written owner-only).
     */
    password: z.string().default(''),
    display_name: z.string().default(''),
    /** How DTMF digits are sent: RFC 4733 telephone-events, or SIP INFO (application/dtmf-relay). */
    dtmf: z.enum(['rfc4733', 'info']).default('rfc4733'),
    /** ICE servers, e.g. [{ "urls": "stun:stun.example.com" }]. Empty: host candidates only. */
    ice_servers: z
      .array(
        z
          .object({
            urls: z.union([z.string(), z.array(z.string())]),
            username: z.string().optional(),
            credential: z.string().optional(),
          })
          .strict(),
      )
      .default([]),
  })
  .strict();
export type SipSettings = z.infer<typeof SipSettings>;

export const DialSettings = z
  .object({
    /** ISO 3166-1 alpha-2 country used to read national numbers, e.g. "GB". */
    default_country: z
      .string()
      .regex(/^[A-Z]{2}$/, 'must be a two-letter country code such as "US" or "GB"')
      .default('US'),
  })
  .strict();

export const AudioSettings = z
  .object({
    /** MediaDeviceInfo.deviceId; empty means the system default. */
    microphone_id: z.string().default(''),
    speaker_id: z.string().default(''),
    ringer_id: z.string().default(''),
    ring_volume: z.number().min(0).max(1).default(0.6),
  })
  .strict();

/** A colleague in the directory: group calls ring `agent` destinations by their email. */
export const AgentEntry = z
  .object({
    email: z.string().trim().email('must be an email address like ana@example.com'),
    name: z.string().trim().max(128).default(''),
    sip_uri: z.string().regex(SIP_URI, 'must be a SIP address like sip:agent1@example.com'),
  })
  .strict();
export type AgentEntry = z.infer<typeof AgentEntry>;

export const AgentDirectory = z
  .array(AgentEntry)
  .max(500)
  .superRefine((agents, ctx) => {
    const seen = new Set<string>();
    agents.forEach((agent, index) => {
      const key = agent.email.toLowerCase();
      if (seen.has(key)) ctx.addIssue({ code: 'custom', path: [index, 'email'], message: `${agent.email} is listed twice` });
      seen.add(key);
    });
  });

export const Settings = z
  .object({
    sip: SipSettings.default(SipSettings.parse({})),
    dial: DialSettings.default(DialSettings.parse({})),
    audio: AudioSettings.default(AudioSettings.parse({})),
    /** Supervisors whose join requests this desk answers by itself (docs/conferences.md). */
    supervisors: SupervisorList.default([]),
    agents: AgentDirectory.default([]),
  })
  .strict();
export type Settings = z.infer<typeof Settings>;

/**
 * A partial update from the UI: each section merged key by key. Built without the defaults
 * (zod's partial() would keep them and fill every absent key, wiping what the user set).
 */
function patchOf<Shape extends z.ZodRawShape>(section: z.ZodObject<Shape>) {
  const shape = Object.fromEntries(
    Object.entries(section.shape).map(([key, field]) => [
      key,
      (field instanceof z.ZodDefault ? (field.unwrap() as z.ZodType) : (field as z.ZodType)).optional(),
    ]),
  ) as unknown as { [K in keyof Shape]: z.ZodOptional<Shape[K] extends z.ZodDefault<infer Inner> ? Inner : Shape[K]> };
  return z.object(shape).strict();
}

export const SettingsPatch = z
  .object({
    sip: patchOf(SipSettings).optional(),
    dial: patchOf(DialSettings).optional(),
    audio: patchOf(AudioSettings).optional(),
    supervisors: SupervisorList.optional(),
    /** The whole directory: a list is replaced, not merged. */
    agents: AgentDirectory.optional(),
  })
  .strict();
export type SettingsPatch = z.infer<typeof SettingsPatch>;

export function defaultSettings(): Settings {
  return Settings.parse({});
}
