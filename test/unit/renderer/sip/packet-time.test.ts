import { describe, expect, it } from 'vitest';
import type { SessionDescriptionHandler } from 'sip.js';
import { askForPacketTime, withPacketTime } from '../../../../src-renderer/sip/packet-time.js';

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

describe('askForPacketTime (only our own descriptions ask)', () => {
  /** A handler that, like SIP.js's, runs the modifiers over the description it builds. */
  function handler(): Pick<SessionDescriptionHandler, 'getDescription'> {
    return {
      getDescription: async (_options, modifiers = []) => {
        let description: RTCSessionDescriptionInit = { type: 'offer', sdp: OFFER };
        for (const modify of modifiers) description = await modify(description);
        return { body: description.sdp ?? '', contentType: 'application/sdp' };
      },
    };
  }

  it('asks for the packet time while one is set, and stops asking once it is null', async () => {
    const ours = handler();
    let ms: number | null = null;
    askForPacketTime(ours, () => ms);
    expect((await ours.getDescription()).body).toBe(OFFER);
    ms = 10;
    expect((await ours.getDescription()).body).toContain('a=ptime:10');
    ms = null;
    expect((await ours.getDescription()).body).toBe(OFFER);
  });

  it("keeps SIP.js's own modifiers and applies them first", async () => {
    const ours = handler();
    askForPacketTime(ours, () => 10);
    const theirs = (description: RTCSessionDescriptionInit): Promise<RTCSessionDescriptionInit> =>
      Promise.resolve({ type: description.type, sdp: (description.sdp ?? '').replace('c=IN IP4 0.0.0.0', 'c=IN IP4 0.0.0.0\r\na=ptime:40') });
    // Ours last: the far end is asked for 10 ms whatever SIP.js's modifiers wrote.
    expect((await ours.getDescription(undefined, [theirs])).body.match(/a=ptime:\d+/g)).toEqual(['a=ptime:10']);
  });
});
