/**
 * Local mixing for the conferences this desk hosts (docs/conferences.md). For every member's
 * call leg, a MediaStreamAudioDestinationNode sums whoever that member hears (mix-matrix.ts),
 * the host's microphone included, and replaces the leg's outgoing track (RTCRtpSender.
 * replaceTrack: no renegotiation; only the leg's packet time is renegotiated, once, see
 * MIX_PACKET_TIME_MS). The host hears its own mix through one speaker element; the legs' own
 * elements stay attached but muted, because Chromium feeds a remote stream into Web Audio only
 * while a media element plays it.
 *
 * The graph is rebuilt whenever the conferences or the legs change: simple, and a rebuild is a
 * few node connections (measured in test/bench/conference-mix.bench.ts).
 */
import type { ConferenceSnapshot } from '../../src-main/contract/conference.js';
import type { LegMediaSource } from './leg-media.js';
import { HOST, mixMatrix, type MixMember } from './mix-matrix.js';

/** RMS level above which a member counts as speaking (0..1 full scale). */
const SPEAKING_RMS = 0.02;
const LEVEL_INTERVAL_MS = 250;
/**
 * Packet time of a mixed leg's audio, both ways. Every conference path holds a frame of audio
 * once more than a direct call (the host decodes, mixes and encodes again), so its frames are
 * halved: 10 ms instead of the usual 20 takes about that much off the delay the mix adds, for
 * twice the packets on the mixed legs only (docs/conferences.md, "Packet time").
 */
export const MIX_PACKET_TIME_MS = 10;

export interface MixerOptions {
  /** Speaker device id for the host's mix; empty for the default. */
  readonly speakerId: () => string;
  /** Who is speaking, by call id (and HOST), every LEVEL_INTERVAL_MS while mixing. */
  readonly onSpeaking?: (speaking: ReadonlySet<string>) => void;
}

interface Graph {
  readonly nodes: AudioNode[];
  readonly analysers: Map<string, AnalyserNode>;
  readonly hostAudio: HTMLAudioElement;
  readonly hostStream: MediaStream;
  /** Legs whose sender carries a mix and whose speaker element is muted. */
  readonly mixedLegs: Set<string>;
}

export class ConferenceMixer {
  readonly #legs: LegMediaSource;
  readonly #options: MixerOptions;
  /** Each leg's own microphone track, kept to restore it when the leg leaves the mix. */
  readonly #originalTracks = new Map<string, MediaStreamTrack>();
  #conferences = new Map<string, ConferenceSnapshot>();
  /** Calls the agent has muted: muting any call of a conference mutes the host in every mix. */
  readonly #mutedCalls = new Set<string>();
  #context: AudioContext | undefined;
  /**
   * The host's microphone for the mix: a clone of a leg's own track, because SIP.js disables a
   * leg's track while it is on hold, and a merged call was usually held a moment ago.
   */
  #microphone: MediaStreamTrack | undefined;
  #graph: Graph | undefined;
  #levelTimer: ReturnType<typeof setInterval> | undefined;
  readonly #offLegs: () => void;

  constructor(legs: LegMediaSource, options: MixerOptions) {
    this.#legs = legs;
    this.#options = options;
    this.#offLegs = legs.onChange(() => this.#rebuild());
  }

  /** The full set of live conferences (after a (re)connect). */
  replaceAll(conferences: readonly ConferenceSnapshot[]): void {
    this.#conferences = new Map(conferences.map((conference) => [conference.id, conference]));
    this.#rebuild();
  }

