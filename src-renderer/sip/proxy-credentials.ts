/**
 * Proxy credentials sent with a new call up front, instead of after a 407.
 *
 * SIP.js answers a challenge only after the fact: every INVITE leaves without credentials, the
 * proxy answers 407, SIP.js acknowledges it and sends the INVITE again with them. Every call
 * waits one round trip more, and a ring group of twenty puts forty extra messages through the
 * page and the proxy at its busiest moment. Phones built on pjsip keep the last challenge and
 * sign the next request with it; so do we. The digest is RFC 2617's (qop "auth"): the kept nonce
 * with a nonce count that goes up with each use and a fresh cnonce.
 *
 * Where the proxy no longer takes the nonce (it expired), it challenges again with stale=true;
 * SIP.js answers that as it always did, and the new challenge replaces the kept one. Only a
 * challenge SIP.js answered with Proxy-Authorization for an INVITE is kept (a registrar's 401 is
 * a different realm of trust), and only "auth" can be signed ahead: "auth-int" covers the body,
 * which SIP.js adds after this point.
 */
import type { Core } from 'sip.js';

type DigestAuthentication = Core.DigestAuthentication;
type OutgoingRequestMessage = Core.OutgoingRequestMessage;

/** The fields of a parsed WWW-/Proxy-Authenticate header that SIP.js's digest reads. */
interface Challenge {
  readonly realm?: string;
  readonly nonce?: string;
  readonly opaque?: string;
  readonly algorithm?: string;
  readonly qop?: string | readonly string[];
  readonly stale?: boolean;
}

/** The part of SIP.js's user agent core this needs: where it gets a digest for each challenge. */
export interface DigestSource {
  authenticationFactory(): DigestAuthentication | undefined;
}

export class ProxyCredentials {
  readonly #newDigest: () => DigestAuthentication | undefined;
  #challenge: Challenge | undefined;
  /** One digest per kept challenge, so that its nonce count goes up with each request signed. */
  #digest: DigestAuthentication | undefined;

  /**
   * Watch every challenge SIP.js answers through `source` (the user agent core's configuration)
   * and keep the newest proxy challenge to an INVITE.
   */
  constructor(source: DigestSource) {
    const newDigest = source.authenticationFactory.bind(source);
    this.#newDigest = newDigest;
    source.authenticationFactory = () => {
      const digest = newDigest();
      if (digest) this.#watch(digest);
      return digest;
    };
  }

  /** Add Proxy-Authorization to a new INVITE when a challenge is kept; otherwise leave it bare. */
  sign(request: OutgoingRequestMessage): void {
    const challenge = this.#challenge;
    if (!challenge || !offersAuth(challenge.qop)) return;
    this.#digest ??= this.#newDigest();
    // Always "auth": the body, which "auth-int" would cover, is not there yet.
    const signed = this.#digest?.authenticate(request, { ...challenge, qop: challenge.qop === undefined ? undefined : ['auth'] });
    if (signed) request.setHeader('Proxy-Authorization', this.#digest!.toString());
  }

  /** Forget the kept challenge (the account changed, or the proxy refused what we sent). */
  forget(): void {
    this.#challenge = undefined;
    this.#digest = undefined;
  }

  #watch(digest: DigestAuthentication): void {
    const authenticate = digest.authenticate.bind(digest);
    digest.authenticate = (request, challenge: Challenge, body) => {
      const accepted = authenticate(request, challenge, body);
      // SIP.js sets the header right after this returns: Proxy-Authorization for a 407,
      // Authorization for a 401. Look once it has.
      if (accepted && request.method === 'INVITE') {
        queueMicrotask(() => {
          if (request.hasHeader('Proxy-Authorization')) this.#keep(challenge);
        });
      }
      return accepted;
    };
  }

  #keep(challenge: Challenge): void {
    const kept = this.#challenge;
    if (kept && kept.nonce === challenge.nonce && kept.realm === challenge.realm) return;
    this.#challenge = { ...challenge, stale: undefined };
    this.#digest = undefined;
  }
}

/** No qop (RFC 2069 style) or a qop list that includes "auth". */
function offersAuth(qop: Challenge['qop']): boolean {
  if (qop === undefined) return true;
  return (typeof qop === 'string' ? qop.split(',').map((value) => value.trim()) : qop).includes('auth');
}
