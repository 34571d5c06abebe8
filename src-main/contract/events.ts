/** Every event main pushes to the renderer. */
import { z } from 'zod';
import { CallSnapshot } from './call.js';
import { ConferenceSnapshot } from './conference.js';
import { AgentStatus, DeskRole, Registration } from './desk.js';
import { GroupCall } from './group-call.js';
import { Settings } from './settings.js';
import { TelephonyCommand } from './telephony.js';
import { NumberChoice } from './number-choice.js';
import { CallbackPrompt } from './callback.js';
import { DeskContact } from './contact.js';

export const EVENTS = {
  /** A call record changed (any field). Sent to every connection. */
  'call.updated': CallSnapshot,
  /** Sent only to the active desk: carry out this telephony command. */
  'telephony.command': TelephonyCommand,
  'desk.role': DeskRole,
  'agent.status': AgentStatus,
  /**
   * Whether an ordinary incoming call would ring now (Available and not reserved for a callback):
   * the desk window draws a ring as its INVITE arrives when this is true (README, Answering).
   */
  'desk.rings_new_calls': z.boolean(),
  'registration.changed': Registration,
  'settings.changed': Settings,
  /** A conference or one of its conferencecalls changed. Sent to every connection. */
  'conference.updated': ConferenceSnapshot,
  /** A group call changed (a leg placed, answered, ended, the group hung up or deleted). */
  'groupcall.updated': GroupCall,
  /** An API call waits for the agent to pick its outbound number (HTTP 202 flow). */
  'api.number_choice_requested': NumberChoice,
  /** That choice was made or declined (here or in another tab). */
  'api.number_choice_settled': z.object({ id: z.string() }),
  /** Click-to-dial: put this in the dial field and focus it (the agent confirms with Enter). */
  'desk.dial_request': z.object({ target: z.string() }),
  /** A callback is about to be due: show the prompt (Accept / Not now), like a ring. */
  'callback.prompt': CallbackPrompt,
  'callback.prompt_cleared': z.object({ id: z.string() }),
  /** A callback was scheduled, edited, cancelled, dialled or ended: refresh the Callbacks panel. */
  'callbacks.changed': z.object({ id: z.string() }),
  /** A contact was added or changed (from REST or any desk tab): reload the directory. */
  'contacts.changed': DeskContact,
} as const;

export type EventName = keyof typeof EVENTS;
export type EventPayload<E extends EventName> = z.infer<(typeof EVENTS)[E]>;
