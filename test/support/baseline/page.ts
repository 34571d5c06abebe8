/**
 * Bare SIP.js baseline softphone (browser side), bundled by server.ts with
 * esbuild. It proves the harness and gives the benchmarks a reference point:
 * the smallest thing SIP.js can do, with the ICE settings fixed as below.
 *
 * One UserAgent and at most one call per page; tests drive it through
 * `window.baseline` (see api.ts).
 */
import {
  Invitation,
  Inviter,
  Registerer,
  RegistererState,
  SessionState,
  UserAgent,
  Web,
  type Session,
  type UserAgentOptions,
} from 'sip.js';
import type { Core } from 'sip.js';

type OutgoingRequestDelegate = Core.OutgoingRequestDelegate;
import type { BaselineApi, CallParams, CallState, FinalResponse, Marks, RegisterParams, RegisterResult } from './api.js';

const now = (): number => performance.timeOrigin + performance.now();

let ua: UserAgent | undefined;
let registerer: Registerer | undefined;
let domain = '';
let session: Session | undefined;
let state: CallState = 'idle';
/** Waiters of waitForState(), told on every state change (no polling). */
const stateWaiters = new Set<() => void>();

function setState(next: CallState): void {
  state = next;
  for (const waiter of [...stateWaiters]) waiter();
}
let marks: Marks = {};
let lastFinal: FinalResponse | null = null;
/** Final status of our last BYE: a UA that never answers its BYE leaves 408 here. */
let lastByeStatus: number | null = null;
/** Status codes of the provisional responses to our current INVITE, in order. */
let provisionals: number[] = [];
let lastCancelReason: string | null = null;
let ended = 0;
let receivedMethods: string[] = [];
let audioPoll: ReturnType<typeof setInterval> | undefined;
const logLines: string[] = [];

const statusEl = (): HTMLElement => document.getElementById('status')!;
const remoteAudio = (): HTMLAudioElement => document.getElementById('remote') as HTMLAudioElement;

function log(line: string): void {
  logLines.push(`${new Date().toISOString()} ${line}`);
  if (logLines.length > 500) logLines.shift();
}

function show(text: string): void {
  statusEl().textContent = text;
}

function peerConnection(): RTCPeerConnection | undefined {
  const sdh = session?.sessionDescriptionHandler;
  return sdh instanceof Web.SessionDescriptionHandler ? sdh.peerConnection : undefined;
}

async function sumStats(
  type: 'inbound-rtp' | 'outbound-rtp',
  field: 'bytesReceived' | 'bytesSent' | 'jitterBufferDelay' | 'jitterBufferEmittedCount' | 'jitter' | 'concealmentEvents',
): Promise<number> {
  const pc = peerConnection();
  if (!pc) return 0;
  let total = 0;
  (await pc.getStats()).forEach((report: Record<string, unknown>) => {
    if (report.type === type && report.kind === 'audio' && typeof report[field] === 'number') total += report[field] as number;
  });
  return total;
}

/**
 * Mark the first inbound audio bytes. Polls getStats every 10 ms (the
 * benchmark's resolution) from the moment the call may carry media.
 */
function watchFirstAudio(): void {
  if (audioPoll !== undefined) return;
  let busy = false;
  audioPoll = setInterval(() => {
    if (busy) return; // getStats slower than the period: skip a tick
    busy = true;
    sumStats('inbound-rtp', 'bytesReceived')
      .then((bytes) => {
        if (bytes > 0 && marks.firstAudio === undefined) {
          marks.firstAudio = now();
          stopAudioWatch();
        }
      })
      .catch(() => undefined)
      .finally(() => {
        busy = false;
      });
  }, 10);
}

function stopAudioWatch(): void {
  if (audioPoll !== undefined) clearInterval(audioPoll);
  audioPoll = undefined;
}

