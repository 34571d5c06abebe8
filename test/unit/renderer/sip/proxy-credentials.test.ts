/**
 * Proxy credentials sent up front, with SIP.js's own digest and request classes; the expected
 * digest is computed here from RFC 2617's formula, independently of SIP.js.
 */
import { Core, UserAgent } from 'sip.js';
import { describe, expect, it } from 'vitest';
import { ProxyCredentials, type DigestSource } from '../../../../src-renderer/sip/proxy-credentials.js';

const USER = '1001';
const PASSWORD = 'pw-1001';
const REALM = 'sip.test';
const loggers = new Core.LoggerFactory();
loggers.builtinEnabled = false;

function source(): DigestSource {
  return { authenticationFactory: () => new Core.DigestAuthentication(loggers, undefined, USER, PASSWORD) };
}

function invite(target = 'sip:1002@sip.test', method = 'INVITE'): Core.OutgoingRequestMessage {
  const uri = (text: string) => UserAgent.makeURI(text)!;
  return new Core.OutgoingRequestMessage(method, uri(target), uri(`sip:${USER}@sip.test`), uri(target), { callId: `c${Math.random()}`, cseq: 1 });
}

/** What SIP.js's client transaction does with a 401/407: a digest from the factory, then the header. */
async function answerChallenge(from: DigestSource, request: Core.OutgoingRequestMessage, status: 401 | 407, challenge: object): Promise<void> {
  const digest = from.authenticationFactory()!;
  expect(digest.authenticate(request, challenge)).toBe(true);
  request.setHeader(status === 407 ? 'Proxy-Authorization' : 'Authorization', digest.toString());
  await Promise.resolve(); // the credentials look at the request once SIP.js has set the header
}

/** Node's MD5: vitest runs this in Node, but renderer tests are type-checked without Node's types. */
const { createHash } = (
  globalThis as unknown as {
    process: { getBuiltinModule(id: 'node:crypto'): { createHash(algorithm: 'md5'): { update(text: string): { digest(encoding: 'hex'): string } } } };
  }
).process.getBuiltinModule('node:crypto');
const md5 = (text: string) => createHash('md5').update(text).digest('hex');

function fieldsOf(header: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [, key, quoted, bare] of header.replace(/^Digest\s+/, '').matchAll(/(\w+)=(?:"([^"]*)"|([^,\s]+))/g)) {
    fields[key!] = quoted ?? bare!;
  }
  return fields;
}

describe('proxy credentials sent up front', () => {
  it('sends nothing before a challenge, then signs each new INVITE with the kept nonce and a rising count', async () => {
    const from = source();
    const credentials = new ProxyCredentials(from);
    const first = invite();
    credentials.sign(first);
    expect(first.hasHeader('Proxy-Authorization')).toBe(false);

    await answerChallenge(from, first, 407, { realm: REALM, nonce: 'n-1', qop: ['auth'], opaque: 'op' });
    const second = invite('sip:1003@sip.test');
    const third = invite('sip:1004@sip.test');
    credentials.sign(second);
    credentials.sign(third);

    const counts: string[] = [];
    for (const [request, target] of [
      [second, 'sip:1003@sip.test'],
      [third, 'sip:1004@sip.test'],
    ] as const) {
      const fields = fieldsOf(request.getHeader('Proxy-Authorization')!);
      expect(fields).toMatchObject({ username: USER, realm: REALM, nonce: 'n-1', uri: target, qop: 'auth', opaque: 'op' });
      const ha1 = md5(`${USER}:${REALM}:${PASSWORD}`);
      const ha2 = md5(`INVITE:${target}`);
      expect(fields.response).toBe(md5(`${ha1}:n-1:${fields.nc}:${fields.cnonce}:auth:${ha2}`));
      counts.push(fields.nc!);
    }
    expect(counts).toEqual(['00000001', '00000002']);
  });

  it('keeps the newest nonce when the proxy challenges again, and counts from one for it', async () => {
    const from = source();
    const credentials = new ProxyCredentials(from);
    await answerChallenge(from, invite(), 407, { realm: REALM, nonce: 'n-1', qop: ['auth'] });
    credentials.sign(invite());
    await answerChallenge(from, invite(), 407, { realm: REALM, nonce: 'n-2', qop: ['auth'], stale: true });
    const next = invite();
    credentials.sign(next);
    expect(fieldsOf(next.getHeader('Proxy-Authorization')!)).toMatchObject({ nonce: 'n-2', nc: '00000001' });
  });

  it('keeps no registrar challenge (401) and no challenge to other requests', async () => {
    const from = source();
    const credentials = new ProxyCredentials(from);
    await answerChallenge(from, invite('sip:sip.test', 'REGISTER'), 401, { realm: REALM, nonce: 'r-1', qop: ['auth'] });
    await answerChallenge(from, invite(), 401, { realm: REALM, nonce: 'w-1', qop: ['auth'] });
    await answerChallenge(from, invite('sip:1002@sip.test', 'MESSAGE'), 407, { realm: REALM, nonce: 'm-1', qop: ['auth'] });
    const next = invite();
    credentials.sign(next);
    expect(next.hasHeader('Proxy-Authorization')).toBe(false);
  });

  it('signs nothing ahead when the proxy wants the body covered (auth-int only), or after forget()', async () => {
    const from = source();
    const credentials = new ProxyCredentials(from);
    await answerChallenge(from, invite(), 407, { realm: REALM, nonce: 'i-1', qop: ['auth-int'] });
    const bodyCovered = invite();
    credentials.sign(bodyCovered);
    expect(bodyCovered.hasHeader('Proxy-Authorization')).toBe(false);

    await answerChallenge(from, invite(), 407, { realm: REALM, nonce: 'n-1', qop: ['auth', 'auth-int'] });
    const both = invite();
    credentials.sign(both);
    expect(fieldsOf(both.getHeader('Proxy-Authorization')!).qop).toBe('auth');
    credentials.forget();
    const forgotten = invite();
    credentials.sign(forgotten);
    expect(forgotten.hasHeader('Proxy-Authorization')).toBe(false);
  });
});
