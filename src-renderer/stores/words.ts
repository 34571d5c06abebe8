/**
 * Every sentence the desk shows about a call or the registration, derived from snapshots.
 * Pure: no Vue, no DOM, so it is unit-tested in node and shared by components and stores.
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import type { CallSnapshot, EndReason } from '../../src-main/contract/call.js';
import { DESK_FAILURE_CODES, TERMINAL_STATES } from '../../src-main/contract/call.js';
import type { Registration } from '../../src-main/contract/desk.js';

export function isTerminal(call: Pick<CallSnapshot, 'state'>): boolean {
  return TERMINAL_STATES.has(call.state);
}

/** An incoming call still waiting for someone to answer it. */
export function isRinging(call: Pick<CallSnapshot, 'direction' | 'state'>): boolean {
  return call.direction === 'INCOMING' && call.state === 'RINGING';
}

/** The far side's address as the record stores it (what "call back" dials). */
export function remoteAddress(call: Pick<CallSnapshot, 'direction' | 'from' | 'to'>): string {
  return call.direction === 'INCOMING' ? call.from : call.to;
}

const PHONE_LIKE = /^\+?[\d\s().-]{3,}$/;

/**
 * A SIP URI or number the way a person reads it: "sip:1002@sip.test" → "1002",
 * "sip:+442079460018@sip.test" → "+44 20 7946 0018", "sip:alice@example.com" → "alice@example.com".
 */
export function displayAddress(address: string): string {
  let text = address.trim();
  const angle = /<([^>]+)>/.exec(text);
  if (angle?.[1]) text = angle[1];
  text = text.replace(/^(sips?|tel):/i, '');
  text = text.split(';')[0] ?? text;
  const at = text.indexOf('@');
  const user = at >= 0 ? text.slice(0, at) : text;
  if (PHONE_LIKE.test(user)) {
    if (user.startsWith('+')) {
      const parsed = parsePhoneNumberFromString(user);
      if (parsed?.isPossible()) return parsed.formatInternational();
    }
    return user;
  }
  return text;
}

export interface Party {
  /** The display name SIP gave, or null. */
  name: string | null;
  /** The address for people: a number, an extension or user@host. */
  address: string;
  /** Name when known, else the address: the one label for buttons ("Call back Alice"). */
  label: string;
}

export function partyOf(call: Pick<CallSnapshot, 'direction' | 'from' | 'to' | 'remote_name'>): Party {
  const address = displayAddress(remoteAddress(call));
  const name = call.remote_name?.trim() ? call.remote_name.trim() : null;
  return { name, address, label: name ?? (address || 'Unknown caller') };
}

/** The live state of a call in words, for the call card. */
export function liveStateWords(call: Pick<CallSnapshot, 'direction' | 'state' | 'held'>): string {
  if (isTerminal(call)) return outcomeWords({ ...call, end_reason: null });
  if (call.held) return 'On hold';
  switch (call.state) {
    case 'QUEUED':
    case 'STARTING':
      return call.direction === 'OUTGOING' ? 'Calling…' : 'Connecting…';
    case 'RINGING':
      return call.direction === 'OUTGOING' ? 'Ringing…' : 'Incoming call';
    case 'IN_PROGRESS':
      return 'Connected';
    default:
      return 'Ended';
  }
}

const REASON_WORDS: Record<EndReason, string> = {
  completed: 'Answered',
  busy: 'Busy',
  declined: 'Declined',
  rejected: 'Rejected',
  no_answer: 'No answer',
  cancelled: 'Cancelled',
  missed: 'Missed',
  answered_elsewhere: 'Answered elsewhere',
  unavailable: 'Unavailable',
  not_found: 'Not found',
  failed: 'Failed',
  transferred: 'Transferred',
  network: 'Connection lost',
  desk_closed: 'Desk closed',
  host_restart: 'App restarted',
};

/** How an ended call turned out, for history rows and the "call ended" line. */
export function outcomeWords(call: Pick<CallSnapshot, 'state' | 'end_reason'>): string {
  if (call.end_reason) return REASON_WORDS[call.end_reason];
  switch (call.state) {
    case 'COMPLETED':
      return 'Answered';
    case 'BUSY':
      return 'Busy';
    case 'REJECTED':
      return 'Declined';
    case 'NOT_ANSWERED':
      return 'No answer';
    case 'FAILED':
      return 'Failed';
    default:
      return 'In progress';
  }
}

/** Outcomes worth a warning tint in history (always paired with the word). */
export function outcomeTone(call: Pick<CallSnapshot, 'state' | 'end_reason'>): 'good' | 'warn' | 'bad' | 'neutral' {
  const reason = call.end_reason;
  if (reason === 'missed') return 'bad';
  if (reason === 'completed' || (!reason && call.state === 'COMPLETED')) return 'good';
  if (reason === 'answered_elsewhere' || reason === 'cancelled') return 'neutral';
  if (reason === 'transferred') return 'good';
  if (reason === 'failed' || reason === 'network' || reason === 'desk_closed' || reason === 'host_restart') return 'bad';
  return 'warn';
}

