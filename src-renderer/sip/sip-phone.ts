/**
 * The SIP user agent, its registration, and the supervisor SIP.js leaves to us:
 *  - reconnect forever with backoff and jitter, and re-REGISTER on every connect;
 *  - an OPTIONS keep-alive that expects an answer, so a dead or frozen server is noticed
 *    (SIP.js's CRLF keep-alive expects none, and pages can't send WebSocket pings);
 *  - after a reconnect, tell the call legs so they can prove or end dialogs whose path died.
 */
import {
  Registerer,
  RegistererState,
  UserAgent,
  Web,
  type Invitation,
  type UserAgentOptions,
} from 'sip.js';
import { SharedMicrophone } from '../media/shared-microphone.js';
import type { Registration } from '../../src-main/contract/desk.js';
import type { SipSettings } from '../../src-main/contract/settings.js';
import {
  reasonForConnectionLost,
  reasonForRegisterResponse,
  reasonForUnreachable,
  type AccountNames,
} from './registration-reasons.js';
import { finishGatheringEarly } from './early-ice-gathering.js';
import { silenceWhilePreparing } from './prepared-answer.js';
import { ProxyCredentials } from './proxy-credentials.js';
import { KEEPALIVE_INTERVAL_MS, KEEPALIVE_TIMEOUT_MS, nextRetryDelay } from './reconnect-policy.js';

/**
 * Every leg's microphone stream is a clone of one capture (a ring-all group opens the device
 * once, not once per leg); see media/shared-microphone.ts.
 */
export const sharedMicrophone = new SharedMicrophone<MediaStream>((constraints) => navigator.mediaDevices.getUserMedia(constraints));

export interface SipPhoneEvents {
  onRegistration(registration: Registration): void;
  onInvite(invitation: Invitation): void;
  /** The transport came back after a drop: dialogs may have lost their path. */
  onReconnected(): void;
  /** The transport dropped. */
  onDisconnected(): void;
}

const defaultHandlerFactory = Web.defaultSessionDescriptionHandlerFactory(async (constraints, handler) =>
  silenceWhilePreparing(handler, await sharedMicrophone.stream(constraints)),
);

/** Without ICE servers, host candidates are ready at once: never wait long for gathering. */
const ICE_GATHERING_TIMEOUT_MS = 500;
const ICE_GATHERING_TIMEOUT_WITH_SERVERS_MS = 2000;
const REGISTER_EXPIRES_S = 300;

export class SipPhone {
  readonly userAgent: UserAgent;
  /** The proxy's last challenge, to sign new calls with up front (see proxy-credentials.ts). */
  readonly proxyCredentials: ProxyCredentials;
  readonly #registerer: Registerer;
  readonly #events: SipPhoneEvents;
  readonly #account: AccountNames;
  readonly #settings: SipSettings;
  #attempt = 0;
  #retryTimer: ReturnType<typeof setTimeout> | undefined;
  #keepAliveTimer: ReturnType<typeof setInterval> | undefined;
  #stopped = false;
  #started = false;
  #everConnected = false;
  #authFailed = false;

  constructor(settings: SipSettings, events: SipPhoneEvents) {
    this.#settings = settings;
    this.#events = events;
    const uri = UserAgent.makeURI(settings.uri);
    if (!uri) throw new Error(`Not a SIP address: ${settings.uri}`);
    const user = settings.username || uri.user || '';
    this.#account = { user, domain: uri.host, server: settings.server };

    const options: UserAgentOptions = {
      uri,
      transportOptions: { server: settings.server, connectionTimeout: 5, keepAliveInterval: 0 },
      authorizationUsername: user,
      authorizationPassword: settings.password,
      displayName: settings.display_name || undefined,
      // Our supervisor reconnects; SIP.js's own gives up after a count.
      reconnectionAttempts: 0,
      // SIP.js would send 180 Ringing before the engine has decided, and hand us the INVITE only
      // after that send: a ring for a call the engine refuses (Away → 480) or answers at once (a
      // supervisor's join), and a second 180 when we ring. CallLegs sends the one 180 itself.
      sendInitialProvisionalResponse: false,
      logBuiltinEnabled: false,
      logLevel: 'error',
      sessionDescriptionHandlerFactory: (session, factoryOptions) => {
        const handler = defaultHandlerFactory(session, factoryOptions);
        if (handler instanceof Web.SessionDescriptionHandler) {
          finishGatheringEarly(handler, { hasIceServers: settings.ice_servers.length > 0 });
        }
        return handler;
      },
      sessionDescriptionHandlerFactoryOptions: {
        peerConnectionConfiguration: { iceServers: settings.ice_servers },
        iceGatheringTimeout:
          settings.ice_servers.length === 0 ? ICE_GATHERING_TIMEOUT_MS : ICE_GATHERING_TIMEOUT_WITH_SERVERS_MS,
      },
      delegate: {
        onConnect: () => this.#onConnect(),
        onDisconnect: () => this.#onDisconnect(),
        onInvite: (invitation) => this.#events.onInvite(invitation),
      },
    };
    this.userAgent = new UserAgent(options);
    this.proxyCredentials = new ProxyCredentials(this.userAgent.userAgentCore.configuration);
    this.#registerer = new Registerer(this.userAgent, { expires: REGISTER_EXPIRES_S });
  }

