/**
 * Diagnostics for end-to-end tests: the media of each leg, so a test can measure tone energy
 * and RTP counters in the page. Installed only when the host was started with --test-hooks
 * (it then adds <meta name="softphone-test-hooks" content="on">); inert otherwise.
 */
import type { Web } from 'sip.js';
import { testHooksEnabled } from '../test-hooks.js';
import type { CallLegs } from './call-legs.js';

export interface SoftphoneTestHooks {
  /** Calls that have a SIP session in this window. */
  liveCallIds(): string[];
  peerConnection(callId: string): RTCPeerConnection | undefined;
  remoteStream(callId: string): MediaStream | undefined;
  dtmfReceived(callId: string): string[];
  dtmfSentInBand(callId: string): string[];
}

declare global {
  interface Window {
    __softphoneTest?: SoftphoneTestHooks;
  }
}

export function installTestHooks(legs: CallLegs): void {
  if (!testHooksEnabled()) return;
  const handler = (callId: string) =>
    legs.leg(callId)?.session.sessionDescriptionHandler as Web.SessionDescriptionHandler | undefined;
  window.__softphoneTest = {
    liveCallIds: () => legs.callIds(),
    peerConnection: (callId) => handler(callId)?.peerConnection,
    remoteStream: (callId) => handler(callId)?.remoteMediaStream,
    dtmfReceived: (callId) => [...(legs.leg(callId)?.dtmfReceived ?? [])],
    dtmfSentInBand: (callId) => [...(legs.leg(callId)?.dtmfSentInBand ?? [])],
  };
}
