/**
 * The SIP sessions behind call records. Carries out the engine's telephony commands on
 * SIP.js sessions and reports back what happened, leg by leg. It decides nothing about the
 * record: the engine does.
 */
import {
  Invitation,
  Inviter,
  SessionState,
  UserAgent,
  Web,
  type Info,
  type Referral,
  type Session,
  type SessionDelegate,
} from 'sip.js';
import type { Settings } from '../../src-main/contract/settings.js';
import type { IncomingLeg, LegEvent, TelephonyCommand } from '../../src-main/contract/telephony.js';
import type { ReconnectingClient } from '../bridge/index.js';
import type { LegMedia, LegMediaSource } from '../media/leg-media.js';
import { fetchMedia } from '../media/media-library-fetch.js';
import { LegPlayback } from '../media/leg-playback.js';
import { Ringback, ringbackOnProgress, type RingbackOutput } from '../media/ringback.js';
import { ringbackPlanFor } from '../media/ringback-plans.js';
import { DTMF_RELAY_TYPE, dtmfRelayBody, parseDtmfRelay } from './dtmf-relay.js';
import { queueInBandDtmf } from './in-band-dtmf.js';
import { offerHoldsUs } from './far-end-hold.js';
import { byeWithReasonIfAcceptedAfterCancel, onAcceptedBeforeMedia } from './inviter-hooks.js';
import { legEnd, type Leg } from './leg.js';
import { applyTrackStates } from './leg-tracks.js';
import { LegDevices } from './leg-devices.js';
import { mediaFailureWords } from './media-failure.js';
import { prepareAnswer } from './prepared-answer.js';
import { attachRemoteAudio, detachRemoteAudio } from './remote-audio.js';
import {
  SUPERVISOR_JOIN_HEADER,
  SUPERVISOR_MODE_TYPE,
  parseSupervisorModeBody,
  supervisorModeBody,
} from '../../src-main/contract/conference.js';
import { sharedMicrophone, type SipPhone } from './sip-phone.js';

/** After a reconnect, how long an in-dialog probe may take before the dialog counts as dead. */
const DIALOG_PROBE_TIMEOUT_MS = 8000;
/** Answers that mean the far end no longer has this dialog, or the proxy can't reach it. */
const DEAD_DIALOG_CODES = new Set([404, 408, 410, 477, 480, 481, 500, 502, 503, 504]);

/**
 * How this window draws a ring the moment an INVITE arrives, before the engine's record of it
 * (the composition root wires it to the stores: src-renderer/stores/early-ring.ts).
 */
export interface EarlyRings {
  /** Main's last word: an ordinary incoming call would ring now. */
  mayRing(): boolean;
  /** Draw this INVITE's ring now; settles once it is in the page. */
  show(leg: IncomingLeg): Promise<void>;
  /** The engine decided: its record's id when the call rings, null when it was refused. */
  settle(sipCallId: string, callId: string | null): void;
}

export class CallLegs implements LegMediaSource {
  readonly #legs = new Map<string, Leg>();
  readonly #mediaListeners = new Set<() => void>();
  readonly #farEndHoldListeners = new Set<(callId: string, held: boolean) => void>();
  readonly #devices: LegDevices;
  readonly #client: ReconnectingClient;
  readonly #phone: () => SipPhone | undefined;
  readonly #settings: () => Settings;
  /** Set while the window closes: leg events are no longer reported. */
  #quiet = false;
  #earlyRings: EarlyRings | null = null;
  /** Media-library audio played into calls (broadcasts, real-time apps). */
  readonly #playback: LegPlayback;
  readonly #ringback = new Ringback();