  get domain(): string {
    return this.#account.domain;
  }

  start(): void {
    this.#report('registering', null);
    this.#connect();
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#retryTimer);
    clearInterval(this.#keepAliveTimer);
    try {
      if (this.#registerer.state === RegistererState.Registered) await this.#registerer.unregister();
    } catch {
      // The server may be gone already; stopping must still finish.
    }
    await this.userAgent.stop().catch(() => undefined);
  }

  #connect(): void {
    if (this.#stopped) return;
    const attempt = this.#started ? this.userAgent.reconnect() : this.userAgent.start();
    this.#started = true;
    attempt.catch(() => {
      // Connecting failed (refused, or the handshake timed out on a frozen server).
      if (!this.#everConnected) this.#report('failed', reasonForUnreachable(this.#account));
      this.#scheduleRetry();
    });
  }

  #onConnect(): void {
    const reconnected = this.#everConnected;
    this.#everConnected = true;
    this.#attempt = 0;
    clearTimeout(this.#retryTimer);
    this.#register();
    this.#startKeepAlive();
    if (reconnected) this.#events.onReconnected();
  }

  #onDisconnect(): void {
    clearInterval(this.#keepAliveTimer);
    if (this.#stopped) return;
    this.#events.onDisconnected();
    this.#scheduleRetry();
  }

  #register(): void {
    if (this.#authFailed) return;
    this.#report('registering', null);
    this.#registerer
      .register({
        requestDelegate: {
          // After a reconnect the Registerer still believes it is registered, so its state
          // does not change again: the 200 to this REGISTER is what tells us.
          onAccept: () => {
            this.#authFailed = false;
            this.#report('registered', null);
          },
          onReject: (response) => {
            const code = (response.message.statusCode ?? 0);
            if (code === 401 || code === 403 || code === 407 || code === 404) this.#authFailed = true;
            this.#report('failed', reasonForRegisterResponse(code, this.#account));
          },
        },
      })
      .catch(() => undefined);
  }

  #scheduleRetry(): void {
    if (this.#stopped) return;
    clearTimeout(this.#retryTimer);
    const delay = nextRetryDelay(this.#attempt++);
    if (this.#everConnected) {
      this.#report('reconnecting', reasonForConnectionLost(this.#account), Date.now() + delay);
    }
    this.#retryTimer = setTimeout(() => this.#connect(), delay);
  }

  /** OPTIONS to our own server, which must answer; no answer in time means the path is dead. */
  #startKeepAlive(): void {
    clearInterval(this.#keepAliveTimer);
    this.#keepAliveTimer = setInterval(() => this.#probe(), KEEPALIVE_INTERVAL_MS);
  }

  #probe(): void {
    if (!this.userAgent.isConnected()) return;
    const core = this.userAgent.userAgentCore;
    const server = UserAgent.makeURI(`sip:${this.#account.domain}`);
    const from = this.userAgent.configuration.uri;
    if (!server) return;
    let answered = false;
    const message = core.makeOutgoingRequestMessage('OPTIONS', server, from, server, {});
    core.request(message, {
      onAccept: () => (answered = true),
      onReject: () => (answered = true), // any answer proves the path; 404 is as good as 200
    });
    setTimeout(() => {
      if (!answered && !this.#stopped && this.userAgent.isConnected()) {
        // Force the drop so the supervisor reconnects.
        void this.userAgent.transport.disconnect();
      }
    }, KEEPALIVE_TIMEOUT_MS);
  }

  #report(state: Registration['state'], reason: string | null, nextAttemptAt: number | null = null): void {
    // A wrong password stays the reason while we are connected; a reconnect message replaces it.
    if (this.#authFailed && state === 'registering') return;
    this.#events.onRegistration({ state, reason, next_attempt_at: nextAttemptAt });
  }
}
