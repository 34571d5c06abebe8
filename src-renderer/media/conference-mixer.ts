/**
 * Local mixing for the conferences this desk hosts (docs/conferences.md, "Mixing (renderer)").
 * Every member's call leg is tapped (its remote track, read by a MediaStreamTrackProcessor) and
 * given a mix of its own (a MediaStreamTrackGenerator that replaces the leg's outgoing track:
 * RTCRtpSender.replaceTrack, no renegotiation: a call joins the mix without a re-INVITE). The
 * sums themselves run in a worker (mix-worker.ts, block-mixer.ts), on who-hears-whom from
 * mix-matrix.ts; the host's microphone is one more source.
 *
 * The host hears the legs' own elements: Chromium already sums every remote track a page plays,
 * so the host needs no mix of its own, only the elements of the members it must not hear (a
 * listening supervisor) muted. That saves one mix, one generator and one more output stream
 * (about 45 ms/s of CPU at 8 parties), and no worker or second output buffer sits between the
 * parties and the agent's ear. The elements also have to play for the mix at all: Chromium
 * delivers a remote track's audio to anything else only while a media element plays it.
 *
 * Changes are applied leg by leg: a leg joining or leaving touches only its own tap and mix, and
 * who hears whom is sent again whole (a few ids).
 *
 * Why not Web Audio: a MediaStreamAudioSourceNode → MediaStreamAudioDestinationNode hop costs
 * 3–20 ms more than these streams in this Chromium, and varies with how each graph happens to
 * line up with WebRTC's audio clock (test/bench/relay-floor.bench.ts). MediaStreamTrackProcessor
 * and the audio MediaStreamTrackGenerator are Chromium's (Electron's too); other browsers do not
 * have them, and there the desk cannot host a conference (README, "Conferences and supervisors").
 */
import type { ConferenceSnapshot } from '../../src-main/contract/conference.js';
import type { LegMedia, LegMediaSource } from './leg-media.js';
import { HOST, mixMatrix, type MixMember } from './mix-matrix.js';
import type { FromMixWorker, ToMixWorker } from './mix-worker-messages.js';
import { audioTrackGenerator, audioTrackReader, canMixTracks } from './track-streams.js';

export interface MixerOptions {
  /** Who is speaking, by call id (and HOST), four times a second while mixing. */
  readonly onSpeaking?: (speaking: ReadonlySet<string>) => void;
  /** Conferences are live but this browser cannot mix them (once until none is live). */
  readonly onCannotMix?: () => void;
}

/** A leg in the mix: what it is tapped from and what was on its sender before. */
interface MixedLeg {
  readonly peerConnection: RTCPeerConnection;
  readonly remoteTrack: MediaStreamTrack;
  readonly audio: HTMLAudioElement;
  readonly sender: RTCRtpSender;
  /** The leg's mix, on its sender once it flows. */
  readonly mix: MediaStreamTrack;
  /** Has the worker written the mix's first block (so the sender should carry it)? */
  flowing: boolean;
  /**
   * The leg's own microphone track, put back when the leg leaves the mix; replaced by the leg's
   * new one when the agent chooses another microphone mid-call.
   */
  ownTrack: MediaStreamTrack | null;
}

export class ConferenceMixer {
  readonly #legs: LegMediaSource;
  readonly #options: MixerOptions;
  #conferences = new Map<string, ConferenceSnapshot>();
  /** Calls the agent has muted: muting any call of a conference mutes the host in every mix. */
  readonly #mutedCalls = new Set<string>();
  #worker: Worker | undefined;
  readonly #mixed = new Map<string, MixedLeg>();
  /**
   * The host's microphone in the mix: a clone of a leg's own track, because SIP.js disables a
   * leg's track while it is on hold, and a merged call was usually held a moment ago.
   */
  #hostMicrophone: MediaStreamTrack | undefined;
  /**
   * The leg track it was cloned from. Once that has ended (its leg is over, or the agent chose
   * another microphone and the leg's track was replaced), the clone is taken again from a live one:
   * the clone alone would keep the old device capturing.
   */
  #hostMicrophoneFrom: MediaStreamTrack | undefined;
  /** Said for the conference(s) live now; said again for the next. */
  #reportedCannotMix = false;
  readonly #offLegs: () => void;

  constructor(legs: LegMediaSource, options: MixerOptions) {
    this.#legs = legs;
    this.#options = options;
    this.#offLegs = legs.onChange(() => this.#sync());
  }

  /** The full set of live conferences (after a (re)connect). */
  replaceAll(conferences: readonly ConferenceSnapshot[]): void {
    this.#conferences = new Map(conferences.map((conference) => [conference.id, conference]));
    this.#sync();
  }

