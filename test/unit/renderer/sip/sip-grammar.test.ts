/**
 * SIP.js's parser as patched (patches/sip.js+0.21.2.patch): one parser, built once and kept, parses
 * every header. Each parse must start clean, whatever the one before it did: succeeded, failed
 * half-way, or used another start rule.
 */
import fc from 'fast-check';
import { Core, Grammar, type NameAddrHeader } from 'sip.js';
import { describe, expect, it } from 'vitest';

const loggers = new Core.LoggerFactory();
loggers.builtinEnabled = false;
const logger = loggers.getLogger('test');
const CRLF = '\r\n';

const SDP = ['v=0', 'o=- 1 2 IN IP4 127.0.0.1', 's=-', 't=0 0', 'm=audio 9 UDP/TLS/RTP/SAVPF 111', 'a=rtpmap:111 opus/48000/2', ''].join(CRLF);

/** An INVITE as Kamailio forwards it to a desk (the headers of one captured on this testbed). */
function invite(callId: string, displayName: string): string {
  return [
    'INVITE sip:oeijjenb@ttacli2j49ma.invalid;transport=ws SIP/2.0',
    'Record-Route: <sip:127.0.0.1:35077;transport=ws;lr=on>',
    'Via: SIP/2.0/WS  127.0.0.1:35077;branch=z9hG4bKe86d.742c949a2b.0',
    'Via: SIP/2.0/WS oea90ceme6jd.invalid;rport=34908;received=127.0.0.1;branch=z9hG4bK5032270',
    'To: <sip:1002@sip.test>',
    `From: "${displayName}" <sip:1001@sip.test>;tag=g066pppj61`,
    'CSeq: 2 INVITE',
    `Call-ID: ${callId}`,
    'Max-Forwards: 69',
    'Contact: <sip:gifkqmu1@oea90ceme6jd.invalid;alias=127.0.0.1~34908~5;transport=ws;ob>',
    'Supported: outbound, timer',
    'Content-Type: application/sdp',
    `Content-Length: ${SDP.length}`,
    '',
    SDP,
  ].join(CRLF);
}

/** A response whose Via and CSeq do not parse: SIP.js drops the message. */
const BROKEN = ['SIP/2.0 180 Ringing', 'Via: garbage here', 'To: <<<', 'From: <sip:a@x.test>;tag=1', 'CSeq: x', 'Call-ID: c3', 'Content-Length: 0', '', ''].join(CRLF);

describe("SIP.js's kept parser", () => {
  it('parses a forwarded INVITE into its parts', () => {
    const message = Core.Parser.parseMessage(invite('call-1', 'Agent 1001'), logger) as Core.IncomingRequestMessage;
    expect(message.method).toBe('INVITE');
    expect(message.ruri?.user).toBe('oeijjenb');
    expect(message.from.displayName).toBe('Agent 1001');
    expect(message.fromTag).toBe('g066pppj61');
    expect(message.to.uri.user).toBe('1002');
    expect(message.callId).toBe('call-1');
    expect(message.cseq).toBe(2);
    expect(message.viaBranch).toBe('z9hG4bKe86d.742c949a2b.0');
    expect(message.getHeaders('via')).toHaveLength(2);
    expect(message.parseHeader('contact').uri.getParam('alias')).toBe('127.0.0.1~34908~5');
    expect(message.parseHeader('record-route').uri.host).toBe('127.0.0.1');
    expect(message.parseHeader('supported')).toEqual(['outbound', 'timer']);
    expect(message.body).toBe(SDP);
  });

  it('a message that fails half-way leaves nothing behind for the next', () => {
    expect(Core.Parser.parseMessage(BROKEN, logger)).toBeUndefined();
    const next = Core.Parser.parseMessage(invite('call-2', 'Agent 1001'), logger) as Core.IncomingRequestMessage;
    expect(next.callId).toBe('call-2');
    expect(next.via.host).toBe('127.0.0.1');
    expect(next.via.port).toBe(35077);
  });

  it('each start rule gets its own result, in any order, with failures in between', () => {
    const parses: [string, string, unknown][] = [
      ['1800;refresher=uas', 'Session_Expires', { deltaSeconds: 1800, refresher: 'uas' }],
      ['<<', 'SIP_URI', -1],
      ['90', 'Min_SE', 90],
      ['session;handling=required', 'Content_Disposition', { type: 'session' }],
      ['timer, 100rel', 'Supported', ['timer', '100rel']],
      ['not a number', 'Min_SE', -1],
      ['1800;refresher=uas', 'Session_Expires', { deltaSeconds: 1800, refresher: 'uas' }],
    ];
    for (const [input, rule, expected] of parses) expect(Grammar.parse(input, rule), `${rule}: ${input}`).toEqual(expected);
  });

  it('round-trips From headers parse after parse, whatever failed before each', () => {
    const token = fc.stringMatching(/^[a-zA-Z0-9][a-zA-Z0-9._~-]{0,15}$/);
    const displayName = fc.stringMatching(/^[a-zA-Z0-9][a-zA-Z0-9 ]{0,20}[a-zA-Z0-9]$/);
    const garbage = fc.constantFrom('<<', '"unterminated <sip:a@b>', 'sip:', ';tag=', '<sip:a@b>;;');
    fc.assert(
      fc.property(fc.array(fc.tuple(displayName, token, token, garbage), { minLength: 1, maxLength: 8 }), (headers) => {
        for (const [name, user, tag, broken] of headers) {
          expect(Grammar.nameAddrHeaderParse(broken)).toBeUndefined();
          const parsed = Grammar.nameAddrHeaderParse(`"${name}" <sip:${user}@example.com>;tag=${tag}`) as NameAddrHeader;
          expect([parsed.displayName, parsed.uri.user, parsed.uri.host, parsed.getParam('tag')]).toEqual([name, user, 'example.com', tag]);
        }
      }),
    );
  });
});