/** Track a session's state: marks, remote audio, cleanup. */
function adopt(s: Session): void {
  session = s;
  receivedMethods = [];
  // Record in-dialog requests so tests can prove the proxy routes them.
  s.delegate = {
    ...s.delegate,
    onInfo: (info) => {
      receivedMethods.push('INFO');
      void info.accept();
    },
    onInvite: () => {
      receivedMethods.push('INVITE');
    },
    onBye: (bye) => {
      receivedMethods.push('BYE');
      void bye.accept();
    },
    onRefer: (referral) => {
      receivedMethods.push('REFER');
      // Accept (202) but do not follow: report success with a final NOTIFY
      // in the same dialog (RFC 3515 implicit subscription).
      void referral.accept().then(() => {
        s.dialog?.notify(undefined, {
          extraHeaders: ['Event: refer', 'Subscription-State: terminated;reason=noresource', 'Contact: ' + s.userAgent.contact.toString()],
          body: { contentDisposition: 'render', contentType: 'message/sipfrag;version=2.0', content: 'SIP/2.0 200 OK\r\n' },
        });
      });
    },
    onNotify: (notification) => {
      receivedMethods.push('NOTIFY');
      void notification.accept();
    },
  };
  s.stateChange.addListener((newState) => {
    if (session !== s) return;
    log(`session ${newState}`);
    if (newState === SessionState.Established) {
      marks.established = now();
      setState('established');
      show('In call');
      const sdh = s.sessionDescriptionHandler;
      if (sdh instanceof Web.SessionDescriptionHandler) {
        // Play the remote audio (muted: tests must not make noise). Chromium
        // also needs this for the stream to be audible to Web Audio.
        remoteAudio().srcObject = sdh.remoteMediaStream;
        remoteAudio().play().catch((e: unknown) => log(`audio play: ${String(e)}`));
      }
      watchFirstAudio();
    } else if (newState === SessionState.Terminated) {
      marks.terminated = now();
      setState('terminated');
      ended++;
      stopAudioWatch();
      remoteAudio().srcObject = null;
      show('Idle');
    }
  });
}

function sdhOptions(): { constraints: MediaStreamConstraints } {
  return { constraints: { audio: true, video: false } };
}

async function register(p: RegisterParams): Promise<RegisterResult> {
  await stop();
  domain = p.domain;
  const uri = UserAgent.makeURI(`sip:${p.user}@${p.domain}`);
  if (!uri) throw new Error(`bad user/domain ${p.user}@${p.domain}`);
  const options: UserAgentOptions = {
    uri,
    displayName: p.displayName ?? p.user,
    authorizationUsername: p.user,
    authorizationPassword: p.password,
    transportOptions: { server: p.wsUrl },
    userAgentString: 'switchboard-baseline (SIP.js 0.21)',
    // SIP.js defaults: a public STUN server (unreachable here, and a privacy
    // leak) and a 5 s ICE gathering wait before the offer/answer is sent.
    // With no ICE servers only host candidates are gathered, which finishes
    // in milliseconds; the timeout only caps a pathological case.
    sessionDescriptionHandlerFactoryOptions: {
      peerConnectionConfiguration: { iceServers: [] },
      iceGatheringTimeout: 500,
    },
    logLevel: 'warn',
    logBuiltinEnabled: false,
    logConnector: (level, category, _label, content) => log(`${level} ${category} ${content}`),
    delegate: { onInvite },
  };
  const agent = new UserAgent(options);
  ua = agent;

  // Mark the moment each INVITE actually leaves for the WebSocket.
  const transport = agent.transport;
  const send = transport.send.bind(transport);
  transport.send = (message: string) => {
    if (message.startsWith('INVITE ')) {
      const t = now();
      marks.inviteSent ??= t;
      marks.inviteSentLast = t;
    }
    return send(message);
  };

  await agent.start();
  const reg = new Registerer(agent, { expires: p.expires ?? 600 });
  registerer = reg;
  return new Promise<RegisterResult>((resolve) => {
    reg
      .register({
        requestDelegate: {
          // 401 challenges are answered inside SIP.js; onReject sees only the
          // final failure (e.g. a second 401 for a wrong password).
          onAccept: (r) => resolve({ ok: true, status: r.message.statusCode, reason: r.message.reasonPhrase }),
          onReject: (r) => resolve({ ok: false, status: r.message.statusCode, reason: r.message.reasonPhrase }),
        },
      })
      .catch((e: unknown) => resolve({ ok: false, reason: String(e) }));
  });
}

