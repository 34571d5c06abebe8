/**
 * How SIP's answer to an unanswered call maps onto the seed's states and our end reasons.
 * This table is documented in docs/call-states.md; keep the two in step.
 */
import type { CallState, EndReason } from '../contract/call.js';

export interface Outcome {
  readonly state: CallState;
  readonly endReason: EndReason;
}

/** Final response to our INVITE (outgoing call, never answered). */
export function outcomeOfFinalResponse(statusCode: number): Outcome {
  switch (statusCode) {
    case 486:
    case 600:
      return { state: 'BUSY', endReason: 'busy' };
    case 603:
      return { state: 'REJECTED', endReason: 'declined' };
    case 404:
    case 484:
    case 604:
      return { state: 'FAILED', endReason: 'not_found' };
    case 480:
      return { state: 'FAILED', endReason: 'unavailable' };
    case 408:
    case 487:
      // 408: nobody answered in the proxy's time; 487 not caused by our CANCEL: the network
      // gave up ringing. Either way, it rang and nobody answered.
      return { state: 'NOT_ANSWERED', endReason: 'no_answer' };
    case 403:
      return { state: 'REJECTED', endReason: 'rejected' };
    default:
      return { state: 'FAILED', endReason: 'failed' };
  }
}

/**
 * Reason header (RFC 3326) of a CANCEL that stopped an incoming ring: cause=200 means a
 * colleague answered it ("Call completed elsewhere"). Keyed off the cause; the text is only informational.
 */
export function isAnsweredElsewhere(reasonHeader: string | undefined): boolean {
  if (!reasonHeader) return false;
  return reasonHeader
    .split(',')
    .some((reason) => /^\s*SIP\s*;(.*;)?\s*cause\s*=\s*200\s*(;|$)/i.test(reason));
}
