/**
 * The measuring probe, installed with `context.addInitScript` in EVERY page under test (the app
 * and the bare SIP.js baseline alike) before any page script runs. It changes nothing the page
 * does; it only takes timestamps, so both pages are measured by the same code:
 *
 * - WebSocket frames: `WebSocket.prototype.send` is wrapped (outgoing) and every WebSocket gets
 *   a `message` listener of ours first (incoming). While armed, each frame is logged with its
 *   time and first 200 characters; the first outgoing frame starting with "INVITE " is the
 *   `inviteSent` mark (the unauthenticated INVITE, before Kamailio's 407 challenge).
 * - RTCPeerConnection: the constructor is wrapped to remember the instances, so the audio probe
 *   can call getStats() on the call's connection without any app hook, and their state events
 *   (ICE gathering, connection) are logged with times.
 * - Clicks: a capture listener on window records `click:<button text>` when the click event is
 *   dispatched, before any handler of the page. A click on "Answer" starts the audio probe.
 * - Ring shown: a MutationObserver that records `ringShown` when the page's ring UI appears
 *   (app: a button named "Answer"; baseline: the status line "Incoming call from …"), and
 *   `ringPainted` after the next animation frame.
 * - First audio: a page-side loop calls getStats() every POLL_MS and records `firstAudio` when
 *   the inbound-rtp audio bytesReceived of the newest open connection is > 0, with that report's
 *   packetsReceived and lastPacketReceivedTimestamp (the stack's own arrival time of the last
 *   packet, which does not depend on when the main thread got round to polling).
 *
 * Times are epoch milliseconds with sub-millisecond resolution (performance.timeOrigin +
 * performance.now()); all browsers run on one machine, so marks compare across processes.
 *
 * Plain JavaScript in a string: it runs in the page as is, with no transpiler helpers.
 */
export const AUDIO_POLL_MS = 5;