  apply(conference: ConferenceSnapshot): void {
    if (conference.status === 'terminated') this.#conferences.delete(conference.id);
    else this.#conferences.set(conference.id, conference);
    this.#sync();
  }

  /**
   * A call's mute changed (from main's call snapshots). The host's microphone is one source
   * feeding every mix, so muting it there silences the host for everyone at once; the legs'
   * own microphone tracks are not on the wire while they are mixed.
   */
  callMuted(callId: string, muted: boolean): void {
    if (muted === this.#mutedCalls.has(callId)) return;
    if (muted) this.#mutedCalls.add(callId);
    else this.#mutedCalls.delete(callId);
    this.#applyHostMute();
  }

  /** Is the host's microphone silenced in the mixes now? */
  hostMuted(): boolean {
    return this.#members().some((member) => member.role === 'participant' && this.#mutedCalls.has(member.id));
  }

  /** The device the host's microphone in the mix captures from, if any (test hooks). */
  hostMicrophoneDevice(): string | undefined {
    return this.#hostMicrophone?.readyState === 'live' ? this.#hostMicrophone.getSettings().deviceId : undefined;
  }

  /** Is the mix running (test hooks)? Its worker exists only while a conference is live. */
  mixing(): boolean {
    return this.#worker !== undefined;
  }

  stop(): void {
    this.#offLegs();
    this.#stopMixing();
  }

  #members(): MixMember[] {
    const members: MixMember[] = [];
    for (const conference of this.#conferences.values()) {
      if (conference.status !== 'progressing') continue;
      for (const call of conference.conferencecalls) {
        if (call.status !== 'joining' && call.status !== 'joined') continue;
        if (!this.#legs.media(call.reference_id)) continue;
        members.push(
          call.role === 'supervisor'
            ? { id: call.reference_id, role: 'supervisor', mode: call.supervisor_mode ?? 'listen' }
            : { id: call.reference_id, role: 'participant' },
        );
      }
    }
    return members;
  }

  /** Brings the mix in line with the live conferences and legs. */
  #sync(): void {
    const members = this.#members();
    if (members.length === 0) {
      this.#reportedCannotMix = false;
      return this.#stopMixing();
    }
    if (!canMixTracks()) return this.#reportCannotMix();
    const worker = (this.#worker ??= this.#startWorker());
    const memberIds = new Set(members.map((member) => member.id));
    for (const [callId, leg] of this.#mixed) {
      const media = this.#legs.media(callId);
      if (!memberIds.has(callId) || !media || !sameLeg(leg, media)) this.#unmix(callId, leg, media);
    }
    for (const member of members) {
      if (!this.#mixed.has(member.id)) this.#mix(worker, member.id, this.#legs.media(member.id)!);
    }
    for (const [callId, leg] of this.#mixed) {
      const microphone = this.#legs.media(callId)?.microphone ?? null;
      if (microphone?.readyState === 'live' && leg.ownTrack?.readyState !== 'live') leg.ownTrack = microphone;
      // A microphone switch racing the mix's start may have put the microphone back: undo that.
      if (leg.flowing && leg.sender.track !== leg.mix) this.#sendMix(callId);
    }
    if (this.#hostMicrophone?.readyState !== 'live' || this.#hostMicrophoneFrom?.readyState !== 'live') this.#tapMicrophone(worker);
    this.#applyHostMute();
    const matrix = mixMatrix(members);
    // The host listens through the legs' elements (see the top of this file); the worker mixes
    // for the legs only.
    const hostHears = new Set(matrix.get(HOST));
    matrix.delete(HOST);
    for (const [callId, leg] of this.#mixed) leg.audio.muted = !hostHears.has(callId);
    const hears: ToMixWorker = { type: 'hears', hears: [...matrix] };
    worker.postMessage(hears);
  }

  #startWorker(): Worker {
    const worker = new Worker(new URL('./mix-worker.ts', import.meta.url), { type: 'module', name: 'conference-mix' });
    worker.onmessage = ({ data }: MessageEvent<FromMixWorker>) => {
      if (this.#worker !== worker) return;
      if (data.type === 'speaking') this.#options.onSpeaking?.(new Set(data.ids));
      else this.#sendMix(data.id);
    };
    return worker;
  }

  #mix(worker: Worker, callId: string, media: LegMedia): void {
    const remoteTrack = media.remoteStream.getAudioTracks()[0];
    const sender = audioSender(media.peerConnection);
    if (!remoteTrack || !sender) return;
    lowestPlayoutDelay(media.peerConnection);
    // The worker reads the leg's own remote track (its reader is cancelled when the leg leaves the
    // mix; the track lives on): it is silent while SIP.js holds the leg, as it should be in the mix.
    post(worker, { type: 'add-source', id: callId, paces: true, frames: audioTrackReader(remoteTrack) });
    const { track: mix, frames } = audioTrackGenerator();
    post(worker, { type: 'add-output', id: callId, frames });
    // The leg keeps sending the microphone until its mix flows (#sendMix): a sender without audio
    // would leave a gap in the far end's packets, which its jitter buffer answers by growing.
    this.#mixed.set(callId, {
      peerConnection: media.peerConnection,
      remoteTrack,
      audio: media.audio,
      sender,
      mix,
      flowing: false,
      ownTrack: sender.track,
    });
  }

  /** The leg's first mixed block is written: its sender takes the mix instead of the microphone. */
  #sendMix(callId: string): void {
    const leg = this.#mixed.get(callId);
    if (leg?.mix.readyState !== 'live') return;
    leg.flowing = true;
    void leg.sender.replaceTrack(leg.mix).catch(() => undefined);
  }

