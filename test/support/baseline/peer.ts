/**
 * Node-side handle on one baseline softphone page (see page.ts), plus the
 * timed call used by benchmarks (ring latency, answer-to-audio).
 */
import type { BrowserContext, Frame, Page } from '@playwright/test';
import { launchChromium, type ChromiumPeer } from '../chromium.js';
import { measureTones, writeToneWav, type ToneLevels, type ToneMeasureOptions } from '../tones.js';
import type { CallParams, CallState, FinalResponse, Marks, RegisterResult } from './api.js';
import type { BaselineServer } from './server.js';

export interface BaselinePeerOptions {
  /** Label for logs, e.g. "1001". */
  name?: string;
  /** Fake microphone plays a sine of this frequency (Hz). */
  toneHz?: number;
  /** Or: fake microphone plays this WAV file. */
  fakeAudioFile?: string;
  /** Echo the page's console to stdout (or set BASELINE_CONSOLE=1). */
  console?: boolean;
}

/** Where to register: a KamailioServer fits. */
export interface SipServerInfo {
  wsUrl: string;
  domain: string;
}

export class BaselinePeer {
  private constructor(
    /** The tab this peer lives in. */
    readonly page: Page,
    readonly name: string,
    private readonly closeImpl: () => Promise<void>,
    /** The document whose window.baseline is this peer: the tab's own, or an iframe in it (frameSibling). */
    readonly scope: Page | Frame = page,
  ) {}

  /** Load the baseline page into `page` and wait for window.baseline. */
  static async attach(page: Page, server: BaselineServer, name: string, closeImpl: () => Promise<void>): Promise<BaselinePeer> {
    await page.goto(server.url);
    await page.waitForFunction(() => typeof window.baseline === 'object');
    // Background pages are throttled even headless (~45 ms slower answers
    // measured): behave like the focused window of a real softphone.
    await page.bringToFront();
    return new BaselinePeer(page, name, closeImpl);
  }

  /** Another baseline page in the same browser (same fake microphone), e.g. a second UA. */
  async sibling(server: BaselineServer, name: string): Promise<BaselinePeer> {
    const page = await this.page.context().newPage();
    return BaselinePeer.attach(page, server, name, () => page.close());
  }

  /**
   * Another baseline softphone in an iframe of this peer's tab: its own user agent and call, on the
   * tab's renderer process and main thread. Benches that stand in for many agents' machines use
   * it so that the stand-ins cost the shared cores one process per tab, not one per agent.
   */
  async frameSibling(server: BaselineServer, name: string): Promise<BaselinePeer> {
    const frameName = `peer-${name}`;
    await this.page.evaluate(
      ([url, id]) => {
        const frame = document.createElement('iframe');
        frame.name = id;
        frame.src = url;
        frame.allow = 'microphone; autoplay';
        // Small and on screen: a frame out of view may have its rendering throttled.
        frame.style.cssText = 'width:40px;height:30px;border:0';
        document.body.append(frame);
      },
      [server.url, frameName] as const,
    );
    const handle = await this.page.waitForSelector(`iframe[name="${frameName}"]`);
    const frame = (await handle.contentFrame())!;
    await frame.waitForLoadState();
    await frame.waitForFunction(() => typeof window.baseline === 'object');
    const remove = async (): Promise<void> => {
      await frame.evaluate(() => window.baseline.stop()).catch(() => undefined);
      await handle.evaluate((element) => element.remove()).catch(() => undefined);
    };
    return new BaselinePeer(this.page, name, remove, frame);
  }

  get context(): BrowserContext {
    return this.page.context();
  }

  register(sip: SipServerInfo, user: string, password: string, expires?: number): Promise<RegisterResult> {
    return this.scope.evaluate((p) => window.baseline.register(p), {
      wsUrl: sip.wsUrl,
      domain: sip.domain,
      user,
      password,
      expires,
    });
  }

  stop(): Promise<void> {
    return this.scope.evaluate(() => window.baseline.stop());
  }

  call(target: string, params: CallParams = {}): Promise<void> {
    return this.scope.evaluate(([t, p]) => window.baseline.call(t, p), [target, params] as const);
  }

  answer(): Promise<void> {
    return this.scope.evaluate(() => window.baseline.answer());
  }