  constructor(client: ReconnectingClient, phone: () => SipPhone | undefined, settings: () => Settings) {
    this.#client = client;
    this.#phone = phone;
    this.#settings = settings;
    this.#playback = new LegPlayback({
      legs: this,
      fetchMedia: (id) => fetchMedia(client, id),
      report: (report) => this.#report({ type: 'playback_ended', ...report }),
    });
    this.#devices = new LegDevices({
      legs: () => this.#legs.values(),
      microphoneConstraints: () => this.#mediaConstraints(),
      failed: (callId, command, message) => this.#failed(callId, command, message),
      mediaChanged: () => this.#mediaChanged(),
    });
  }

  callIds(): string[] {
    return [...this.#legs.keys()];
  }

  leg(callId: string): Leg | undefined {
    return this.#legs.get(callId);
  }

  /** LegMediaSource, for the conference mixer. */
  media(callId: string): LegMedia | undefined {
    const leg = this.#legs.get(callId);
    const handler = leg?.session.sessionDescriptionHandler as Web.SessionDescriptionHandler | undefined;
    const peerConnection = handler?.peerConnection;
    if (!leg?.audio || !handler || !peerConnection || leg.session.state !== SessionState.Established) return undefined;
    const microphone = handler.localMediaStream.getAudioTracks()[0] ?? null;
    return { peerConnection, remoteStream: handler.remoteMediaStream, audio: leg.audio, microphone };
  }

  /** Calls that are up follow a newly chosen microphone or speaker (leg-devices.ts). */
  get devices(): LegDevices {
    return this.#devices;
  }

  onChange(listener: () => void): () => void {
    this.#mediaListeners.add(listener);
    return () => this.#mediaListeners.delete(listener);
  }

  #mediaChanged(): void {
    for (const listener of this.#mediaListeners) listener();
  }

  /**
   * The far end put a call on hold, or took it off. The engine's record does not hold this (its
   * `held` is the agent's own hold): it is what the agent sees on the call card, in this window.
   */
  onFarEndHold(listener: (callId: string, held: boolean) => void): () => void {
    this.#farEndHoldListeners.add(listener);
    return () => this.#farEndHoldListeners.delete(listener);
  }

  /**
   * The agent clicked Answer in this window: start the answer now, while `calls.answer` is on its
   * way to the engine, so the call's media does not wait for that round trip (11–15 ms in the
   * call-latency bench; a main process busy for a moment would add to it). The engine still
   * records the answer, and its `answer` command for this leg is then a no-op. Should the engine
   * have ended the call meanwhile (a decline from the local API), it hangs up the leg that
   * connects anyway (CallEngine: a leg that answers a call already ended gets a BYE).
   */
  answerAtOnce(callId: string): void {
    const leg = this.#legs.get(callId);
    if (!leg || !(leg.session instanceof Invitation) || leg.session.state !== SessionState.Initial) return;
    this.#startAnswer(leg);
  }

  #startAnswer(leg: Leg): void {
    if (leg.answering) return;
    leg.answering = true;
    this.#answer(leg).catch((error: unknown) => this.#failed(leg.callId, 'answer', messageOf(error)));
  }

  handle(command: TelephonyCommand): void {
    if (command.type === 'dial') {
      this.#dial(command);
      return;
    }
    const leg = this.#legs.get(command.call_id);
    if (!leg) {
      this.#failed(command.call_id, command.type, 'This call has no SIP session in this window');
      return;
    }
    const run = async (): Promise<void> => {
      switch (command.type) {
        case 'answer':
          return this.#startAnswer(leg);
        case 'reject':
          return this.#reject(leg, command.status_code);
        case 'cancel':
          return this.#cancel(leg, command.reason_header);
        case 'bye':
          return this.#bye(leg, command.reason_header);
        case 'hold':
          return this.#hold(leg, command.on);
        case 'mute':
          return this.#mute(leg, command.on);
        case 'dtmf':
          return this.#dtmf(leg, command.digits);
        case 'transfer':
          return this.#transfer(leg, command.uri);
        case 'supervisor_mode':
          return this.#sendSupervisorMode(leg, command.mode);
        case 'play':
          return this.#playback.play(leg.callId, command.playback_id, command.media_ids);
        case 'stop_playback':
          return this.#playback.stop(leg.callId);
      }
    };
    const mediaReady = this.#mediaReady(leg);
    (mediaReady ? mediaReady.then(run) : run()).catch((error: unknown) => this.#failed(leg.callId, command.type, messageOf(error)));
  }

  /** Draw rings at their INVITE; with null, rings wait for the engine's record. */
  setEarlyRings(earlyRings: EarlyRings | null): void {
    this.#earlyRings = earlyRings;
  }

  /**
   * An INVITE arrived: ask the engine, then ring (180) or refuse. While main says an ordinary call
   * would ring, the ring is drawn before the engine's answer; a supervisor's join never rings.
   */
  async onInvite(invitation: Invitation): Promise<void> {
    const identity = invitation.remoteIdentity;
    const incoming: IncomingLeg = {
      sip_call_id: invitation.request.callId,
      from_uri: identity.uri.toString(),
      from_name: identity.displayName || null,
      to_uri: invitation.request.to.uri.toString(),
      ...(invitation.request.hasHeader(SUPERVISOR_JOIN_HEADER)
        ? { supervisor_join: invitation.request.getHeader(SUPERVISOR_JOIN_HEADER) ?? '' }
        : {}),
      group_call: groupCallName(invitation),
    };
    const early = incoming.supervisor_join === undefined && this.#earlyRings?.mayRing() ? this.#earlyRings : null;
    // The engine is asked once the ring is drawn: its message (validated and sent, usually a
    // tenth of a millisecond, at times one and a half) does not hold the ring up, and the round
    // trip to main takes milliseconds anyway.
    if (early) await early.show(incoming);
    const decision = await this.#client.invoke('sip.incoming', incoming);
    if (!decision.ok || decision.value.action !== 'ring') early?.settle(incoming.sip_call_id, null);
    if (!decision.ok) {
      await invitation.reject({ statusCode: 500 }).catch(() => undefined);
      return;
    }
    if (decision.value.action === 'reject') {
      await invitation.reject({ statusCode: decision.value.status_code ?? 480 }).catch(() => undefined);
      return;
    }
    const leg = this.#track(decision.value.call_id, invitation);
    invitation.delegate = {
      ...this.#sessionDelegate(leg),
      onCancel: (cancel) => {
        leg.reasonHeader = cancel.request.getHeader('Reason');
      },
    };
    if (decision.value.action === 'answer') {
      // An allowed supervisor joining: answered at once, never rung.
      this.#startAnswer(leg);
      return;
    }
    // The leg is tracked now, so an answer the agent gave the early ring can start at once.
    early?.settle(incoming.sip_call_id, leg.callId);
    const ringing = invitation.progress();
    // Not when the agent answered the early ring already: that answer is being built.
    if (this.#settings().audio.open_microphone_while_ringing && !leg.answering) this.#prepareAnswer(leg, invitation);
    await ringing.catch(() => undefined);
  }

  /**
   * The transport came back. Dialogs that were up may have lost their path with the server
   * (a restart drops its connection aliases): prove each with an in-dialog INFO; end the dead.
   */
  probeDialogs(): void {
    for (const leg of this.#legs.values()) {
      if (leg.session.state !== SessionState.Established) continue;
      let settled = false;
      const dead = (): void => {
        if (settled) return;
        settled = true;
        leg.lostTransport = true;
        leg.session.dispose().catch(() => undefined);
      };
      const timer = setTimeout(dead, DIALOG_PROBE_TIMEOUT_MS);
      leg.session
        .info({
          requestDelegate: {
            onAccept: () => {
              settled = true;
              clearTimeout(timer);
            },
            onReject: (response) => {
              clearTimeout(timer);
              if (DEAD_DIALOG_CODES.has((response.message.statusCode ?? 0))) dead();
              else settled = true;
            },
          },
        })
        .catch(() => {
          clearTimeout(timer);
          dead();
        });
    }
  }

  /** End the sessions whose records the engine no longer holds live (e.g. after a host restart). */
  async endAllExcept(liveCallIds: ReadonlySet<string>): Promise<void> {
    await this.#end([...this.#legs.values()].filter((leg) => !liveCallIds.has(leg.callId)));
  }

  /**
   * End every session. When the window is closing or handing the desk over, `quietly` keeps the
   * ends unreported: main ends those records itself, with reason desk_closed.
   */
  async stopAll(options: { quietly?: boolean } = {}): Promise<void> {
    if (options.quietly) this.#quiet = true;
    await this.#end([...this.#legs.values()]);
  }

  async #end(legs: Leg[]): Promise<void> {
    const endings = legs.map(async (leg) => {
      leg.endedLocally = true;
      await this.#mediaReady(leg);
      const session = leg.session;
      if (session.state === SessionState.Established) await session.bye();
      else if (session instanceof Inviter) await session.cancel();
      else if (session instanceof Invitation && session.state === SessionState.Initial) {
        await session.reject({ statusCode: 480 });
      }
    });
    await Promise.allSettled(endings);
  }

  // ── Commands ──────────────────────────────────────────────────────────────

  #dial(command: Extract<TelephonyCommand, { type: 'dial' }>): void {
    const { call_id: callId, uri, extra_headers: extraHeaders, from_user: fromUser } = command;
    const phone = this.#phone();
    const target = UserAgent.makeURI(uri);
    if (!phone || !target) {
      this.#failed(callId, 'dial', phone ? `Not a SIP address: ${uri}` : 'Not registered with a SIP server');
      return;
    }
    // The chosen outbound number rides as the From user (and P-Preferred-Identity, in extraHeaders)
    // so that the PBX can present it as the caller id.
    const fromUri = fromUser === undefined ? undefined : UserAgent.makeURI(`sip:${fromUser}@${target.host}`);
    // A leg without an offer (ring-all) has no early media to play.
    const playEarlyMedia = this.#settings().audio.play_early_media && !(command.delayed_offer ?? false);
    const inviter = new Inviter(phone.userAgent, target, {
      extraHeaders,
      ...(fromUri ? { params: { fromUri } } : {}),
      // With a delayed offer SIP.js creates the peer connection only when the 200 OK brings the
      // far end's offer; the constraints below then apply to our answer.
      inviteWithoutSdp: command.delayed_offer ?? false,
      // Play the far end's early media (SDP in a 18x). SIP.js then cannot follow a forked INVITE
      // whose answer comes from another device than the early media did. README, "Early media".
      earlyMedia: playEarlyMedia,
      sessionDescriptionHandlerOptions: { constraints: this.#mediaConstraints() },
    });
    phone.proxyCredentials.sign(inviter.request);
    const signedUpFront = inviter.request.hasHeader('Proxy-Authorization');
    const leg = this.#track(callId, inviter);
    inviter.delegate = this.#sessionDelegate(leg);
    onAcceptedBeforeMedia(inviter, {
      answered: () => {
        this.#ringback.stop(callId);
        leg.accepted = true;
        this.#endEarlyMedia(leg);
        this.#report({ type: 'answered', call_id: callId });
      },
      // If our side of the media fails now (no microphone, say), SIP.js ACKs, BYEs with 488 and
      // ends the session: the end is reported with why.
      mediaSettling: (media) => {
        leg.settling = media.catch((error: unknown) => {
          leg.endedLocally = true;
          leg.failure = `The call’s audio failed: ${mediaFailureWords(error) ?? 'the far end’s media could not be used'}`;
        });
      },
    });
    // The engine needs to hear of the ring once: a far end may send 180 more than once (bare
    // SIP.js phones do), and each report is a round trip to the host.
    let ringReported = false;
    const inviting = inviter.invite({
      requestDelegate: {
        onProgress: (response) => {
          const code = response.message.statusCode ?? 0;
          const media = !response.message.body ? 'none' : playEarlyMedia ? 'played' : 'not_played';
          // A far end that rings without media the agent will hear: the agent hears our ringback.
          const ringback = ringbackOnProgress(code, media, leg.earlyMedia);
          if (ringback === 'start') this.#ringback.start(callId, this.#ringbackOutput());
          if (ringback === 'stop') this.#ringback.stop(callId);
          if (media === 'played' && !leg.accepted) this.#startEarlyMedia(leg);
          // Ringing: the speaker is opened now, muted, so that the answer only unmutes it. Not
          // with the INVITE: nothing needs it before the far end rings.
          else if (code > 100 && !leg.accepted) this.#openRemoteAudio(leg, { audible: false });
          if (ringReported || (code !== 180 && code !== 183)) return;
          ringReported = true;
          this.#report({ type: 'ringing', call_id: callId });
        },
        onReject: (response) => {
          leg.finalStatus = { code: (response.message.statusCode ?? 0), phrase: response.message.reasonPhrase ?? '' };
          // A proxy that refuses credentials sent up front: the next call goes bare again.
          if (signedUpFront && leg.finalStatus.code === 403) phone.proxyCredentials.forget();
        },
      },
    });
    leg.settling = inviting.catch((error: unknown) => {
      const words = mediaFailureWords(error);
      leg.endedLocally = true;
      leg.failure = words ? `Could not call: ${words}` : messageOf(error);
    });
    inviting
      .then(() => this.#report({ type: 'started', call_id: callId, sip_call_id: inviter.request.callId }))
      .catch((error: unknown) => this.#failed(callId, 'dial', leg.failure ?? messageOf(error)));
  }

  /**
   * While the call rings, open the microphone and build the answer (prepared-answer.ts), so that
   * the agent's click sends it. A refusal (no device, no permission) is left for the answer to
   * report. An INVITE without an offer gets only the microphone: our offer goes in the 200 OK.
   */
  #prepareAnswer(leg: Leg, invitation: Invitation): void {
    const options = { constraints: this.#mediaConstraints() };
    const prepared = prepareAnswer(invitation, options, () => applyTrackStates(leg));
    if (prepared) this.#openRemoteAudio(leg, { audible: false });
    else leg.preparedMicrophone = sharedMicrophone.stream(options.constraints).catch(() => undefined);
  }

  async #answer(leg: Leg): Promise<void> {
    if (!(leg.session instanceof Invitation)) throw new Error('Only an incoming call can be answered');
    // When the answer fails (no microphone, say) SIP.js refuses the call with 480.
    const accepting = leg.session.accept({ sessionDescriptionHandlerOptions: { constraints: this.#mediaConstraints() } });
    leg.settling = accepting.catch((error: unknown) => {
      leg.endedLocally = true;
      leg.failure = `Could not answer: ${mediaFailureWords(error) ?? 'the call’s audio could not be set up'}`;
    });
    await accepting;
  }

  async #reject(leg: Leg, statusCode: number): Promise<void> {
    if (!(leg.session instanceof Invitation)) throw new Error('Only an incoming call can be rejected');
    leg.endedLocally = true;
    await leg.session.reject({ statusCode });
  }

  async #cancel(leg: Leg, reasonHeader: string | undefined): Promise<void> {
    leg.endedLocally = true;
    if (leg.session.state === SessionState.Established) {
      // It answered before our CANCEL left (two group legs answered in the same instant):
      // a BYE with the same Reason, so the far side records "answered elsewhere".
      await this.#bye(leg, reasonHeader);
      return;
    }
    if (leg.session instanceof Inviter) {
      if (reasonHeader) byeWithReasonIfAcceptedAfterCancel(leg.session, reasonHeader);
      // The Reason text must travel in extraHeaders: SIP.js replaces a reasonPhrase with the standard one.
      await leg.session.cancel(reasonHeader ? { extraHeaders: [`Reason: ${reasonHeader}`] } : undefined);
    } else if (leg.session.state === SessionState.Initial || leg.session.state === SessionState.Establishing) {
      await leg.session.reject({ statusCode: 480 });
    }
  }

  async #bye(leg: Leg, reasonHeader?: string): Promise<void> {
    leg.endedLocally = true;
    const session = leg.session;
    if (session.state === SessionState.Established) {
      await session.bye(reasonHeader ? { requestOptions: { extraHeaders: [`Reason: ${reasonHeader}`] } } : undefined);
    } else if (session instanceof Inviter) {
      await session.cancel();
    } else if (session.state !== SessionState.Terminated) {
      await session.reject({ statusCode: 480 });
    }
  }

  async #hold(leg: Leg, on: boolean): Promise<void> {
    const session = leg.session;
    const options = session.sessionDescriptionHandlerOptionsReInvite as Web.SessionDescriptionHandlerOptions;
    const reInviteOptions: Web.SessionDescriptionHandlerOptions = { ...options, hold: on };
    session.sessionDescriptionHandlerOptionsReInvite = reInviteOptions;
    await new Promise<void>((resolve, reject) => {
      session
        .invite({
          requestDelegate: {
            onAccept: () => {
              leg.held = on;
              applyTrackStates(leg);
              this.#report({ type: 'held', call_id: leg.callId, on });
              resolve();
            },
            onReject: (response) => reject(new Error(`The far end refused the ${on ? 'hold' : 'resume'} (${(response.message.statusCode ?? 0)})`)),
          },
        })
        .catch(reject);
    });
  }

  async #mute(leg: Leg, on: boolean): Promise<void> {
    leg.muted = on;
    applyTrackStates(leg);
    this.#report({ type: 'muted', call_id: leg.callId, on });
  }

  async #dtmf(leg: Leg, digits: string): Promise<void> {
    if (this.#settings().sip.dtmf === 'rfc4733' && queueInBandDtmf(leg, digits)) return;
    // SIP INFO: the setting asks for it, or the far end did not negotiate telephone-event.
    for (const digit of digits.toUpperCase()) {
      await leg.session.info({
        requestOptions: {
          body: { contentDisposition: 'render', contentType: DTMF_RELAY_TYPE, content: dtmfRelayBody(digit) },
        },
      });
    }
  }

  async #sendSupervisorMode(leg: Leg, mode: 'listen' | 'whisper' | 'barge'): Promise<void> {
    await leg.session.info({
      requestOptions: { body: { contentDisposition: 'render', contentType: SUPERVISOR_MODE_TYPE, content: supervisorModeBody(mode) } },
    });
  }

  async #transfer(leg: Leg, uri: string): Promise<void> {
    const target = UserAgent.makeURI(uri);
    if (!target) throw new Error(`Not a SIP address: ${uri}`);
    await new Promise<void>((resolve, reject) => {
      leg.session
        .refer(target, {
          requestDelegate: {
            onAccept: () => {
              // Blind transfer: once the far party accepted the REFER, our part is done.
              leg.endedLocally = true;
              leg.session.bye().catch(() => undefined);
              resolve();
            },
            onReject: (response) => reject(new Error(`The transfer was refused (${(response.message.statusCode ?? 0)})`)),
          },
        })
        .catch(reject);
    });
  }

  // ── Session plumbing ──────────────────────────────────────────────────────

  #track(callId: string, session: Inviter | Invitation): Leg {
    const leg: Leg = {
      callId,
      session,
      accepted: false,
      answering: false,
      endedLocally: false,
      lostTransport: false,
      held: false,
      muted: false,
      heldByFarEnd: false,
      earlyMedia: false,
      dtmfReceived: [],
      dtmfSentInBand: [],
    };
    this.#legs.set(callId, leg);
    session.stateChange.addListener((state) => this.#onSessionState(leg, state));
    return leg;
  }

  #ringbackOutput(): RingbackOutput {
    const settings = this.#settings();
    return { plan: ringbackPlanFor(settings.dial.default_country), sinkId: settings.audio.speaker_id };
  }

  #onSessionState(leg: Leg, state: SessionState): void {
    // Answered, or ending (a CANCEL is Terminating at once; its 487 may take a while): silence.
    if (state !== SessionState.Establishing) this.#ringback.stop(leg.callId);
    // Connected, the call has its own clone of the capture; ended, it needs none.
    if (state === SessionState.Established || state === SessionState.Terminated) letGoOfPreparedMicrophone(leg);
    if (state === SessionState.Established) {
      this.#endEarlyMedia(leg);
      this.#openRemoteAudio(leg, { audible: true });
      if (!leg.accepted) this.#report({ type: 'answered', call_id: leg.callId });
      leg.accepted = true;
      this.#mediaChanged();
    }
    if (state === SessionState.Terminated) {
      this.#playback.stop(leg.callId);
      detachRemoteAudio(leg.audio);
      this.#legs.delete(leg.callId);
      this.#mediaChanged();
      // The leg's microphone tracks end with it, even if the conference mixer swapped them off
      // its sender (SIP.js only stops sender tracks); then the shared capture closes if unused.
      const handler = leg.session.sessionDescriptionHandler as Web.SessionDescriptionHandler | undefined;
      setTimeout(() => {
        handler?.localMediaStream.getTracks().forEach((track) => track.stop());
        sharedMicrophone.release();
      }, 0);
      // SIP.js terminates the session before it hands the final response to our request
      // delegate (or rejects our answer): report once that has run, so the end says why.
      const reportEnd = (): void => this.#report({ type: 'ended', call_id: leg.callId, end: legEnd(leg) });
      if (leg.settling) void leg.settling.then(reportEnd);
      else queueMicrotask(reportEnd);
    }
  }

  #sessionDelegate(leg: Leg): SessionDelegate {
    return {
      // SIP.js has answered the far end's re-INVITE; an offer that holds us is told to the desk.
      onInvite: (request, _response, statusCode) => {
        if (statusCode !== 200 || !request.body) return; // refused, or an offerless re-INVITE: no news
        const held = offerHoldsUs(request.body);
        if (held === leg.heldByFarEnd) return;
        leg.heldByFarEnd = held;
        for (const listener of this.#farEndHoldListeners) listener(leg.callId, held);
      },
      onBye: (bye) => {
        leg.reasonHeader = bye.request.getHeader('Reason');
        // With a delegate, SIP.js leaves the 200 to us; unanswered, the far end waits for a 408.
        bye.accept().catch(() => undefined);
      },
      onInfo: (info: Info) => {
        const mode = info.request.getHeader('Content-Type')?.toLowerCase().startsWith(SUPERVISOR_MODE_TYPE)
          ? parseSupervisorModeBody(info.request.body ?? '')
          : null;
        if (mode) this.#report({ type: 'supervisor_mode', call_id: leg.callId, mode });
        const digit = parseDtmfRelay(info.request.body ?? '');
        if (digit) leg.dtmfReceived.push(digit);
        info.accept().catch(() => undefined);
      },
      onRefer: (referral: Referral) => {
        referral
          .accept()
          .then(() => this.#report({ type: 'refer', call_id: leg.callId, uri: referral.referTo.uri.toString() }))
          .catch(() => undefined);
      },
    };
  }

  /**
   * Undefined when the leg can take any command now; otherwise a promise that settles once the
   * media of an accepted leg is set up (or the leg ended): SIP.js can't cancel a session whose
   * 200 OK it is handling, nor re-INVITE before its ACK.
   */
  #mediaReady(leg: Leg): Promise<void> | undefined {
    const session = leg.session;
    if (!leg.accepted || session.state !== SessionState.Establishing) return undefined;
    return new Promise((resolve) => {
      const settled = (state: SessionState): void => {
        if (state !== SessionState.Established && state !== SessionState.Terminated) return;
        session.stateChange.removeListener(settled);
        resolve();
      };
      session.stateChange.addListener(settled);
    });
  }

  /**
   * The far end's early media: the agent hears it on the speaker (the element stays for the
   * call), and nothing of the agent is sent before the answer. SIP.js has applied the 18x's SDP
   * by the time the track arrives; the element plays the stream whenever it does.
   */
  #startEarlyMedia(leg: Leg): void {
    const handler = leg.session.sessionDescriptionHandler as Web.SessionDescriptionHandler | undefined;
    if (leg.earlyMedia || !handler) return;
    leg.earlyMedia = true;
    applyTrackStates(leg);
    this.#openRemoteAudio(leg, { audible: true });
  }

  /**
   * The leg's speaker element (remote-audio.ts). Opened silent while the call rings (the far end
   * ringing our call, or our answer prepared while theirs rings), so that connecting only unmutes it.
   */
  #openRemoteAudio(leg: Leg, { audible }: { audible: boolean }): void {
    const handler = leg.session.sessionDescriptionHandler as Web.SessionDescriptionHandler | undefined;
    // An ended leg has let go of its element (#onSessionState): none may be opened after.
    if (!handler || leg.session.state === SessionState.Terminated) return;
    if (!leg.audio) {
      leg.audio = attachRemoteAudio(handler.remoteMediaStream, this.#settings().audio.speaker_id, {
        audible,
        onSpeakerFailed: () => this.#devices.speakerFailed(),
      });
    } else if (audible) {
      leg.audio.muted = false;
    }
  }

  /** Answered: the microphone goes out (unless muted or held). */
  #endEarlyMedia(leg: Leg): void {
    if (!leg.earlyMedia) return;
    leg.earlyMedia = false;
    applyTrackStates(leg);
  }

  #mediaConstraints(): MediaStreamConstraints {
    const microphone = this.#settings().audio.microphone_id;
    return { audio: microphone ? { deviceId: { exact: microphone } } : true, video: false };
  }

  #report(event: LegEvent): void {
    if (this.#quiet) return;
    void this.#client.invoke('sip.leg_event', event);
  }

  #failed(callId: string, command: string, message: string): void {
    this.#report({ type: 'command_failed', call_id: callId, command, message });
  }
}

function letGoOfPreparedMicrophone(leg: Leg): void {
  const prepared = leg.preparedMicrophone;
  if (!prepared) return;
  leg.preparedMicrophone = undefined;
  void prepared.then((stream) => {
    stream?.getTracks().forEach((track) => track.stop());
    sharedMicrophone.release();
  });
}

/** The X-Group-Call header of a group ring, one line, at most 64 characters; null when absent. */
function groupCallName(invitation: Invitation): string | null {
  const value = invitation.request.getHeader('X-Group-Call')?.trim();
  return value ? value.replace(/[\r\n]/g, ' ').slice(0, 64) : null;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export type { Session };
