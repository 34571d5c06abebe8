/**
 * settings.json: nested JSON, one section per concern. Every section has defaults so that
 * `{}` is a valid file; later issues add sections (api, agent, outbound_numbers, ...).
 * Unknown keys are refused so that a typo is reported instead of silently ignored.
 */
import { z } from 'zod';
import { SupervisorList } from './conference.js';
import { GroupDefinitions } from './group-definition.js';

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
    /** Click-to-dial (tel:/sip:/callto: links, --dial) fills the dial field and waits for Enter. */
    confirm_before_dial: z.boolean().default(true),
  })
  .strict();

export const AudioSettings = z
  .object({
    /** MediaDeviceInfo.deviceId; empty means the system default. */
    microphone_id: z.string().default(''),
    speaker_id: z.string().default(''),
    ringer_id: z.string().default(''),
    ring_volume: z.number().min(0).max(1).default(0.6),
    /**
     * Open the microphone as soon as a call rings, so that the answer need not wait for the
     * device (15–25 ms here; longer for a headset that must switch to its microphone). Nothing is
     * sent before the answer; the capture closes when the ring ends unanswered.
     */
    open_microphone_while_ringing: z.boolean().default(true),
    /**
     * Play the far end's audio before it answers (early media: SDP in a 183, a carrier's ringback
     * or announcement) instead of our ringback. Off: the 18x's media is not used and our ringback
     * plays, for networks whose early media is silent.
     */
    play_early_media: z.boolean().default(true),
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
// ── Local API and contact-centre sections (issue 3) ─────────────────────────

/** E.164: a plus, then 2 to 15 digits, the first not zero. */
export const E164 = z.string().regex(/^\+[1-9]\d{1,14}$/, 'must be an E.164 number such as +442071838750');

export const ApiSettings = z
  .object({
    /** Bearer token of the local API. Empty: generated and saved at the next start. */
    token: z.string().default(''),
    /** The desktop app's API port on 127.0.0.1 (browser mode serves the API on the UI's port). */
    port: z.number().int().min(1).max(65535).default(5176),
    /** CRM origins allowed to call the API from a browser (CORS); they still need the token. */
    allowed_origins: z
      .array(z.string().regex(/^https?:\/\/[^\s/]+$/i, 'must be an origin such as https://crm.example.com'))
      .default([]),
  })
  .strict();

export const AgentSettings = z
  .object({
    /** The agent of this desk: API calls must name this email. */
    email: z.string().default(''),
    name: z.string().default(''),
    can_place_calls: z.boolean().default(true),
  })
  .strict();

export const MENU_TYPES = ['ivr', 'mobile', 'web'] as const;
export const MENU_STATES = ['open', 'after_hours', 'manual_redirection'] as const;
export const MenuSettings = z
  .object({
    id: z.number().int().min(1),
    name: z.string(),
    type: z.enum(MENU_TYPES),
    state: z.enum(MENU_STATES).default('open'),
  })
  .strict();
export type MenuSettings = z.infer<typeof MenuSettings>;

/** Scheduled calls and callbacks (docs/scheduled-calls.md). */
export const SchedulerSettings = z
  .object({
    /** Minutes before the due time when the agent is prompted (notification + in-app prompt). */
    lead_minutes: z.number().int().min(0).max(120).default(2),
    /** Dial at the due time without waiting for the agent to accept. */
    auto_dial: z.boolean().default(false),
    /** Minutes after the due time a prompted callback waits for the agent before it expires. */
    expiry_minutes: z.number().int().min(1).max(1440).default(15),
    /** An accepted (or auto-dial) callback found late after a restart or sleep still fires if at most this late. */
    overdue_grace_minutes: z.number().int().min(0).max(1440).default(10),
  })
  .strict();
export type SchedulerSettings = z.infer<typeof SchedulerSettings>;

export const RealtimeApp = z.object({ id: z.string().min(1), url: z.url() }).strict();

export const Settings = z
  .object({
    sip: SipSettings.default(SipSettings.parse({})),
    dial: DialSettings.default(DialSettings.parse({})),
    audio: AudioSettings.default(AudioSettings.parse({})),
    /** Supervisors whose join requests this desk answers by itself (docs/conferences.md). */
    supervisors: SupervisorList.default([]),
    agents: AgentDirectory.default([]),
    api: ApiSettings.default(ApiSettings.parse({})),
    agent: AgentSettings.default(AgentSettings.parse({})),
    outbound_numbers: z.array(E164).default([]),
    default_outbound_number: E164.nullable().default(null),
    /** Enabled ISO 639-1 codes. */
    languages: z.array(z.string().regex(/^[a-z]{2}$/, 'must be an ISO 639-1 code such as "en"')).default(['en']),
    menus: z.array(MenuSettings).default([]),
    /** Seed 002 real-time apps: calls.realtime POSTs each event of the call to `url`. */
    realtime_apps: z.array(RealtimeApp).default([]),
    /** Saved group definitions that `groupcall` destinations name (docs/group-calls.md). */
    group_definitions: GroupDefinitions.default([]),
    scheduler: SchedulerSettings.default(SchedulerSettings.parse({})),
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
    api: patchOf(ApiSettings).optional(),
    agent: patchOf(AgentSettings).optional(),
    outbound_numbers: z.array(E164).optional(),
    default_outbound_number: E164.nullable().optional(),
    languages: z.array(z.string().regex(/^[a-z]{2}$/)).optional(),
    menus: z.array(MenuSettings).optional(),
    realtime_apps: z.array(RealtimeApp).optional(),
    /** The whole list: replaced, not merged. */
    group_definitions: GroupDefinitions.optional(),
    scheduler: patchOf(SchedulerSettings).optional(),
  })
  .strict();
export type SettingsPatch = z.infer<typeof SettingsPatch>;

export function defaultSettings(): Settings {
  return Settings.parse({});
}
