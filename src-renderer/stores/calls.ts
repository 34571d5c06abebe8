/**
 * Live calls, mirrored from main's `call.updated` snapshots. The renderer never decides a call's
 * state: actions send commands and the snapshots that come back (as replies and as events) are
 * the only calls drawn, apart from a ring drawn at its INVITE for the moment before main's record
 * of it arrives (early-ring.ts). Terminal snapshots leave the live map and show a short "call
 * ended" line.
 *
 * Invariant kept by the actions: at most one connected call is off hold. Answering or dialling
 * during a call, and switching between calls, hold the current call first.
 */
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { CallSnapshot, CallState } from '../../src-main/contract/call.js';
import type { IncomingLeg } from '../../src-main/contract/telephony.js';
import { answerAtClick } from './answer-at-click.js';
import { call } from './client.js';
import { useDeskStore } from './desk.js';
import { earlyRingSnapshot, sipCallIdOfEarlyRing } from './early-ring.js';
import { isSupervisorJoin, isSupervisorJoinNotAnswered } from './supervisor-join-call.js';
import { isRinging, isTerminal } from './words.js';

/** Why a window that does not carry calls cannot answer one. */
export const ANSWER_ELSEWHERE = 'This call rings in the desk window: answer it there, or choose “Use this window”.';

/** How long the "Call ended — Busy" line stays. */
export const ENDED_NOTICE_MS = 3000;

/** States only move forward; a snapshot that would move a call backwards is a late echo. */
const STATE_RANK: Record<CallState, number> = {
  QUEUED: 0,
  STARTING: 1,
  RINGING: 2,
  IN_PROGRESS: 3,
  COMPLETED: 4,
  FAILED: 4,
  NOT_ANSWERED: 4,
  BUSY: 4,
  REJECTED: 4,
};

/** A group call's leg still ringing out: the group call panel shows it, not the call cards. */
function isUnansweredGroupLeg(call: CallSnapshot): boolean {
  return call.labels.group_call !== undefined && call.state !== 'IN_PROGRESS';
}

function newestFirst(a: CallSnapshot, b: CallSnapshot): number {
  const at = a.answer_time ?? a.create_time;
  const bt = b.answer_time ?? b.create_time;
  return at < bt ? 1 : at > bt ? -1 : 0;
}

/** What the agent did to a ring, while main has not yet said it stopped ringing. */
export type RingResponse = 'answer' | 'decline';

/** A ring drawn at its INVITE (stores/early-ring.ts), until the engine has decided on it. */
interface EarlyRing {
  snapshot: CallSnapshot;
  /** What the agent did to it meanwhile; carried out on main's record once the engine decides. */
  response: RingResponse | null;
  /** Main's record of the same INVITE has arrived: that one is drawn now. */
  recordedAs: string | null;
}

export interface EndedNotice {
  call: CallSnapshot;
  /** Changes on every ended call, so two identical lines in a row are still announced. */
  seq: number;
}

