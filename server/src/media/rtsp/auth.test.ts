import { describe, expect, it } from 'vitest';
import {
  authorizationFor,
  basicAuthorization,
  digestAuthorization,
  parseAuthChallenges,
  pickChallenge,
  type DigestChallenge,
} from './auth-client.ts';
import {
  formatBasicChallenge,
  formatDigestChallenge,
  parseAuthorization,
  verifyBasicAuthorization,
  verifyDigestAuthorization,
} from './auth-server.ts';
import { digestResponse } from './digest.ts';
import { RtspParseError } from './errors.ts';

const RFC2617: DigestChallenge = {
  scheme: 'Digest',
  realm: 'testrealm@host.com',
  nonce: 'dcd98b7102dd2f0e8b11d0f600bfb0c093',
  opaque: '5ccc069c403ebaf9f0171e9517f40e41',
  qop: ['auth', 'auth-int'],
  stale: false,
};
const MUFASA = { username: 'Mufasa', password: 'Circle Of Life' };

describe('Digest (RFC 2617 section 3.5 example)', () => {
  it('computes the published response', () => {
    expect(
      digestResponse({
        algorithm: 'MD5',
        username: 'Mufasa',
        realm: 'testrealm@host.com',
        password: 'Circle Of Life',
        method: 'GET',
        uri: '/dir/index.html',
        nonce: 'dcd98b7102dd2f0e8b11d0f600bfb0c093',
        qop: 'auth',
        nc: '00000001',
        cnonce: '0a4f113b',
      }),
    ).toBe('6629fae49393a05397450978507c4ef1');
  });

  it('parses the RFC challenge and writes the RFC Authorization', () => {
    const [challenge] = parseAuthChallenges(
      'Digest realm="testrealm@host.com", qop="auth,auth-int", ' +
        'nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093", opaque="5ccc069c403ebaf9f0171e9517f40e41"',
    );
    expect(challenge).toEqual(RFC2617);
    const value = digestAuthorization(RFC2617, MUFASA, {
      method: 'GET',
      uri: '/dir/index.html',
      cnonce: '0a4f113b',
      nc: 1,
    });
    expect(value).toBe(
      'Digest username="Mufasa", realm="testrealm@host.com", ' +
        'nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093", uri="/dir/index.html", qop=auth, ' +
        'nc=00000001, cnonce="0a4f113b", response="6629fae49393a05397450978507c4ef1", ' +
        'opaque="5ccc069c403ebaf9f0171e9517f40e41"',
    );
    const parsed = parseAuthorization(value);
    if (parsed.scheme !== 'Digest') throw new Error('expected Digest');
    const expected = {
      method: 'GET',
      password: 'Circle Of Life',
      realm: 'testrealm@host.com',
      nonce: RFC2617.nonce,
    };
    expect(verifyDigestAuthorization(parsed, expected)).toBe(true);
    expect(verifyDigestAuthorization(parsed, { ...expected, password: 'circle of life' })).toBe(
      false,
    );
    expect(verifyDigestAuthorization(parsed, { ...expected, method: 'POST' })).toBe(false);
    expect(verifyDigestAuthorization(parsed, { ...expected, nonce: 'other' })).toBe(false);
  });
});