  apply(conference: ConferenceSnapshot): void {
    if (conference.status === 'terminated') this.#conferences.delete(conference.id);
    else this.#conferences.set(conference.id, conference);
    this.#rebuild();
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

  /** Is the mixing context running (test hooks)? It rests while no conference is live. */
  audioRunning(): boolean {
    return this.#context?.state === 'running';
  }

  /** What the host hears (test hooks and benchmarks measure it). */
  hostHears(): MediaStream | undefined {
    return this.#graph?.hostStream;
  }

  stop(): void {
    this.#offLegs();
    this.#teardown(new Set());
    void this.#context?.close();
    this.#context = undefined;
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

  #rebuild(): void {
    const members = this.#members();
    this.#teardown(new Set(members.map((member) => member.id)));
    if (members.length === 0) {
      // A running context keeps an output stream open in Chromium's audio service (the tone
      // player's cost ~9 ms of CPU a second, docs/benchmarks.md "desk-cost"): rest until the next.
      void this.#context?.suspend().catch(() => undefined);
      return;
    }
    const context = (this.#context ??= new AudioContext());
    void context.resume().catch(() => undefined);

    const nodes: AudioNode[] = [];
    const analysers = new Map<string, AnalyserNode>();
    const sources = new Map<string, AudioNode>();
    const mixedLegs = new Set<string>();

    for (const member of members) {
      const media = this.#legs.media(member.id)!;
      const sender = media.peerConnection.getSenders().find((candidate) => candidate.track?.kind === 'audio' || candidate.track === null);
      if (sender?.track && !this.#originalTracks.has(member.id)) this.#originalTracks.set(member.id, sender.track);
      lowestPlayoutDelay(media.peerConnection);
      this.#legs.usePacketTime(member.id, MIX_PACKET_TIME_MS);
      const source = context.createMediaStreamSource(media.remoteStream);
      nodes.push(source);
      sources.set(member.id, source);
    }
    if (this.#microphone?.readyState !== 'live') {
      const original = [...this.#originalTracks.values()].find((track) => track.readyState === 'live');
      this.#microphone = original?.clone();
    }
    const microphone = this.#microphone;
    if (microphone) {
      microphone.enabled = !this.hostMuted();
      const source = context.createMediaStreamSource(new MediaStream([microphone]));
      nodes.push(source);
      sources.set(HOST, source);
    }
    for (const [id, source] of sources) {
      const analyser = context.createAnalyser();
      analyser.fftSize = 512;
      source.connect(analyser);
      analysers.set(id, analyser);
      nodes.push(analyser);
    }

    const matrix = mixMatrix(members);
    const hostDestination = context.createMediaStreamDestination();
    nodes.push(hostDestination);
    for (const [listener, speakers] of matrix) {
      const destination = listener === HOST ? hostDestination : context.createMediaStreamDestination();
      if (listener !== HOST) nodes.push(destination);
      for (const speaker of speakers) sources.get(speaker)?.connect(destination);
      if (listener === HOST) continue;
      const media = this.#legs.media(listener)!;
      const sender = media.peerConnection.getSenders().find((candidate) => candidate.track?.kind === 'audio' || candidate.track === null);
      const track = destination.stream.getAudioTracks()[0];
      if (sender && track) void sender.replaceTrack(track).catch(() => undefined);
      media.audio.muted = true;
      mixedLegs.add(listener);
    }

    const hostAudio = document.createElement('audio');
    hostAudio.autoplay = true;
    hostAudio.dataset.role = 'conference-audio';
    hostAudio.srcObject = hostDestination.stream;
    document.body.append(hostAudio);
    const speakerId = this.#options.speakerId();
    if (speakerId && 'setSinkId' in hostAudio) {
      (hostAudio as HTMLAudioElement & { setSinkId(id: string): Promise<void> }).setSinkId(speakerId).catch(() => undefined);
    }
    void hostAudio.play().catch(() => undefined);

    this.#graph = { nodes, analysers, hostAudio, hostStream: hostDestination.stream, mixedLegs };
    this.#startLevels();
  }

  /** Undo the current graph; legs not in `keep` get their own microphone and speaker back. */
  #teardown(keep: ReadonlySet<string>): void {
    if (keep.size === 0) {
      this.#microphone?.stop();
      this.#microphone = undefined;
    }
    const graph = this.#graph;
    this.#graph = undefined;
    if (this.#levelTimer !== undefined) clearInterval(this.#levelTimer);
    this.#levelTimer = undefined;
    if (!graph) return;
    for (const node of graph.nodes) node.disconnect();
    graph.hostAudio.pause();
    graph.hostAudio.srcObject = null;
    graph.hostAudio.remove();
    for (const callId of graph.mixedLegs) {
      if (keep.has(callId)) continue;
      const media = this.#legs.media(callId);
      const original = this.#originalTracks.get(callId);
      this.#originalTracks.delete(callId);
      if (!media) continue;
      this.#legs.usePacketTime(callId, null);
      media.audio.muted = false;
      const sender = media.peerConnection.getSenders().find((candidate) => candidate.track?.kind === 'audio');
      if (sender && original && original.readyState === 'live') void sender.replaceTrack(original).catch(() => undefined);
    }
    this.#options.onSpeaking?.(new Set());
  }

  #applyHostMute(): void {
    if (this.#microphone) this.#microphone.enabled = !this.hostMuted();
  }

  #startLevels(): void {
    const onSpeaking = this.#options.onSpeaking;
    const graph = this.#graph;
    if (!onSpeaking || !graph) return;
    const buffer = new Float32Array(512);
    this.#levelTimer = setInterval(() => {
      const speaking = new Set<string>();
      for (const [id, analyser] of graph.analysers) {
        analyser.getFloatTimeDomainData(buffer);
        let sum = 0;
        for (const sample of buffer) sum += sample * sample;
        if (Math.sqrt(sum / buffer.length) > SPEAKING_RMS) speaking.add(id);
      }
      onSpeaking(speaking);
    }, LEVEL_INTERVAL_MS);
  }
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
