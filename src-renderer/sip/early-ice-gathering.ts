/**
 * When an offer or answer may go without waiting for the rest of ICE gathering.
 *
 * SIP has no trickle ICE here: SIP.js waits until gathering is complete (or its timeout) before it
 * sends the SDP. With no ICE servers, Chromium gathers every UDP host candidate within a few
 * milliseconds and then, about 115 ms later (measured on the build machines), active TCP
 * candidates, which a SIP peer never uses: an active candidate only connects out to a passive one,
 * and PBXs and SIP phones offer UDP. Waiting for them costs every outgoing call that much.
 *
 * So, with no ICE servers configured: gathering counts as done UDP_SETTLE_MS after the last UDP
 * candidate (one per interface and address family, all in one allocation step), or at the first
 * TCP candidate, whichever comes first. The timer can only make it earlier: where a background
 * window's timers are throttled, the TCP candidate still ends the wait. With ICE servers, server
 * reflexive and relay candidates matter and take a round trip to the server: SIP.js's own rule
 * (complete, or its timeout) stays.
 */

/** The part of SIP.js's Web.SessionDescriptionHandler this needs (SIP.js documents both for this use). */
export interface GatheringHandler {
  peerConnectionDelegate: { onicecandidate?: (event: RTCPeerConnectionIceEvent) => void } | undefined;
  iceGatheringComplete(): void;
}

/** Long enough for every interface's UDP candidate of one allocation step (they arrive within ~1 ms). */
export const UDP_SETTLE_MS = 20;

export function finishGatheringEarly(handler: GatheringHandler, options: { hasIceServers: boolean }): void {
  if (options.hasIceServers) return;
  let settle: ReturnType<typeof setTimeout> | undefined;
  const finish = (): void => {
    clearTimeout(settle);
    settle = undefined;
    // Resolves SIP.js's wait if there is one; a no-op otherwise (e.g. after the SDP has gone).
    handler.iceGatheringComplete();
  };
  handler.peerConnectionDelegate = {
    ...handler.peerConnectionDelegate,
    onicecandidate: (event) => {
      const candidate = event.candidate;
      if (!candidate) return; // end of candidates: SIP.js sees gathering "complete" itself
      if (candidate.protocol === 'tcp') {
        finish();
        return;
      }
      clearTimeout(settle);
      settle = setTimeout(finish, UDP_SETTLE_MS);
    },
  };
}