/** "12.345s" (seed 003 Duration) → seconds; null when absent or unreadable. */
export function parseDuration(duration: string | null): number | null {
  if (!duration) return null;
  const match = /^(\d+(?:\.\d+)?)s$/.exec(duration.trim());
  return match?.[1] ? Number(match[1]) : null;
}

/** Seconds → "m:ss" under an hour, "h:mm:ss" above. Negative clamps to 0. */
export function formatClock(totalSeconds: number): string {
  const whole = Math.max(0, Math.floor(totalSeconds));
  const hours = Math.floor(whole / 3600);
  const minutes = Math.floor((whole % 3600) / 60);
  const seconds = whole % 60;
  const ss = String(seconds).padStart(2, '0');
  if (hours > 0) return `${hours}:${String(minutes).padStart(2, '0')}:${ss}`;
  return `${String(minutes).padStart(2, '0')}:${ss}`;
}

/** Seconds since the call was answered, or null before the answer. Derived from the clock, never stored. */
export function elapsedSeconds(call: Pick<CallSnapshot, 'answer_time'>, nowMs: number): number | null {
  if (!call.answer_time) return null;
  const answered = Date.parse(call.answer_time);
  if (Number.isNaN(answered)) return null;
  return Math.max(0, (nowMs - answered) / 1000);
}

/** The short line shown (and announced) for a few seconds after a call ends. */
export function endedLine(call: CallSnapshot): string {
  // The desk's own failures carry a sentence written for the agent ("Could not answer: no
  // microphone was found"): say that, not just "Failed".
  if (call.end_reason === 'failed' && call.error_message && DESK_FAILURES.has(call.error_code ?? '')) return call.error_message;
  const outcome = outcomeWords(call);
  if (outcome === 'Answered') {
    const seconds = parseDuration(call.answer_duration);
    return seconds === null ? 'Call ended' : `Call ended — ${formatClock(seconds)}`;
  }
  return `Call ended — ${outcome}`;
}

const DESK_FAILURES: ReadonlySet<string> = new Set(DESK_FAILURE_CODES);

/** The registration indicator's sentence. `now` only matters while reconnecting. */
export function registrationWords(registration: Registration, accountUri: string, nowMs: number): string {
  switch (registration.state) {
    case 'unconfigured':
      return 'No SIP account — open Settings';
    case 'registering':
      return 'Registering…';
    case 'registered': {
      const user = accountUser(accountUri);
      return user ? `Registered as ${user}` : 'Registered';
    }
    case 'reconnecting': {
      if (registration.next_attempt_at === null) return 'Reconnecting…';
      const seconds = Math.ceil((registration.next_attempt_at - nowMs) / 1000);
      return seconds > 0 ? `Reconnecting in ${seconds} s` : 'Reconnecting…';
    }
    case 'failed':
      return registration.reason ? `Not registered: ${registration.reason}` : 'Not registered';
  }
}

/** "sip:1001@sip.test" → "1001". */
export function accountUser(uri: string): string {
  const match = /^sips?:([^@;]+)@/i.exec(uri.trim());
  return match?.[1] ?? '';
}

/** A history row's time: relative today ("5 min ago"), absolute otherwise. */
export function historyTime(iso: string, nowMs: number, locale?: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return '';
  const now = new Date(nowMs);
  const sameDay =
    at.getFullYear() === now.getFullYear() && at.getMonth() === now.getMonth() && at.getDate() === now.getDate();
  if (sameDay) {
    const minutes = Math.round((nowMs - at.getTime()) / 60_000);
    if (minutes < 1) return 'just now';
    if (minutes < 60) return `${minutes} min ago`;
    const hours = Math.floor(minutes / 60);
    return `${hours} h ago`;
  }
  const yesterday = new Date(now.getFullYear(), now.getMonth(), now.getDate() - 1);
  const time = at.toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit' });
  if (at.getFullYear() === yesterday.getFullYear() && at.getMonth() === yesterday.getMonth() && at.getDate() === yesterday.getDate()) {
    return `Yesterday ${time}`;
  }
  const sameYear = at.getFullYear() === now.getFullYear();
  const date = at.toLocaleDateString(locale, sameYear ? { day: 'numeric', month: 'short' } : { day: 'numeric', month: 'short', year: 'numeric' });
  return `${date}, ${time}`;
}

/** The full timestamp for a title attribute. */
export function fullTimestamp(iso: string, locale?: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  return at.toLocaleString(locale, { dateStyle: 'full', timeStyle: 'medium' });
}