  /** Takes a leg out of the mix; if it is still up, it gets its own microphone and speaker back. */
  #unmix(callId: string, leg: MixedLeg, media: LegMedia | undefined): void {
    this.#mixed.delete(callId);
    if (this.#worker) {
      post(this.#worker, { type: 'remove-source', id: callId });
      post(this.#worker, { type: 'remove-output', id: callId });
    }
    leg.mix.stop();
    if (!media || media.peerConnection !== leg.peerConnection) return;
    media.audio.muted = false;
    if (leg.ownTrack?.readyState === 'live') void leg.sender.replaceTrack(leg.ownTrack).catch(() => undefined);
  }

  /**
   * The host's microphone as a source of the mix, cloned from the first leg that has one live
   * (the worker drops the previous clone's reader when it gets the new one).
   */
  #tapMicrophone(worker: Worker): void {
    const ownTrack = [...this.#mixed.values()].map((leg) => leg.ownTrack).find((track) => track?.readyState === 'live');
    if (ownTrack === this.#hostMicrophoneFrom && this.#hostMicrophone?.readyState === 'live') return;
    this.#hostMicrophone?.stop();
    this.#hostMicrophone = ownTrack?.clone();
    this.#hostMicrophoneFrom = ownTrack ?? undefined;
    if (this.#hostMicrophone) post(worker, { type: 'add-source', id: HOST, paces: false, frames: audioTrackReader(this.#hostMicrophone) });
  }

  #stopMixing(): void {
    for (const [callId, leg] of this.#mixed) this.#unmix(callId, leg, this.#legs.media(callId));
    this.#hostMicrophone?.stop();
    this.#hostMicrophone = undefined;
    this.#hostMicrophoneFrom = undefined;
    // No conference, no mixing thread: nothing of the mix runs between conferences.
    this.#worker?.terminate();
    if (this.#worker) this.#options.onSpeaking?.(new Set());
    this.#worker = undefined;
  }

  #applyHostMute(): void {
    if (this.#hostMicrophone) this.#hostMicrophone.enabled = !this.hostMuted();
  }

  #reportCannotMix(): void {
    if (this.#reportedCannotMix) return;
    this.#reportedCannotMix = true;
    this.#options.onCannotMix?.();
  }
}

function post(worker: Worker, message: ToMixWorker): void {
  const transfer = 'frames' in message ? [message.frames as unknown as Transferable] : [];
  worker.postMessage(message, transfer);
}

function audioSender(connection: RTCPeerConnection): RTCRtpSender | undefined {
  return connection.getSenders().find((candidate) => candidate.track?.kind === 'audio' || candidate.track === null);
}

/** Is the leg still the one that was mixed (same connection, remote track and element)? */
function sameLeg(leg: MixedLeg, media: LegMedia): boolean {
  return (
    media.peerConnection === leg.peerConnection &&
    media.remoteStream.getAudioTracks()[0] === leg.remoteTrack &&
    media.audio === leg.audio &&
    audioSender(media.peerConnection) === leg.sender
  );
}

/**
 * The host's jitter buffers sit in the middle of every conference path (sender → host → receiver),
 * so ask for the shortest playout delay the network allows; the receivers keep their own buffers.
 */
function lowestPlayoutDelay(connection: RTCPeerConnection): void {
  for (const receiver of connection.getReceivers()) {
    const tunable = receiver as RTCRtpReceiver & { jitterBufferTarget?: number | null };
    if ('jitterBufferTarget' in tunable) tunable.jitterBufferTarget = 0;
  }
}
