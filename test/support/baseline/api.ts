/**
 * The `window.baseline` API of the bare SIP.js baseline page (page.ts), shared
 * by the page and the Node side (peer.ts). Types only: no runtime code, so the
 * browser bundle and Node can both import it.
 */

/** Timing marks, epoch milliseconds with sub-ms precision (performance.timeOrigin + performance.now()). */
export interface Marks {
  /** Caller: call() entered (the user's click). */
  callStart?: number;
  /** Caller: first INVITE handed to the WebSocket (before any 407 challenge). */
  inviteSent?: number;
  /** Caller: last INVITE handed to the WebSocket (the one with credentials after a 407). */
  inviteSentLast?: number;
  /** Caller: 18x received. */
  progress?: number;
  /** Callee: UserAgent delegate onInvite ran. */
  inviteReceived?: number;
  /** Callee: the ringing text is in the DOM and a frame has been produced after it. */
  ringShown?: number;
  /** Callee: answer() entered (the user's click). */
  answerClicked?: number;
  /** Both: session reached Established. */
  established?: number;
  /** Both: first inbound-rtp audio bytes seen by getStats polling (10 ms period). */
  firstAudio?: number;
  /** Callee: a CANCEL for the incoming INVITE arrived (SIP.js's onCancel). */
  cancelReceived?: number;
  /** Both: session reached Terminated. */
  terminated?: number;
}

export interface RegisterParams {
  /** ws://127.0.0.1:PORT */
  wsUrl: string;
  /** SIP user, e.g. 1001; also the digest user name. */
  user: string;
  /** SIP domain, e.g. sip.test. */
  domain: string;
  password: string;
  displayName?: string;
  /** Registration expiry in seconds. Default 600. */
  expires?: number;
}

export interface RegisterResult {
  ok: boolean;
  /** Final status code of the REGISTER (200, 401, 403...), if one came. */
  status?: number;
  reason?: string;
}

export interface CallParams {
  /** Extra headers for the INVITE. */
  extraHeaders?: string[];
}

export interface FinalResponse {
  status: number;
  reason: string;
}

/** idle: no session; calling: outgoing, not answered; incoming: ringing here. */
export type CallState = 'idle' | 'calling' | 'incoming' | 'established' | 'terminated';

export interface BaselineApi {
  /** Create the UserAgent, connect and REGISTER. Resolves with the final REGISTER response. */
  register(params: RegisterParams): Promise<RegisterResult>;
  /** Un-REGISTER (if registered) and stop the UserAgent. */
  stop(): Promise<void>;
  /** Call `target` (a user in our domain, or a full sip: URI). Resolves once the INVITE is sent. */
  call(target: string, params?: CallParams): Promise<void>;
  /** Accept the ringing incoming call. */
  answer(): Promise<void>;
  /** Send 183 Session Progress with SDP for the ringing call: early media (our microphone) to the caller. */
  earlyMedia(): Promise<void>;
  /** The call's media as this page sees it: call state, peer connection states, bytes sent and received. For failure messages. */
  mediaState(): Promise<object>;
  /** End the current call whatever its state: BYE, CANCEL or reject (486). */
  hangup(): Promise<void>;
  /** CANCEL the outgoing call, with extra headers on the CANCEL (e.g. a Reason header). */
  cancel(extraHeaders?: string[]): Promise<void>;
  /** In-dialog INFO (body as application/dtmf-relay-ish text/plain); resolves with the final status. */
  info(body?: string): Promise<number>;
  /** In-dialog re-INVITE (same media); resolves with the final status. */
  reinvite(): Promise<number>;
  /**
   * In-dialog REFER to `target`; resolves with the final status (202). The
   * far side accepts it without following it and answers with a NOTIFY
   * (message/sipfrag "SIP/2.0 200 OK"), which shows up in received().
   */
  refer(target: string): Promise<number>;
  /** Methods of the in-dialog requests received in the current/last call, in order (INFO, INVITE, REFER, NOTIFY, BYE). */
  received(): string[];
  state(): CallState;
  /** Resolves true as soon as the state is `state` (now or later), false after `timeoutMs`. */
  waitForState(state: CallState, timeoutMs: number): Promise<boolean>;
  /** Marks of the current/last call (reset by call() and by an incoming INVITE). */
  marks(): Marks;
  /** Final response to our last INVITE (e.g. 404), or null. */
  lastFinalResponse(): FinalResponse | null;
  /** Final status of our last BYE (null until answered). */
  lastByeStatus(): number | null;
  /** Status codes of the provisional responses (1xx) to the current/last outgoing INVITE, in order. */
  provisionalResponses(): number[];
  /** Reason header of the last CANCEL received ('' if it had none), or null if none came. */
  lastCancelReason(): string | null;
  /** Remote audio of the current call (also playing in a muted <audio>). */
  remoteStream(): MediaStream | null;
  /** Sum of inbound-rtp audio bytesReceived of the current call (0 if none). */
  bytesReceived(): Promise<number>;
  /** Sum of outbound-rtp audio bytesSent of the current call (0 if none). */
  bytesSent(): Promise<number>;
  /**
   * The jitter buffer of the current call's inbound audio: the summed delay of every sample it
   * released (seconds) and how many it released (getStats' jitterBufferDelay and
   * jitterBufferEmittedCount); differences of two readings give its mean delay in between. Also
   * the packets' interarrival jitter as it stands (RFC 3550's smoothed estimate, seconds), and how
   * many times it has had to conceal missing audio so far (getStats' concealmentEvents).
   */
  jitterBuffer(): Promise<{ delayS: number; emitted: number; arrivalJitterS: number; concealmentEvents: number }>;
  /** Number of calls that reached Terminated since load. */
  endedCalls(): number;
  /** Warnings, errors and events, for debugging failed tests. */
  log(): string[];
  /**
   * Stop (true) or resume (false) sending the microphone on the current call (the outgoing
   * track's `enabled`). Resolves with the epoch time of the switch, e.g. a tone's onset.
   */
  mute(on: boolean): number;
}

declare global {
  interface Window {
    baseline: BaselineApi;
  }
}
