import { describe, expect, it } from 'vitest';
import { passiveDtlsInAnswer } from '../../../../src-renderer/sip/prepared-answer.js';

const media = (setup: string): string =>
  ['v=0', 'o=- 1 2 IN IP4 127.0.0.1', 's=-', 't=0 0', 'm=audio 9 UDP/TLS/RTP/SAVPF 111', `a=setup:${setup}`, 'a=mid:0', ''].join('\r\n');

describe('the prepared answer takes the passive DTLS role', () => {
  it('turns our answer’s active role into passive, on every media section, keeping the line ends', async () => {
    const sdp = media('active') + media('active').split('\r\n').slice(4).join('\r\n');
    const result = await passiveDtlsInAnswer({ type: 'answer', sdp });
    expect(result.sdp).not.toContain('a=setup:active');
    expect(result.sdp!.match(/a=setup:passive\r\n/g)).toHaveLength(2);
    expect(result.sdp!.replaceAll('passive', 'active')).toBe(sdp);
  });

  it('leaves offers alone (the caller’s actpass, and our own offers)', async () => {
    const offer = { type: 'offer' as const, sdp: media('actpass') };
    expect(await passiveDtlsInAnswer(offer)).toEqual(offer);
    const activeOffer = { type: 'offer' as const, sdp: media('active') };
    expect(await passiveDtlsInAnswer(activeOffer)).toEqual(activeOffer);
  });
});
