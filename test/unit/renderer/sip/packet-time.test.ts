import { describe, expect, it } from 'vitest';
import { withPacketTime } from '../../../../src-renderer/sip/packet-time.js';

const OFFER = [
  'v=0',
  'o=- 1 2 IN IP4 127.0.0.1',
  's=-',
  't=0 0',
  'm=audio 9 UDP/TLS/RTP/SAVPF 111 126',
  'c=IN IP4 0.0.0.0',
  'a=rtpmap:111 opus/48000/2',
  'a=fmtp:111 minptime=10;useinbandfec=1',
  'a=rtpmap:126 telephone-event/8000',
  'm=video 9 UDP/TLS/RTP/SAVPF 96',
  'a=rtpmap:96 VP8/90000',
  '',
].join('\r\n');

describe('withPacketTime (the packet time a conference leg asks for)', () => {
  it('adds a=ptime to each audio section, and only there', () => {
    const sdp = withPacketTime(OFFER, 10);
    const audio = sdp.slice(sdp.indexOf('m=audio'), sdp.indexOf('m=video'));
    const video = sdp.slice(sdp.indexOf('m=video'));
    expect(audio.split('\r\n').filter((line) => line.startsWith('a=ptime:'))).toEqual(['a=ptime:10']);
    expect(video).not.toContain('a=ptime');
    expect(sdp.endsWith('\r\n')).toBe(true);
  });

  it('replaces the packet time already there instead of adding a second one', () => {
    const sdp = withPacketTime(withPacketTime(OFFER.replace('a=rtpmap:126', 'a=ptime:20\r\na=rtpmap:126'), 10), 10);
    expect(sdp.match(/a=ptime:\d+/g)).toEqual(['a=ptime:10']);
  });

  it('keeps every other line, in order, whatever the line ending', () => {
    const lf = OFFER.replaceAll('\r\n', '\n');
    const sdp = withPacketTime(lf, 10);
    expect(sdp.split('\n').filter((line) => line !== 'a=ptime:10')).toEqual(lf.split('\n'));
  });
});
