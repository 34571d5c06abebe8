import { describe, expect, it } from 'vitest';
import { offerHoldsUs } from '../../../src-renderer/sip/far-end-hold.js';

const offer = (sessionLines: string[], audioLines: string[], connection = 'c=IN IP4 127.0.0.1'): string =>
  ['v=0', 'o=- 1 2 IN IP4 127.0.0.1', 's=-', 't=0 0', ...sessionLines, 'm=audio 9 UDP/TLS/RTP/SAVPF 111', connection, ...audioLines, 'a=rtpmap:111 opus/48000/2'].join('\r\n') + '\r\n';

describe('offerHoldsUs', () => {
  it('is hold when the far end only sends (music on hold) or sends nothing', () => {
    expect(offerHoldsUs(offer([], ['a=sendonly']))).toBe(true);
    expect(offerHoldsUs(offer([], ['a=inactive']))).toBe(true);
  });

  it('is not hold for a normal or a listen-only offer', () => {
    expect(offerHoldsUs(offer([], ['a=sendrecv']))).toBe(false);
    expect(offerHoldsUs(offer([], ['a=recvonly']))).toBe(false);
    expect(offerHoldsUs(offer([], []))).toBe(false); // no attribute means sendrecv
  });

  it('takes the session-level direction unless the audio section says otherwise', () => {
    expect(offerHoldsUs(offer(['a=sendonly'], []))).toBe(true);
    expect(offerHoldsUs(offer(['a=sendonly'], ['a=sendrecv']))).toBe(false);
  });

  it('reads the old RFC 2543 hold: connection address 0.0.0.0', () => {
    expect(offerHoldsUs(offer([], [], 'c=IN IP4 0.0.0.0'))).toBe(true);
  });

  it('judges the audio section only, and an offer without audio is not hold', () => {
    const withVideo = offer([], ['a=sendrecv']) + 'm=video 9 UDP/TLS/RTP/SAVPF 96\r\nc=IN IP4 127.0.0.1\r\na=inactive\r\n';
    expect(offerHoldsUs(withVideo)).toBe(false);
    expect(offerHoldsUs('v=0\r\ns=-\r\nt=0 0\r\n')).toBe(false);
    expect(offerHoldsUs('')).toBe(false);
  });
});
