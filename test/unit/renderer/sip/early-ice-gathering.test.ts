import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { finishGatheringEarly, UDP_SETTLE_MS, type GatheringHandler } from '../../../../src-renderer/sip/early-ice-gathering.js';

/** A stand-in for SIP.js's session description handler: counts how often gathering was ended. */
function handler(): GatheringHandler & { completed: number; candidate(protocol: 'udp' | 'tcp' | null): void } {
  const fake = {
    completed: 0,
    peerConnectionDelegate: undefined as GatheringHandler['peerConnectionDelegate'],
    iceGatheringComplete() {
      fake.completed += 1;
    },
    candidate(protocol: 'udp' | 'tcp' | null) {
      const event = { candidate: protocol ? { protocol } : null } as unknown as RTCPeerConnectionIceEvent;
      fake.peerConnectionDelegate?.onicecandidate?.(event);
    },
  };
  return fake;
}

describe('finishing ICE gathering early (no ICE servers)', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('lets the SDP go once the UDP candidates have settled, without waiting for TCP ones', () => {
    const sdh = handler();
    finishGatheringEarly(sdh, { hasIceServers: false });
    sdh.candidate('udp'); // IPv4
    vi.advanceTimersByTime(UDP_SETTLE_MS - 1);
    sdh.candidate('udp'); // IPv6, in the same allocation step
    vi.advanceTimersByTime(UDP_SETTLE_MS - 1);
    expect(sdh.completed).toBe(0);
    vi.advanceTimersByTime(1);
    expect(sdh.completed).toBe(1);
  });

  it('ends the wait at the first TCP candidate: the UDP step is over', () => {
    const sdh = handler();
    finishGatheringEarly(sdh, { hasIceServers: false });
    sdh.candidate('udp');
    sdh.candidate('tcp');
    expect(sdh.completed).toBe(1);
    vi.advanceTimersByTime(UDP_SETTLE_MS * 2);
    expect(sdh.completed).toBe(1); // the settle timer was cleared
  });

  it('leaves the end of candidates to SIP.js', () => {
    const sdh = handler();
    finishGatheringEarly(sdh, { hasIceServers: false });
    sdh.candidate(null);
    vi.advanceTimersByTime(UDP_SETTLE_MS * 2);
    expect(sdh.completed).toBe(0);
  });

  it('changes nothing when ICE servers are configured: reflexive and relay candidates are worth the wait', () => {
    const sdh = handler();
    finishGatheringEarly(sdh, { hasIceServers: true });
    expect(sdh.peerConnectionDelegate).toBeUndefined();
  });

  it('keeps the other peer connection handlers of an existing delegate', () => {
    const sdh = handler();
    const ontrack = vi.fn();
    sdh.peerConnectionDelegate = { ontrack } as GatheringHandler['peerConnectionDelegate'];
    finishGatheringEarly(sdh, { hasIceServers: false });
    expect((sdh.peerConnectionDelegate as { ontrack?: unknown }).ontrack).toBe(ontrack);
  });
});
