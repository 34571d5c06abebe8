/**
 * Two hooks into SIP.js's Inviter (0.21) where its public API has no say: each replaces one
 * internal method of one session. Check them when SIP.js is upgraded; if its method is gone, the
 * first falls back to SIP.js's own behaviour (the answer is then reported at Established).
 */
import { SessionState, type Inviter } from 'sip.js';

/**
 * Tell `listener` the moment our call's 200 OK arrives, before SIP.js sets up the media, and
 * then hand it SIP.js's promise of that set-up (it rejects if our side fails). With a
 * delayed offer (ring-all legs) SIP.js first answers the far end's offer (peer connection,
 * microphone, ICE gathering) and only then sends the ACK and reports Established: tens of
 * milliseconds in which a ring group's other destinations would keep ringing. The call is
 * answered at the 2xx (RFC 3261 §13.2.2.4); the engine starts its cancel-all then. Inviter's
 * onAccept is where SIP.js takes the first 2xx of a session it has not cancelled (a second
 * dialog's 2xx, or one after our CANCEL, never reaches it).
 */
export function onAcceptedBeforeMedia(
  inviter: Inviter,
  listener: { answered(): void; mediaSettling(media: Promise<void>): void },
): void {
  const target = inviter as unknown as { onAccept?: (response: unknown) => Promise<void> };
  // A SIP.js without this method (a future version) reports the answer at Established, as before.
  if (typeof target.onAccept !== 'function') return;
  const handle = target.onAccept.bind(inviter);
  target.onAccept = (response) => {
    if (inviter.state !== SessionState.Establishing) return handle(response);
    listener.answered();
    // Handed over before SIP.js runs: it may end the session within this very call (an answer
    // from another fork than the one whose early media played), and that end must wait for why.
    let adopt: (setUp: Promise<void>) => void = () => undefined;
    listener.mediaSettling(new Promise<void>((resolve) => (adopt = resolve)));
    const setUp = handle(response);
    adopt(setUp);
    return setUp;
  };
}

/**
 * SIP.js answers a 200 OK that crosses our CANCEL with ACK and a bare BYE. For a group leg the
 * far side must see why (Reason cause=200, "answered elsewhere"), so this one session's
 * ackAndBye adds the Reason we cancelled with. ackAndBye is SIP.js's own hook for exactly this
 * case (Inviter: "Canceled session accepted, sending ACK and BYE").
 */
export function byeWithReasonIfAcceptedAfterCancel(inviter: Inviter, reasonHeader: string): void {
  const target = inviter as unknown as {
    ackAndBye: (response: { ack(): void; session: { bye(delegate: undefined, options: { extraHeaders: string[] }): void } }) => void;
  };
  target.ackAndBye = (response) => {
    response.ack();
    response.session.bye(undefined, { extraHeaders: [`Reason: ${reasonHeader}`] });
  };
}