  earlyMedia(): Promise<void> {
    return this.scope.evaluate(() => window.baseline.earlyMedia());
  }

  mediaState(): Promise<object> {
    return this.scope.evaluate(() => window.baseline.mediaState());
  }

  hangup(): Promise<void> {
    return this.scope.evaluate(() => window.baseline.hangup());
  }

  cancel(extraHeaders: string[] = []): Promise<void> {
    return this.scope.evaluate((h) => window.baseline.cancel(h), extraHeaders);
  }

  info(body?: string): Promise<number> {
    return this.scope.evaluate((b) => window.baseline.info(b), body);
  }

  reinvite(): Promise<number> {
    return this.scope.evaluate(() => window.baseline.reinvite());
  }

  refer(target: string): Promise<number> {
    return this.scope.evaluate((t) => window.baseline.refer(t), target);
  }

  received(): Promise<string[]> {
    return this.scope.evaluate(() => window.baseline.received());
  }

  state(): Promise<CallState> {
    return this.scope.evaluate(() => window.baseline.state());
  }

  marks(): Promise<Marks> {
    return this.scope.evaluate(() => window.baseline.marks());
  }

  lastByeStatus(): Promise<number | null> {
    return this.scope.evaluate(() => window.baseline.lastByeStatus());
  }

  provisionalResponses(): Promise<number[]> {
    return this.scope.evaluate(() => window.baseline.provisionalResponses());
  }

  lastFinalResponse(): Promise<FinalResponse | null> {
    return this.scope.evaluate(() => window.baseline.lastFinalResponse());
  }

  lastCancelReason(): Promise<string | null> {
    return this.scope.evaluate(() => window.baseline.lastCancelReason());
  }

  bytesReceived(): Promise<number> {
    return this.scope.evaluate(() => window.baseline.bytesReceived());
  }

  bytesSent(): Promise<number> {
    return this.scope.evaluate(() => window.baseline.bytesSent());
  }

  endedCalls(): Promise<number> {
    return this.scope.evaluate(() => window.baseline.endedCalls());
  }

  /** Stop or resume sending the microphone; resolves with the epoch time of the switch. */
  mute(on: boolean): Promise<number> {
    return this.scope.evaluate((value) => window.baseline.mute(value), on);
  }

  log(): Promise<string[]> {
    return this.scope.evaluate(() => window.baseline.log());
  }

  /**
   * Wait until the page's call state is `state`. The page tells us when its state changes; we do
   * not poll: a bench waiting on 20 peers must not query them 1,000 times a second on the cores
   * it is measuring.
   */
  async waitForState(state: CallState, timeoutMs = 10_000): Promise<void> {
    const reached = await this.scope.evaluate(([s, t]) => window.baseline.waitForState(s, t), [state, timeoutMs] as const);
    if (reached) return;
    const now = await this.state().catch(() => '?');
    throw new Error(`${this.name}: state did not become ${state} within ${timeoutMs} ms (is ${now})\n${(await this.log()).slice(-15).join('\n')}`);
  }

  /** Wait until a final response to our INVITE has arrived, and return it. */
  async waitForFinalResponse(timeoutMs = 10_000): Promise<FinalResponse> {
    await this.scope.waitForFunction(() => window.baseline.lastFinalResponse() !== null, undefined, { timeout: timeoutMs, polling: 20 });
    return (await this.lastFinalResponse())!;
  }

  /** Wait until inbound RTP audio bytes exceed `minBytes`; returns the count. */
  async waitForBytesReceived(minBytes: number, timeoutMs = 10_000): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    let bytes = 0;
    while (Date.now() < deadline) {
      bytes = await this.bytesReceived();
      if (bytes > minBytes) return bytes;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`${this.name}: inbound audio stayed at ${bytes} bytes (wanted > ${minBytes})`);
  }

  /** Levels (dB) at `frequencies` in the remote audio of the current call. */
  measureRemoteTones(frequencies: number[], options?: ToneMeasureOptions): Promise<ToneLevels> {
    return measureTones(this.scope, 'window.baseline.remoteStream()', frequencies, options);
  }

  close(): Promise<void> {
    return this.closeImpl();
  }
}