describe('camera challenges', () => {
  it('reads a Hikvision-style pair of challenges and prefers Digest', () => {
    const challenges = parseAuthChallenges([
      'Digest realm="IP Camera(C2358)", nonce="8a7b2f9c0a1b4d3e", stale="FALSE"',
      'Basic realm="IP Camera(C2358)"',
    ]);
    expect(challenges.map((c) => c.scheme)).toEqual(['Digest', 'Basic']);
    const best = pickChallenge(challenges);
    expect(best?.scheme).toBe('Digest');
    if (best === undefined) throw new Error('no challenge');
    // No qop: RFC 2069 form, response = MD5(HA1:nonce:HA2).
    const value = authorizationFor(
      best,
      { username: 'admin', password: 'secret' },
      { method: 'DESCRIBE', uri: 'rtsp://10.0.0.7:554/Streaming/Channels/101' },
    );
    expect(value).not.toContain('qop=');
    const parsed = parseAuthorization(value);
    if (parsed.scheme !== 'Digest') throw new Error('expected Digest');
    expect(
      verifyDigestAuthorization(parsed, {
        method: 'DESCRIBE',
        password: 'secret',
        realm: 'IP Camera(C2358)',
        nonce: '8a7b2f9c0a1b4d3e',
      }),
    ).toBe(true);
  });

  it('reads several challenges in one header and SHA-256 (RFC 7616)', () => {
    const challenges = parseAuthChallenges(
      'Digest realm="a, b", nonce="n1", algorithm=MD5, qop="auth", ' +
        'Digest realm="a, b", nonce="n1", algorithm=SHA-256, qop="auth", Negotiate, Basic realm="x"',
    );
    expect(challenges).toHaveLength(3);
    const best = pickChallenge(challenges);
    expect(best?.scheme === 'Digest' ? best.algorithm : undefined).toBe('SHA-256');
  });

  it('computes the RFC 7616 section 3.9.1 SHA-256 example', () => {
    expect(
      digestResponse({
        algorithm: 'SHA-256',
        username: 'Mufasa',
        realm: 'http-auth@example.org',
        password: 'Circle of Life',
        method: 'GET',
        uri: '/dir/index.html',
        nonce: '7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v',
        qop: 'auth',
        nc: '00000001',
        cnonce: 'f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ',
      }),
    ).toBe('753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1');
  });

  it('round-trips a server challenge through client and server', () => {
    const header = formatDigestChallenge({ realm: 'vedetta-sim', nonce: 'abc123', opaque: 'o' });
    expect(header).toBe('Digest realm="vedetta-sim", nonce="abc123", qop="auth", opaque="o"');
    const [challenge] = parseAuthChallenges(header);
    if (challenge?.scheme !== 'Digest') throw new Error('expected Digest');
    const value = digestAuthorization(
      challenge,
      { username: 'op"1', password: 'p' },
      { method: 'SETUP', uri: 'rtsp://127.0.0.1:8554/cam1/track1', cnonce: 'c', nc: 3 },
    );
    const parsed = parseAuthorization(value);
    if (parsed.scheme !== 'Digest') throw new Error('expected Digest');
    expect(parsed.username).toBe('op"1');
    expect(parsed.nc).toBe('00000003');
    const ok = { method: 'SETUP', password: 'p', realm: 'vedetta-sim', nonce: 'abc123' };
    expect(verifyDigestAuthorization(parsed, ok)).toBe(true);
  });

  it('does Basic both ways', () => {
    expect(formatBasicChallenge('cam')).toBe('Basic realm="cam"');
    const value = basicAuthorization({ username: 'Aladdin', password: 'open sesame' });
    expect(value).toBe('Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==');
    const parsed = parseAuthorization(value);
    expect(parsed).toEqual({ scheme: 'Basic', username: 'Aladdin', password: 'open sesame' });
    if (parsed.scheme !== 'Basic') throw new Error('expected Basic');
    expect(verifyBasicAuthorization(parsed, { username: 'Aladdin', password: 'open sesame' })).toBe(
      true,
    );
    expect(verifyBasicAuthorization(parsed, { username: 'Aladdin', password: 'x' })).toBe(false);
  });

  it('names malformed headers', () => {
    expect(() => parseAuthChallenges('Digest realm="x')).toThrow(/unterminated quoted string/);
    expect(() => parseAuthChallenges('Digest realm="x"')).toThrow(/without nonce/);
    expect(() => parseAuthorization('Digest username="a"')).toThrow(/without realm/);
    expect(() => parseAuthorization('Bearer abc')).toThrow(/unsupported authorization scheme/);
    expect(() => parseAuthorization('Basic !!!')).toThrow(RtspParseError);
    expect(() =>
      parseAuthorization(
        'Digest username="a", realm="r", nonce="n", uri="u", response="x", qop=auth',
      ),
    ).toThrow(/needs nc/);
    expect(() =>
      digestAuthorization({ ...RFC2617, qop: ['auth'] }, MUFASA, { method: 'GET', uri: '/' }),
    ).toThrow(/cnonce/);
  });
});
