/**
 * The answer to an incoming call, built while it rings, so that the agent's click sends it.
 *
 * SIP.js builds the answer when `accept()` is called: it applies the caller's offer, opens the
 * microphone, creates and sets the answer, waits for ICE gathering, and only then sends the 200
 * OK (25–30 ms after the click here, measured by the call-latency bench). None of that depends on
 * the agent's decision, so the desk does it while the call rings, and the click sends the 200 OK
 * with the answer already made.
 *
 * What the caller can get before the answer: nothing of the agent. The microphone's tracks are
 * silenced before they reach the peer connection (`silenceWhilePreparing`, in the handler's
 * media factory) and switched on only as the 200 OK leaves; the far end's audio is played only
 * once the call is connected (call-legs.ts). ICE runs from the moment the answer is set (our
 * connectivity checks reach the caller's addresses from the offer), but our side of DTLS is
 * passive: we never start the handshake. An honest caller starts it after the 200 OK, as usual;
 * and when the INVITE was forked to several devices of one user, no device that did not answer
 * has begun a handshake with the caller (with active DTLS, each would have sent its ClientHello
 * while ringing, and the caller keeps only one of them).
 *
 * This replaces one internal method of one session, as inviter-hooks.ts does: check it when SIP.js
 * is upgraded; if its methods are gone, nothing is prepared and SIP.js answers as before.
 */
import { SessionState, Web, type Invitation } from 'sip.js';

/** The handlers whose answer is being built while their call rings: their microphone starts silent. */
const preparing = new WeakSet<object>();

/** SIP.js's answer body (its internal `Body`), as `setOfferAndGetAnswer` returns it. */
interface SipBody {
  contentDisposition: string;
  contentType: string;
  content: string;
}

/** The two internal methods of SIP.js 0.21's Session this uses. */
interface AnswerInternals {
  setupSessionDescriptionHandler?: () => unknown;
  setOfferAndGetAnswer?: (offer: SipBody, options: unknown) => Promise<SipBody>;
}

/**
 * Build the answer to `invitation`'s offer now. Its `accept()` then sends that answer at once,
 * calling `beforeSend` first (where the caller switches the microphone on). False when there is
 * nothing to prepare: an answer already begun, an INVITE without an SDP offer, or a SIP.js
 * without these methods.
 */
export function prepareAnswer(
  invitation: Invitation,
  options: Web.SessionDescriptionHandlerOptions,
  beforeSend: () => void,
): boolean {
  // Once accept() has begun (or the call is over), SIP.js is building or has dropped the answer.
  if (invitation.state !== SessionState.Initial) return false;
  const offer = invitation.request.body;
  const isSdp = invitation.request.getHeader('Content-Type')?.toLowerCase().startsWith('application/sdp') ?? false;
  const session = invitation as unknown as AnswerInternals;
  const answerFromOffer = session.setOfferAndGetAnswer;
  if (!offer || !isSdp || typeof session.setupSessionDescriptionHandler !== 'function' || typeof answerFromOffer !== 'function') {
    return false;
  }
  const handler = session.setupSessionDescriptionHandler();
  if (!(handler instanceof Web.SessionDescriptionHandler)) return false;

  preparing.add(handler);
  const answer = handler
    .setDescription(offer, options)
    .then(() => handler.getDescription(options, [passiveDtlsInAnswer]))
    .finally(() => preparing.delete(handler));
  // A failure (no microphone, a closed call) is reported by the accept that uses this answer.
  answer.catch(() => undefined);

  session.setOfferAndGetAnswer = (requestOffer, acceptOptions) => {
    delete session.setOfferAndGetAnswer; // once: later offers (re-INVITEs) take SIP.js's own way
    if (requestOffer.content !== offer) return answerFromOffer.call(invitation, requestOffer, acceptOptions);
    return answer.then((description) => {
      beforeSend();
      return { contentDisposition: 'session', contentType: description.contentType, content: description.body };
    });
  };
  return true;
}

/**
 * For the session description handler's media factory: a stream for an answer still being
 * prepared has its tracks switched off before any of them reaches the peer connection.
 */
export function silenceWhilePreparing(handler: object, stream: MediaStream): MediaStream {
  if (preparing.has(handler)) for (const track of stream.getTracks()) track.enabled = false;
  return stream;
}

/**
 * Our answer takes the passive DTLS role (RFC 5763 lets the answerer choose; Chromium's own
 * answer says active): the caller, who offered actpass, starts the handshake once it has our
 * answer. Offers are left as they are.
 */
export function passiveDtlsInAnswer(description: RTCSessionDescriptionInit): Promise<RTCSessionDescriptionInit> {
  if (description.type !== 'answer' || !description.sdp) return Promise.resolve(description);
  return Promise.resolve({ ...description, sdp: description.sdp.replace(/^a=setup:active(?=\r?$)/gm, 'a=setup:passive') });
}