/** Launch a Chromium process (own fake mic) with the baseline page loaded. */
export async function openBaselinePeer(server: BaselineServer, options: BaselinePeerOptions = {}): Promise<BaselinePeer> {
  const name = options.name ?? 'peer';
  const fakeAudioFile = options.fakeAudioFile ?? (options.toneHz ? writeToneWav({ frequency: options.toneHz }) : undefined);
  const browser: ChromiumPeer = await launchChromium({
    fakeAudioFile,
    origin: server.origin,
    consolePrefix: options.console || process.env.BASELINE_CONSOLE === '1' ? `[${name}]` : undefined,
  });
  try {
    return await BaselinePeer.attach(browser.page, server, name, () => browser.close());
  } catch (error) {
    await browser.close();
    throw error;
  }
}

/** One call's timings in milliseconds (marks compared across the two browser processes, same machine clock). */
export interface CallTimings {
  /** Caller's first INVITE on the wire → callee's onInvite (includes the 407 round trip). */
  ringMs: number;
  /** Caller's call() → callee's onInvite: what a user perceives as click-to-ring. */
  clickToRingMs: number;
  /** Caller's call() → callee's ring visible (DOM updated, next frame). */
  clickToRingShownMs: number | undefined;
  /** Callee's answer() → first inbound audio bytes at the callee. */
  answerToAudioMs: number;
  /** Callee's answer() → first inbound audio bytes at the caller. */
  answerToCallerAudioMs: number;
  caller: Marks;
  callee: Marks;
}

const need = (marks: Marks, key: keyof Marks, who: string): number => {
  const value = marks[key];
  if (value === undefined) throw new Error(`${who} has no "${key}" mark: ${JSON.stringify(marks)}`);
  return value;
};

/**
 * Place one call caller → callee, answer it as soon as it rings, wait for
 * audio both ways, hang up, and return the timings. Both peers must be
 * registered and idle. For a benchmark, loop it (e.g. 20 calls) and report
 * medians/p95 of ringMs and answerToAudioMs.
 */
export async function timedCall(
  caller: BaselinePeer,
  callee: BaselinePeer,
  target: string,
  options: { answerDelayMs?: number; timeoutMs?: number } = {},
): Promise<CallTimings> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const calleeEndedBefore = await callee.endedCalls();
  const callerEndedBefore = await caller.endedCalls();
  await caller.call(target);
  await callee.waitForState('incoming', timeoutMs);
  if (options.answerDelayMs) await new Promise((r) => setTimeout(r, options.answerDelayMs));
  await callee.page.bringToFront();
  await callee.answer();
  await Promise.all([caller.waitForState('established', timeoutMs), callee.waitForState('established', timeoutMs)]);
  const hasAudio = (p: BaselinePeer): Promise<unknown> =>
    p.scope.waitForFunction(() => window.baseline.marks().firstAudio !== undefined, undefined, { timeout: timeoutMs, polling: 20 });
  await Promise.all([hasAudio(caller), hasAudio(callee)]);
  const [callerMarks, calleeMarks] = await Promise.all([caller.marks(), callee.marks()]);
  await caller.hangup();
  // Both sides must be done before the next call starts.
  await Promise.all([
    caller.scope.waitForFunction((n) => window.baseline.endedCalls() > n, callerEndedBefore, { timeout: timeoutMs }),
    callee.scope.waitForFunction((n) => window.baseline.endedCalls() > n, calleeEndedBefore, { timeout: timeoutMs }),
  ]);
  const answered = need(calleeMarks, 'answerClicked', 'callee');
  const ringShown = calleeMarks.ringShown;
  return {
    ringMs: need(calleeMarks, 'inviteReceived', 'callee') - need(callerMarks, 'inviteSent', 'caller'),
    clickToRingMs: need(calleeMarks, 'inviteReceived', 'callee') - need(callerMarks, 'callStart', 'caller'),
    clickToRingShownMs: ringShown === undefined ? undefined : ringShown - need(callerMarks, 'callStart', 'caller'),
    answerToAudioMs: need(calleeMarks, 'firstAudio', 'callee') - answered,
    answerToCallerAudioMs: need(callerMarks, 'firstAudio', 'caller') - answered,
    caller: callerMarks,
    callee: calleeMarks,
  };
}