export const PAGE_PROBE_SCRIPT = String.raw`
(() => {
  if (window.__bench) return;
  const POLL_MS = ${AUDIO_POLL_MS};
  const now = () => performance.timeOrigin + performance.now();
  const state = { armed: false, marks: {}, frames: [], pcs: [], pcEvents: [], waiters: [], poll: null, observer: null, ringKind: null, errors: [] };

  const record = (dir, data) => {
    if (!state.armed || typeof data !== 'string') return;
    const t = now();
    if (dir === 'out' && data.startsWith('INVITE ')) {
      if (state.marks.inviteSent === undefined) state.marks.inviteSent = t;
      state.marks.inviteSentLast = t;
    } else if (dir === 'in' && data.startsWith('INVITE ') && state.marks.inviteReceived === undefined) {
      state.marks.inviteReceived = t;
    }
    if (data.charCodeAt(0) === 91 /* a batch of host pushes: one frame each, at the same time */) {
      try {
        for (const push of JSON.parse(data)) state.frames.push({ t, dir, head: JSON.stringify(push).slice(0, 200) });
        return;
      } catch {}
    }
    const frame = { t, dir, head: data.slice(0, 200) };
    if (data.charCodeAt(0) !== 123 /* not JSON: SIP */) {
      const cseq = /\r\nCSeq:\s*\d+\s+([A-Z]+)/i.exec(data);
      if (cseq) frame.cseq = cseq[1];
    }
    state.frames.push(frame);
  };

  const NativeWebSocket = window.WebSocket;
  const nativeSend = NativeWebSocket.prototype.send;
  NativeWebSocket.prototype.send = function (data) {
    record('out', data);
    return nativeSend.call(this, data);
  };
  window.WebSocket = new Proxy(NativeWebSocket, {
    construct(target, args, newTarget) {
      const ws = Reflect.construct(target, args, newTarget);
      ws.addEventListener('message', (event) => record('in', event.data));
      return ws;
    },
  });

  const NativePeerConnection = window.RTCPeerConnection;
  if (NativePeerConnection) {
    window.RTCPeerConnection = new Proxy(NativePeerConnection, {
      construct(target, args, newTarget) {
        const pc = Reflect.construct(target, args, newTarget);
        const log = (what) => {
          if (state.armed) state.pcEvents.push({ t: now(), what });
        };
        log('created');
        pc.addEventListener('icegatheringstatechange', () => log('gathering:' + pc.iceGatheringState));
        pc.addEventListener('signalingstatechange', () => log('signaling:' + pc.signalingState));
        pc.addEventListener('connectionstatechange', () => log('connection:' + pc.connectionState));
        pc.addEventListener('icecandidate', (event) => log(event.candidate ? 'candidate:' + event.candidate.protocol + ' ' + event.candidate.address : 'candidate:end'));
        state.pcs.push(pc);
        if (state.pcs.length > 8) state.pcs.shift();
        return pc;
      },
    });
  }

  // Promise-based waiting for a mark: Playwright's waitForFunction evaluates strings with eval,
  // which the app's Content-Security-Policy forbids; and an event beats polling from outside.
  const wake = () => {
    const waiting = state.waiters;
    state.waiters = [];
    for (const waiter of waiting) {
      if (state.marks[waiter.name] !== undefined) waiter.resolve(true);
      else state.waiters.push(waiter);
    }
  };
  const waitMark = (name, timeoutMs) =>
    new Promise((resolve) => {
      if (state.marks[name] !== undefined) return resolve(true);
      const waiter = { name, resolve: (ok) => { clearTimeout(timer); resolve(ok); } };
      const timer = setTimeout(() => {
        state.waiters = state.waiters.filter((w) => w !== waiter);
        resolve(false);
      }, timeoutMs);
      state.waiters.push(waiter);
    });

  const currentPc = () => {
    for (let i = state.pcs.length - 1; i >= 0; i--) {
      const pc = state.pcs[i];
      if (pc.signalingState !== 'closed' && pc.connectionState !== 'closed') return pc;
    }
    return undefined;
  };

  // Inbound audio of the connection: bytes, packets, and when the last packet arrived (the stats'
  // own clock, epoch ms in Chromium), which dates the first packet independently of when this
  // main-thread loop got to look.
  const inboundAudio = async (pc) => {
    const sum = { bytes: 0, packets: 0, lastPacketAt: undefined };
    (await pc.getStats()).forEach((report) => {
      if (report.type !== 'inbound-rtp' || report.kind !== 'audio') return;
      sum.bytes += report.bytesReceived || 0;
      sum.packets += report.packetsReceived || 0;
      if (typeof report.lastPacketReceivedTimestamp === 'number') sum.lastPacketAt = report.lastPacketReceivedTimestamp;
    });
    return sum;
  };

  const startAudioPoll = () => {
    if (state.poll || state.marks.firstAudio !== undefined) return;
    const token = {};
    state.poll = token;
    state.marks.audioPollStart = now();
    state.marks.polls = 0;
    const tick = async () => {
      if (state.poll !== token) return;
      const pc = currentPc();
      if (pc) {
        try {
          const audio = await inboundAudio(pc);
          state.marks.polls++;
          if (audio.bytes > 0 && state.poll === token) {
            state.marks.firstAudio = now();
            state.marks.firstAudioBytes = audio.bytes;
            state.marks.firstAudioPackets = audio.packets;
            state.marks.firstAudioLastPacketAt = audio.lastPacketAt;
            wake();
            state.poll = null;
            return;
          }
        } catch (error) {
          state.errors.push(String(error));
        }
      }
      setTimeout(tick, POLL_MS);
    };
    void tick();
  };

  // A button's name as a screen reader (and Playwright's getByRole) gets it: aria-label, else its
  // text without aria-hidden parts (e.g. the shortcut hint inside the app's Answer button).
  const textWithoutHidden = (node) => {
    if (node.nodeType === 3) return node.data;
    if (node.nodeType !== 1 || node.getAttribute('aria-hidden') === 'true') return '';
    let text = '';
    for (const child of node.childNodes) text += textWithoutHidden(child);
    return text;
  };
  const buttonName = (button) =>
    (button.getAttribute('aria-label') || textWithoutHidden(button)).replace(/\s+/g, ' ').trim();
  const hasButton = (name) => {
    for (const button of document.querySelectorAll('button')) if (buttonName(button) === name) return true;
    return false;
  };

  const ringPredicates = {
    app: () => hasButton('Answer'),
    baseline: () => {
      const status = document.getElementById('status');
      return !!status && (status.textContent || '').startsWith('Incoming call');
    },
  };

  window.addEventListener(
    'click',
    (event) => {
      if (!state.armed) return;
      const t = now();
      const button = event.target && event.target.closest ? event.target.closest('button') : null;
      if (!button) return;
      const key = 'click:' + buttonName(button);
      if (state.marks[key] === undefined) state.marks[key] = t;
      if (key === 'click:Answer') startAudioPoll();
    },
    true,
  );

  window.__bench = {
    /** Start a new call's measurement. ringKind: 'app' | 'baseline' | null (no ring observer). */
    arm(ringKind) {
      state.armed = true;
      state.marks = {};
      state.frames = [];
      state.pcEvents = [];
      state.errors = [];
      state.poll = null;
      if (state.observer) state.observer.disconnect();
      state.observer = null;
      state.ringKind = ringKind;
      if (!ringKind) return;
      const shown = ringPredicates[ringKind];
      if (shown()) state.errors.push('ring UI already shown when armed');
      const observer = new MutationObserver(() => {
        if (state.marks.ringShown !== undefined || !shown()) return;
        state.marks.ringShown = now();
        // Dates the ring in a trace too (BENCH_TRACE_RING): its thread time is the task's CPU so far.
        console.timeStamp('ringShown');
        wake();
        observer.disconnect();
        requestAnimationFrame(() => setTimeout(() => (state.marks.ringPainted = now()), 0));
      });
      observer.observe(document.documentElement, { childList: true, subtree: true, characterData: true });
      state.observer = observer;
    },
    disarm() {
      state.armed = false;
      state.poll = null;
      if (state.observer) state.observer.disconnect();
      state.observer = null;
    },
    startAudioPoll,
    hasButton,
    waitMark,
    /** For the app: is the connection we poll the one the app's test hook reports for the call? */
    samePcAsApp() {
      const hooks = window.__softphoneTest;
      if (!hooks) return null;
      const ids = hooks.liveCallIds();
      if (ids.length !== 1) return null;
      return hooks.peerConnection(ids[0]) === currentPc();
    },
    result() {
      return { marks: { ...state.marks }, frames: state.frames.slice(), pcEvents: state.pcEvents.slice(), errors: state.errors.slice() };
    },
  };
})();
`;

export interface ProbeFrame {
  t: number;
  dir: 'in' | 'out';
  head: string;
  cseq?: string;
}

export interface ProbeResult {
  marks: Record<string, number | undefined>;
  frames: ProbeFrame[];
  /** RTCPeerConnection events while armed: created, signaling:*, gathering:*, candidate:*, connection:*. */
  pcEvents: { t: number; what: string }[];
  errors: string[];
}
