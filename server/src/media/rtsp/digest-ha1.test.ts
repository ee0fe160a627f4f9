import { describe, expect, it } from 'vitest';
import { digestAuthorization } from './auth-client.ts';
import {
  parseAuthorization,
  verifyDigestWithHa1,
  type DigestAuthorization,
} from './auth-server.ts';
import { digestHa1, digestResponse, digestResponseFromHa1 } from './digest.ts';

const creds = { username: 'cc-vms', password: 'a long enough password' };
const ha1 = digestHa1('MD5', 'cc-vms', 'Vedetta', 'a long enough password');

function answer(qop: string[], algorithm?: 'MD5' | 'MD5-sess'): DigestAuthorization {
  const header = digestAuthorization(
    {
      scheme: 'Digest',
      realm: 'Vedetta',
      nonce: 'n1',
      qop,
      stale: false,
      ...(algorithm ? { algorithm } : {}),
    },
    creds,
    { method: 'DESCRIBE', uri: 'rtsp://h/cam-001/main', cnonce: 'c1', nc: 1 },
  );
  const auth = parseAuthorization(header);
  if (auth.scheme !== 'Digest') throw new Error('not digest');
  return auth;
}

describe('Digest from a stored HA1', () => {
  it('computes HA1 as RFC 2617 does (MD5 of user:realm:password)', () => {
    expect(digestHa1('MD5', 'Mufasa', 'testrealm@host.com', 'Circle Of Life')).toBe(
      '939e7578ed9e3c518a452acee763bce9',
    );
  });

  it('verifies qop auth, RFC 2069 and MD5-sess answers without the password', () => {
    const expected = {
      method: 'DESCRIBE',
      ha1,
      ha1Algorithm: 'MD5' as const,
      realm: 'Vedetta',
      nonce: 'n1',
    };
    for (const auth of [answer(['auth']), answer([]), answer(['auth'], 'MD5-sess')]) {
      expect(verifyDigestWithHa1(auth, expected)).toBe(true);
      expect(verifyDigestWithHa1(auth, { ...expected, method: 'PLAY' })).toBe(false);
      expect(verifyDigestWithHa1(auth, { ...expected, nonce: 'n2' })).toBe(false);
      expect(verifyDigestWithHa1(auth, { ...expected, ha1: '0'.repeat(32) })).toBe(false);
    }
  });

  it('gives the same response as from the password', () => {
    const input = {
      algorithm: 'MD5' as const,
      username: 'cc-vms',
      realm: 'Vedetta',
      password: 'a long enough password',
      method: 'DESCRIBE',
      uri: 'rtsp://h/x',
      nonce: 'n',
      qop: 'auth' as const,
      nc: '00000001',
      cnonce: 'c',
    };
    const { username: _u, realm: _r, password: _p, ...rest } = input;
    expect(digestResponseFromHa1({ ...rest, ha1 })).toBe(digestResponse(input));
  });
});