export const useCallsStore = defineStore('calls', () => {
  const byId = ref<Record<string, CallSnapshot>>({});
  /** The call the agent last chose (dialled, answered, switched to); it is the big card. */
  const focusId = ref<string | null>(null);
  const endedNotice = ref<EndedNotice | null>(null);
  /** Readable error messages by scope: 'dial', a call id, or 'transfer:<id>'. */
  const errors = ref<Record<string, string>>({});
  /** In-flight commands by `<action>:<id>`, to mark buttons busy. */
  const pending = ref<Record<string, boolean>>({});
  /**
   * Rings the agent has answered or declined, until main's snapshot says they stopped ringing
   * (or the command failed). They fall silent at the click, and their buttons stay busy: the
   * agent's own action needs no confirmation to stop the noise, and the ringtone's teardown then
   * happens while main is still handling the command, not as the call's audio starts.
   */
  const respondedRings = ref<Record<string, RingResponse>>({});
  /**
   * Calls the far end has put on hold, as this window's SIP adapter saw its re-INVITE (main's
   * record does not carry it: its `held` is the agent's own hold).
   */
  const heldByFarEnd = ref<Record<string, true>>({});
  /** Rings drawn at their INVITE, by SIP Call-ID, until the engine's decision on each arrives. */
  const earlyRings = ref<Record<string, EarlyRing>>({});

  // Ids that reached a terminal state: a later non-terminal snapshot of them is a stale echo.
  const endedIds = new Set<string>();
  let noticeSeq = 0;
  let noticeTimer: ReturnType<typeof setTimeout> | null = null;

  const liveCalls = computed(() => Object.values(byId.value).sort(newestFirst));
  /** Incoming calls waiting for an answer, oldest first (the one to answer next leads). */
  const ringingCalls = computed(() => liveCalls.value.filter((c) => isRinging(c) && !isSupervisorJoinNotAnswered(c)).reverse());
  /**
   * Every ring to draw: main's, then those drawn at their INVITE that main has not recorded yet.
   * The ring slot draws these and the answer and decline shortcuts act on them; the ringtone,
   * announcements and notifications follow main's rings only.
   */
  const drawnRings = computed(() => [
    ...ringingCalls.value,
    ...Object.values(earlyRings.value)
      .filter((early) => early.recordedAs === null)
      .map((early) => early.snapshot),
  ]);
  /** Rings that should still sound: those the agent has not answered or declined yet. */
  const audibleRings = computed(() => ringingCalls.value.filter((c) => responseTo(c.id) === null));
  /** Calls the agent is in or placing: everything live except incoming rings. */
  const engagedCalls = computed(() =>
    liveCalls.value.filter((c) => !isRinging(c) && !isUnansweredGroupLeg(c) && !isSupervisorJoinNotAnswered(c)),
  );
  const activeCall = computed<CallSnapshot | null>(() => {
    const engaged = engagedCalls.value;
    const focused = focusId.value ? engaged.find((c) => c.id === focusId.value) : undefined;
    return focused ?? engaged.find((c) => !c.held) ?? engaged[0] ?? null;
  });
  /** Held and other live calls, stacked under the active one. */
  const otherCalls = computed(() => engagedCalls.value.filter((c) => c.id !== activeCall.value?.id));
  const heldCalls = computed(() => engagedCalls.value.filter((c) => c.held));
  const hasLiveCalls = computed(() => liveCalls.value.length > 0);

  function errorFor(scope: string): string | null {
    return errors.value[scope] ?? null;
  }
  function setError(scope: string, message: string | null): void {
    if (message) errors.value[scope] = message;
    else delete errors.value[scope];
  }
  function clearError(scope: string): void {
    setError(scope, null);
  }
  function isPending(action: string, id: string): boolean {
    return pending.value[`${action}:${id}`] === true;
  }
  function isHeldByFarEnd(id: string): boolean {
    return heldByFarEnd.value[id] === true;
  }
  /** What the SIP adapter saw of the far end's hold; a call that has ended is left out. */
  function setHeldByFarEnd(id: string, held: boolean): void {
    if (held && byId.value[id]) heldByFarEnd.value[id] = true;
    else delete heldByFarEnd.value[id];
  }
  /** The agent's answer or decline of this ring that is on its way (its buttons stay busy), or null. */
  function responseTo(id: string): RingResponse | null {
    return respondedRings.value[id] ?? earlyRingOf(id)?.response ?? null;
  }

  /** The early ring behind this id: an early ring's own id, or main's record of its INVITE. */
  function earlyRingOf(id: string): EarlyRing | undefined {
    const sipCallId = sipCallIdOfEarlyRing(id) ?? byId.value[id]?.sip_call_id;
    const early = sipCallId ? earlyRings.value[sipCallId] : undefined;
    return early && (early.snapshot.id === id || early.recordedAs === id) ? early : undefined;
  }

  /** This window's SIP adapter has an INVITE main has not recorded yet: draw its ring now. */
  function showEarlyRing(leg: IncomingLeg): void {
    earlyRings.value[leg.sip_call_id] = { snapshot: earlyRingSnapshot(leg, new Date()), response: null, recordedAs: null };
  }

  /**
   * The engine decided on an early ring: `callId` is its record when it rings, null when it was
   * refused (Away, reserved) and the ring goes. An answer or decline the agent gave meanwhile is
   * carried out on the record now.
   */
  function settleEarlyRing(sipCallId: string, callId: string | null): void {
    const early = earlyRings.value[sipCallId];
    if (!early) return;
    delete earlyRings.value[sipCallId];
    if (callId === null || early.response === null) return;
    void (early.response === 'answer' ? answer(callId) : decline(callId));
  }

  function showEnded(snapshot: CallSnapshot): void {
    noticeSeq += 1;
    endedNotice.value = { call: snapshot, seq: noticeSeq };
    if (noticeTimer) clearTimeout(noticeTimer);
    noticeTimer = setTimeout(() => {
      endedNotice.value = null;
      noticeTimer = null;
    }, ENDED_NOTICE_MS);
  }

  /** Apply one snapshot from an event or a reply. Returns what it did, for callers that care. */
  function applySnapshot(snapshot: CallSnapshot): 'live' | 'ended' | 'ignored' {
    if (endedIds.has(snapshot.id)) return 'ignored';
    const early = snapshot.sip_call_id ? earlyRings.value[snapshot.sip_call_id] : undefined;
    if (early && early.recordedAs === null && snapshot.direction === 'INCOMING') early.recordedAs = snapshot.id;
    if (!isRinging(snapshot)) delete respondedRings.value[snapshot.id];
    const current = byId.value[snapshot.id];
    if (isTerminal(snapshot)) {
      endedIds.add(snapshot.id);
      delete heldByFarEnd.value[snapshot.id];
      if (!current) return 'ignored';
      delete byId.value[snapshot.id];
      if (focusId.value === snapshot.id) focusId.value = null;
      for (const scope of [snapshot.id, `transfer:${snapshot.id}`]) clearError(scope);
      // A group leg that never answered ends in the group call panel, not in the call card's line;
      // a supervisor leaving the agent's call, in the conference view and its own announcement.
      const endsElsewhere = (snapshot.labels.group_call !== undefined && snapshot.answer_time === null) || isSupervisorJoin(snapshot);
      if (!endsElsewhere) showEnded(snapshot);
      return 'ended';
    }
    if (current && STATE_RANK[snapshot.state] < STATE_RANK[current.state]) return 'ignored';
    byId.value[snapshot.id] = snapshot;
    return 'live';
  }

  /** Replace every live call with main's list (after a (re)connection). */
  function replaceAll(live: readonly CallSnapshot[]): void {
    const next: Record<string, CallSnapshot> = {};
    for (const snapshot of live) {
      if (!isTerminal(snapshot) && !endedIds.has(snapshot.id)) next[snapshot.id] = snapshot;
    }
    byId.value = next;
    if (focusId.value && !next[focusId.value]) focusId.value = null;
    for (const id of Object.keys(respondedRings.value)) {
      if (!next[id] || !isRinging(next[id])) delete respondedRings.value[id];
    }
    for (const id of Object.keys(heldByFarEnd.value)) {
      if (!next[id]) delete heldByFarEnd.value[id];
    }
  }

  async function command<T extends CallSnapshot | { ok: true }>(
    action: string,
    id: string,
    scope: string,
    send: () => Promise<{ ok: true; value: T } | { ok: false; error: { message: string } }>,
  ): Promise<T | null> {
    const key = `${action}:${id}`;
    pending.value[key] = true;
    clearError(scope);
    try {
      const result = await send();
      if (!result.ok) {
        setError(scope, result.error.message);
        return null;
      }
      if ('id' in result.value) applySnapshot(result.value);
      return result.value;
    } finally {
      delete pending.value[key];
    }
  }

  function setHold(id: string, on: boolean): Promise<CallSnapshot | null> {
    return command('hold', id, id, () => call('calls.hold', { id, on }));
  }
  function setMute(id: string, on: boolean): Promise<CallSnapshot | null> {
    return command('mute', id, id, () => call('calls.mute', { id, on }));
  }

  /** Put every connected, unheld call except `keep` on hold. False if one could not be held. */
  async function holdOthers(keep: string | null): Promise<boolean> {
    const toHold = engagedCalls.value.filter((c) => c.id !== keep && !c.held && c.state === 'IN_PROGRESS');
    let allHeld = true;
    for (const other of toHold) {
      if (!(await setHold(other.id, true))) allHeld = false;
    }
    return allHeld;
  }

  /**
   * Dial what the agent typed; the dial plan in main reads it (or says why it cannot). `scope`
   * is where an error shows: 'dial' (the dial field) or e.g. 'callback:<history id>'.
   */
  async function dial(target: string, scope = 'dial'): Promise<CallSnapshot | null> {
    const text = target.trim();
    clearError(scope);
    if (!text) {
      setError(scope, 'Type a number or SIP address to call');
      return null;
    }
    await holdOthers(null);
    const placed = await command('dial', scope, scope, () => call('calls.dial', { target: text }));
    if (placed) focusId.value = placed.id;
    return placed;
  }

  /**
   * Answer a ringing call. Call waiting: the current connected call goes on hold first
   * (`calls.hold {on:true}` then `calls.answer`), so the agent never talks to two people at once.
   */
  async function answer(id: string): Promise<CallSnapshot | null> {
    // The call's audio would play in the window that carries SIP, not in this one.
    if (!useDeskStore().isActiveDesk) {
      setError(id, ANSWER_ELSEWHERE);
      return null;
    }
    if (respondEarly(id, 'answer')) return null;
    const answered = await responding(id, 'answer', async () => {
      await holdOthers(id);
      // This window's SIP adapter starts the answer now, and calls.answer leaves in the same
      // moment, so main hears of the answer before the leg can report it connected.
      answerAtClick(id);
      return command('answer', id, id, () => call('calls.answer', { id }));
    });
    if (answered) focusId.value = id;
    return answered;
  }

  function decline(id: string): Promise<CallSnapshot | null> {
    if (respondEarly(id, 'decline')) return Promise.resolve(null);
    return responding(id, 'decline', () => command('decline', id, id, () => call('calls.decline', { id })));
  }

  /**
   * An answer or decline of a ring main has not settled yet: kept with its early ring and carried
   * out when the engine's decision arrives (settleEarlyRing). True when `id` was such a ring.
   */
  function respondEarly(id: string, response: RingResponse): boolean {
    const early = earlyRingOf(id);
    if (!early) return false;
    early.response ??= response;
    return true;
  }

  /** Silence a ring while the agent's answer or decline goes to main; it rings again if that fails. */
  async function responding(id: string, response: RingResponse, act: () => Promise<CallSnapshot | null>): Promise<CallSnapshot | null> {
    if (respondedRings.value[id]) return null; // one answer or decline per ring (a double Enter)
    respondedRings.value[id] = response;
    const result = await act();
    if (!result) delete respondedRings.value[id];
    return result;
  }

  /** End a call: a ringing incoming call is declined, anything else hung up (main picks CANCEL or BYE). */
  function hangup(id: string): Promise<CallSnapshot | null> {
    const snapshot = byId.value[id];
    if ((snapshot && isRinging(snapshot)) || earlyRingOf(id)) return decline(id);
    return command('hangup', id, id, () => call('calls.hangup', { id }));
  }

  /** Make `id` the call the agent talks on: hold the others, take it off hold. */
  async function switchTo(id: string): Promise<boolean> {
    const target = byId.value[id];
    if (!target) return false;
    if (!(await holdOthers(id))) return false;
    focusId.value = id;
    if (target.held) return (await setHold(id, false)) !== null;
    return true;
  }

  async function toggleHold(id: string): Promise<void> {
    const snapshot = byId.value[id];
    if (!snapshot) return;
    if (snapshot.held) await switchTo(id);
    else await setHold(id, true);
  }

  async function toggleMute(id: string): Promise<void> {
    const snapshot = byId.value[id];
    if (snapshot) await setMute(id, !snapshot.muted);
  }

  async function dtmf(id: string, digits: string): Promise<boolean> {
    return (await command('dtmf', id, id, () => call('calls.dtmf', { id, digits }))) !== null;
  }

  /** Blind transfer. True when main accepted it; the error shows under the "Transfer to" field. */
  async function transfer(id: string, target: string): Promise<boolean> {
    const text = target.trim();
    const scope = `transfer:${id}`;
    if (!text) {
      setError(scope, 'Type a number or SIP address to transfer to');
      return false;
    }
    return (await command('transfer', id, scope, () => call('calls.transfer', { id, target: text }))) !== null;
  }

  return {
    byId,
    focusId,
    endedNotice,
    errors,
    pending,
    liveCalls,
    ringingCalls,
    drawnRings,
    audibleRings,
    engagedCalls,
    activeCall,
    otherCalls,
    heldCalls,
    hasLiveCalls,
    errorFor,
    clearError,
    isPending,
    responseTo,
    isHeldByFarEnd,
    setHeldByFarEnd,
    applySnapshot,
    replaceAll,
    showEarlyRing,
    settleEarlyRing,
    dial,
    answer,
    decline,
    hangup,
    switchTo,
    setHold,
    setMute,
    toggleHold,
    toggleMute,
    dtmf,
    transfer,
  };
});
