import { describe, expect, it } from 'vitest';
import { mutate, randomBytes, randomInt, seededRandom } from '../bits/fuzz.ts';
import { parseAuthChallenges } from './auth-client.ts';
import { parseAuthorization, verifyDigestAuthorization } from './auth-server.ts';
import { RtspParseError } from './errors.ts';
import { writeInterleavedFrame, writeRequest, writeResponse } from './message.ts';
import { parseRtpInfo } from './rtp-info.ts';
import { parseSession } from './session.ts';
import { RtspStreamParser } from './stream-parser.ts';
import { parseTransport } from './transport.ts';

const enc = new TextEncoder();
const dec = new TextDecoder();

/** Runs `fn`; any exception other than RtspParseError fails the test with the seed. */
function only(fn: () => unknown, seed: number): void {
  try {
    fn();
  } catch (err) {
    if (!(err instanceof RtspParseError)) {
      throw new Error(`seed ${seed}: ${String(err)}`, { cause: err });
    }
  }
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

const STREAM = concat([
  writeResponse({
    statusCode: 401,
    headers: [
      ['CSeq', '2'],
      ['WWW-Authenticate', 'Digest realm="IP Camera(C2358)", nonce="8a7b2f9c", stale="FALSE"'],
      ['WWW-Authenticate', 'Basic realm="IP Camera(C2358)"'],
    ],
  }),
  writeResponse({
    statusCode: 200,
    headers: { CSeq: 3, 'Content-Type': 'application/sdp', 'Content-Base': 'rtsp://c/s/' },
    body: 'v=0\r\ns=x\r\nm=video 0 RTP/AVP 96\r\na=rtpmap:96 H264/90000\r\n',
  }),
  writeRequest({
    method: 'SETUP',
    uri: 'rtsp://c/s/trackID=1',
    headers: { CSeq: 4, Transport: 'RTP/AVP/TCP;unicast;interleaved=0-1' },
  }),
  writeInterleavedFrame(0, new Uint8Array([0x80, 0xe0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0x65])),
  writeResponse({
    statusCode: 200,
    headers: { CSeq: 5, Session: '12345678;timeout=60', 'RTP-Info': 'url=rtsp://c/s/t;seq=1' },
  }),
  writeInterleavedFrame(1, new Uint8Array(40)),
]);

const HEADERS = {
  transport:
    'RTP/AVP/TCP;unicast;interleaved=0-1;ssrc=5AD8E1B2;mode="play", RTP/AVP;client_port=5000-5001',
  session: '1185297212;timeout=60',
  rtpInfo: 'url=rtsp://cam/a/trackID=1;seq=45102;rtptime=2890844526,url=rtsp://cam/b;seq=1',
  challenge:
    'Digest realm="testrealm@host.com", qop="auth,auth-int", nonce="dcd98b", opaque="5ccc", algorithm=MD5, Basic realm="x"',
  authorization:
    'Digest username="Mufasa", realm="testrealm@host.com", nonce="dcd98b", uri="/dir/index.html", qop=auth, nc=00000001, cnonce="0a4f113b", response="6629fae49393a05397450978507c4ef1", opaque="5ccc"',
  basic: 'Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==',
};

describe('RTSP fuzz', () => {
  it('stream parser: 20k mutated and random streams in random chunks throw only RtspParseError', () => {
    let items = 0;
    for (let seed = 1; seed <= 20_000; seed++) {
      const rand = seededRandom(seed);
      const input =
        seed % 10 === 0 ? randomBytes(rand, randomInt(rand, 2000)) : mutate(STREAM, rand, 6);
      const parser = new RtspStreamParser({ maxHeaderBytes: 1024, maxBodyBytes: 4096 });
      only(() => {
        for (let at = 0; at < input.length;) {
          const size = 1 + randomInt(rand, 300);
          items += parser.push(input.subarray(at, at + size)).length;
          at += size;
        }
      }, seed);
      expect(parser.bufferedBytes).toBeLessThanOrEqual(input.length);
    }
    expect(items).toBeGreaterThan(20_000); // most mutations leave most items readable
  });

  it('header parsers: 20k mutated values each throw only RtspParseError', () => {
    const parsers: [string, (v: string) => unknown][] = [
      [HEADERS.transport, parseTransport],
      [HEADERS.session, parseSession],
      [HEADERS.rtpInfo, parseRtpInfo],
      [HEADERS.challenge, parseAuthChallenges],
      [
        HEADERS.authorization,
        (v) => {
          const a = parseAuthorization(v);
          if (a.scheme === 'Digest') {
            verifyDigestAuthorization(a, {
              method: 'GET',
              password: 'p',
              realm: a.realm,
              nonce: a.nonce,
            });
          }
        },
      ],
      [HEADERS.basic, parseAuthorization],
    ];
    for (const [sample, parse] of parsers) {
      const bytes = enc.encode(sample);
      for (let seed = 1; seed <= 20_000; seed++) {
        const rand = seededRandom(seed);
        const text = dec.decode(
          seed % 10 === 0 ? randomBytes(rand, randomInt(rand, 200)) : mutate(bytes, rand, 4),
        );
        only(() => parse(text), seed);
      }
    }
  });
});