async function stop(): Promise<void> {
  stopAudioWatch();
  const agent = ua;
  ua = undefined;
  if (!agent) return;
  try {
    // Un-REGISTER only what is registered (else a failed login would send
    // a second, pointless challenged REGISTER).
    if (registerer?.state === RegistererState.Registered) await registerer.unregister().catch(() => undefined);
  } finally {
    registerer = undefined;
    await agent.stop();
  }
}

function onInvite(invitation: Invitation): void {
  if (session && state !== 'terminated') {
    log('busy: rejecting second INVITE');
    void invitation.reject({ statusCode: 486 });
    return;
  }
  marks = { inviteReceived: now() };
  lastCancelReason = null;
  setState('incoming');
  invitation.delegate = {
    onCancel: (cancel) => {
      // RFC 3326 Reason on CANCEL, e.g. "answered elsewhere" (cause=200).
      marks.cancelReceived = now();
      lastCancelReason = cancel.request.getHeader('Reason') ?? '';
      log(`CANCEL received, Reason: ${lastCancelReason}`);
    },
  };
  adopt(invitation);
  // SIP.js has already sent 180 Ringing (sendInitialProvisionalResponse, on by default) before
  // handing us the INVITE; a second one would only cost the caller a message to parse.
  show(`Incoming call from ${invitation.remoteIdentity.uri.user ?? '?'}`);
  // "Ring shown": after the DOM change, once the next frame is produced.
  requestAnimationFrame(() =>
    setTimeout(() => {
      if (session === invitation) marks.ringShown = now();
    }, 0),
  );
}

async function call(target: string, params: CallParams = {}): Promise<void> {
  if (!ua) throw new Error('not registered');
  if (session && state !== 'terminated') throw new Error(`busy (${state})`);
  marks = { callStart: now() };
  lastFinal = null;
  provisionals = [];
  const uri = UserAgent.makeURI(target.startsWith('sip:') ? target : `sip:${target}@${domain}`);
  if (!uri) throw new Error(`bad target ${target}`);
  const inviter = new Inviter(ua, uri, {
    sessionDescriptionHandlerOptions: sdhOptions(),
    extraHeaders: params.extraHeaders,
  });
  setState('calling');
  adopt(inviter);
  show(`Calling ${target}`);
  await inviter.invite({
    requestDelegate: {
      onProgress: (r) => {
        marks.progress ??= now();
        provisionals.push(r.message.statusCode ?? 0);
      },
      onAccept: (r) => {
        lastFinal = { status: r.message.statusCode ?? 0, reason: r.message.reasonPhrase ?? '' };
      },
      onReject: (r) => {
        lastFinal = { status: r.message.statusCode ?? 0, reason: r.message.reasonPhrase ?? '' };
        log(`INVITE rejected ${lastFinal.status} ${lastFinal.reason}`);
      },
    },
  });
  // Media may start as soon as the 200 OK is applied; start looking now.
  watchFirstAudio();
}

async function answer(): Promise<void> {
  if (!(session instanceof Invitation) || state !== 'incoming') throw new Error(`nothing to answer (${state})`);
  marks.answerClicked = now();
  watchFirstAudio();
  await session.accept({ sessionDescriptionHandlerOptions: sdhOptions() });
}

/** 183 Session Progress with our SDP answer: the caller hears our microphone before we answer. */
async function earlyMedia(): Promise<void> {
  if (!(session instanceof Invitation) || state !== 'incoming') throw new Error(`nothing ringing (${state})`);
  await session.progress({ statusCode: 183, sessionDescriptionHandlerOptions: sdhOptions() });
}

async function hangup(): Promise<void> {
  const s = session;
  if (!s) return;
  switch (s.state) {
    case SessionState.Initial:
    case SessionState.Establishing:
      if (s instanceof Inviter) await s.cancel();
      else if (s instanceof Invitation) await s.reject({ statusCode: 486 });
      break;
    case SessionState.Established:
      lastByeStatus = null;
      await s.bye({
        requestDelegate: {
          onAccept: (response) => (lastByeStatus = response.message.statusCode ?? null),
          onReject: (response) => (lastByeStatus = response.message.statusCode ?? null),
        },
      });
      break;
    default:
      break; // already terminating/terminated
  }
}

