/**
 * What the conference mixer needs from a call leg, without knowing SIP.js: the SIP adapter
 * (src-renderer/sip) implements this. The remote stream already plays in `audio`; Chromium hands
 * a remote WebRTC track's audio to anything else (Web Audio, a track processor) only while a
 * media element plays it, so the mixer keeps that element (muted) instead of making its own.
 */
export interface LegMedia {
  readonly peerConnection: RTCPeerConnection;
  readonly remoteStream: MediaStream;
  readonly audio: HTMLAudioElement;
  /**
   * The leg's own microphone track, or null. It changes when the agent chooses another
   * microphone during the call (the old one is stopped): the mixer follows it.
   */
  readonly microphone: MediaStreamTrack | null;
}

export interface LegMediaSource {
  /** Media of an established leg in this window, or undefined. */
  media(callId: string): LegMedia | undefined;
  /** Called whenever a leg is established or ends. Returns the unsubscribe. */
  onChange(listener: () => void): () => void;
}