/** Send an in-dialog request and resolve with its final status code. */
function finalStatus(send: (delegate: OutgoingRequestDelegate) => Promise<unknown>): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    send({
      onAccept: (r) => resolve(r.message.statusCode ?? 0),
      onReject: (r) => resolve(r.message.statusCode ?? 0),
    }).catch(reject);
  });
}

function established(): Session {
  if (!session || session.state !== SessionState.Established) throw new Error(`no established call (${state})`);
  return session;
}

function info(body = 'Signal=5\r\nDuration=160\r\n'): Promise<number> {
  const s = established();
  return finalStatus((requestDelegate) =>
    s.info({ requestDelegate, requestOptions: { body: { contentDisposition: 'render', contentType: 'application/dtmf-relay', content: body } } }),
  );
}

function reinvite(): Promise<number> {
  const s = established();
  return finalStatus((requestDelegate) => s.invite({ requestDelegate, sessionDescriptionHandlerOptions: sdhOptions() }));
}

function refer(target: string): Promise<number> {
  const s = established();
  const uri = UserAgent.makeURI(target.startsWith('sip:') ? target : `sip:${target}@${domain}`);
  if (!uri) throw new Error(`bad target ${target}`);
  // The NOTIFYs of the implicit subscription reach delegate.onNotify, which
  // accepts them and records them in received().
  return finalStatus((requestDelegate) => s.refer(uri, { requestDelegate }));
}

async function cancel(extraHeaders: string[] = []): Promise<void> {
  if (!(session instanceof Inviter)) throw new Error('no outgoing call to cancel');
  // The Reason header goes in extraHeaders: cancel({statusCode, reasonPhrase})
  // replaces the text with the standard phrase (see testbed notes).
  await session.cancel({ extraHeaders });
}

const api: BaselineApi = {
  register,
  stop,
  call,
  answer,
  earlyMedia,
  hangup,
  cancel,
  info,
  reinvite,
  refer,
  mediaState: async () => {
    const pc = peerConnection();
    return {
      state,
      connection: pc && { connectionState: pc.connectionState, iceConnectionState: pc.iceConnectionState, signalingState: pc.signalingState },
      bytesSent: await sumStats('outbound-rtp', 'bytesSent'),
      bytesReceived: await sumStats('inbound-rtp', 'bytesReceived'),
    };
  },
  received: () => [...receivedMethods],
  state: () => state,
  waitForState: (wanted, timeoutMs) =>
    new Promise<boolean>((resolve) => {
      const check = (): void => {
        if (state !== wanted) return;
        stateWaiters.delete(check);
        clearTimeout(timer);
        resolve(true);
      };
      const timer = setTimeout(() => {
        stateWaiters.delete(check);
        resolve(false);
      }, timeoutMs);
      stateWaiters.add(check);
      check();
    }),
  marks: () => ({ ...marks }),
  lastFinalResponse: () => lastFinal,
  lastByeStatus: () => lastByeStatus,
  provisionalResponses: () => [...provisionals],
  lastCancelReason: () => lastCancelReason,
  remoteStream: () => {
    const sdh = session?.sessionDescriptionHandler;
    return sdh instanceof Web.SessionDescriptionHandler ? sdh.remoteMediaStream : null;
  },
  bytesReceived: () => sumStats('inbound-rtp', 'bytesReceived'),
  bytesSent: () => sumStats('outbound-rtp', 'bytesSent'),
  jitterBuffer: async () => ({
    delayS: await sumStats('inbound-rtp', 'jitterBufferDelay'),
    emitted: await sumStats('inbound-rtp', 'jitterBufferEmittedCount'),
    arrivalJitterS: await sumStats('inbound-rtp', 'jitter'),
    concealmentEvents: await sumStats('inbound-rtp', 'concealmentEvents'),
  }),
  endedCalls: () => ended,
  log: () => [...logLines],
  mute: (on) => {
    const sdh = session?.sessionDescriptionHandler;
    if (!(sdh instanceof Web.SessionDescriptionHandler)) throw new Error('no call to mute');
    const at = now();
    for (const sender of sdh.peerConnection?.getSenders() ?? []) if (sender.track) sender.track.enabled = !on;
    return at;
  },
};

window.baseline = api;
show('Idle');
