/**
 * The RTSP client against a scripted server on 127.0.0.1 (real socket, fake clock for timers):
 * Basic authentication, credentials kept out of URLs, errors for 404 / timeouts / malformed
 * replies, keep-alive at half the session timeout, TEARDOWN on close.
 */
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../../src/app/clock.ts';
import { silentLogger } from '../../src/app/logger.ts';
import { IngestError } from '../../src/ingest/errors.ts';
import { openRtspSession, type RtspClientOptions } from '../../src/ingest/rtsp-client.ts';
import {
  RtspStreamParser,
  cseqOf,
  writeResponse,
  type RtspRequest,
  type RtspResponseInit,
} from '../../src/media/rtsp/index.ts';
import { writeSdp } from '../../src/media/sdp/index.ts';
import { waitFor } from './helpers.ts';

type Answer = RtspResponseInit | 'silence' | 'garbage';

/** A server that answers each request as `answer` says, recording what it got. */
async function scriptedServer(answer: (req: RtspRequest) => Answer) {
  const requests: RtspRequest[] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
    const parser = new RtspStreamParser();
    socket.on('data', (chunk: Buffer) => {
      for (const item of parser.push(new Uint8Array(chunk))) {
        if (item.kind !== 'request') continue;
        requests.push(item);
        const a = answer(item);
        if (a === 'silence') continue;
        if (a === 'garbage') {
          socket.write('HELLO THERE\r\n\r\n');
          continue;
        }
        const headers: [string, string][] = [['CSeq', String(cseqOf(item) ?? 0)]];
        for (const [k, v] of Object.entries(a.headers ?? {})) headers.push([k, String(v)]);
        socket.write(writeResponse({ ...a, headers }));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  const close = async () => {
    for (const s of sockets) s.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  cleanups.push(close);
  return { requests, port: address.port, url: `rtsp://127.0.0.1:${address.port}/cam`, close };
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

const SDP = writeSdp({
  codec: 'h264',
  payloadType: 96,
  control: 'trackID=0',
  params: {
    codec: 'h264',
    sps: Buffer.from('6742c00cda05067e7c0440000003004000000c83c50aa8', 'hex'),
    pps: Buffer.from('68ce3c80', 'hex'),
  },
});

/** A well-behaved camera that wants Basic authentication for everything but OPTIONS. */
function camera(req: RtspRequest): Answer {
  if (req.method === 'OPTIONS') {
    return {
      statusCode: 200,
      headers: { Public: 'OPTIONS, DESCRIBE, SETUP, PLAY, TEARDOWN, GET_PARAMETER' },
    };
  }
  const expected = `Basic ${Buffer.from('admin:s3cret-pass').toString('base64')}`;
  if (req.headers.get('Authorization') !== expected) {
    return { statusCode: 401, headers: { 'WWW-Authenticate': 'Basic realm="cam"' } };
  }
  switch (req.method) {
    case 'DESCRIBE':
      return { statusCode: 200, headers: { 'Content-Type': 'application/sdp' }, body: SDP };
    case 'SETUP':
      return {
        statusCode: 200,
        headers: { Transport: 'RTP/AVP/TCP;unicast;interleaved=2-3', Session: 'abc123;timeout=20' },
      };
    default:
      return { statusCode: 200, headers: { Session: 'abc123' } };
  }
}

function options(
  url: string,
  clock = new FakeClock(),
  extra: Partial<RtspClientOptions> = {},
): RtspClientOptions {
  return {
    url,
    credentials: { username: 'admin', password: 's3cret-pass' },
    // The scripted camera speaks Basic over plain rtsp://, which needs the camera's leave.
    allowBasicOverPlainRtsp: true,
    clock,
    logger: silentLogger(),
    onDescribed: () => ({ rtp: () => undefined, rtcp: () => undefined }),
    onClose: () => undefined,
    ...extra,
  };
}

async function rejection(p: Promise<unknown>): Promise<IngestError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof IngestError) return e;
    throw e;
  }
  throw new Error('expected a rejection');
}

describe('openRtspSession', () => {
  it('answers Basic challenges, sets up the track on the channels the camera chose, and plays', async () => {
    const srv = await scriptedServer(camera);
    const session = await openRtspSession(options(srv.url));
    expect(srv.requests.map((r) => r.method)).toEqual([
      'OPTIONS',
      'DESCRIBE',
      'DESCRIBE',
      'SETUP',
      'PLAY',
    ]);
    expect(srv.requests[3]?.uri).toBe(`${srv.url}/trackID=0`);
    expect(srv.requests[3]?.headers.get('Transport')).toMatch(
      /RTP\/AVP\/TCP;unicast;interleaved=0-1/,
    );
    expect(srv.requests[4]?.headers.get('Session')).toBe('abc123');
    expect(session.video.codec).toBe('h264');
    expect(session.timeoutSeconds).toBe(20);
    await session.close();
    expect(srv.requests.at(-1)?.method).toBe('TEARDOWN');
  });

  it('takes credentials out of the URL: request lines carry none', async () => {
    const srv = await scriptedServer(camera);
    const session = await openRtspSession(
      options(`rtsp://admin:s3cret-pass@127.0.0.1:${srv.port}/cam`, new FakeClock(), {
        credentials: undefined,
      }),
    );
    for (const r of srv.requests) expect(r.uri).not.toContain('s3cret');
    expect(srv.requests.at(-1)?.method).toBe('PLAY');
    await session.close();
  });

  it('ends offline with an authentication error for wrong credentials, naming no password', async () => {
    const srv = await scriptedServer(camera);
    const e = await rejection(
      openRtspSession(
        options(srv.url, new FakeClock(), {
          credentials: { username: 'admin', password: 'nope-nope' },
        }),
      ),
    );
    expect(e.gapCause).toBe('offline');
    expect(e.definitive).toBe(true);
    expect(e.message).toMatch(/authentication failed.*"admin".*401/);
    expect(e.message).not.toContain('nope-nope');
  });

  it('refuses Basic over plain rtsp:// unless the camera allows it, sending no credentials', async () => {
    const srv = await scriptedServer(camera);
    const e = await rejection(
      openRtspSession(options(srv.url, new FakeClock(), { allowBasicOverPlainRtsp: false })),
    );
    expect(e.gapCause).toBe('offline');
    expect(e.definitive).toBe(true);
    expect(e.message).toMatch(/authentication refused.*Basic.*in clear/);
    expect(srv.requests.map((r) => r.method)).toEqual(['OPTIONS', 'DESCRIBE']);
    for (const r of srv.requests) expect(r.headers.get('Authorization')).toBeUndefined();
  });

  it('ends offline, definitively, when the camera has no such stream (404)', async () => {
    const srv = await scriptedServer((req) =>
      req.method === 'OPTIONS' ? { statusCode: 200 } : { statusCode: 404 },
    );
    const e = await rejection(openRtspSession(options(srv.url)));
    expect(e.gapCause).toBe('offline');
    expect(e.definitive).toBe(true);
    expect(e.message).toContain('404 Not Found');
  });

  it('times out a request the camera never answers', async () => {
    const clock = new FakeClock();
    const srv = await scriptedServer((req) =>
      req.method === 'OPTIONS' ? { statusCode: 200 } : 'silence',
    );
    const opening = rejection(openRtspSession(options(srv.url, clock, { requestTimeoutMs: 3000 })));
    await waitFor(() => srv.requests.length === 2, 5000, 'DESCRIBE sent');
    clock.advance(3000);
    const e = await opening;
    expect(e.gapCause).toBe('offline');
    expect(e.message).toBe('camera did not answer DESCRIBE within 3000 ms');
  });

  it('closes the connection with a clear error on a malformed reply', async () => {
    const srv = await scriptedServer(() => 'garbage');
    const e = await rejection(openRtspSession(options(srv.url)));
    expect(e.gapCause).toBe('error');
    expect(e.message).toMatch(/RtspParseError/);
  });

  it('refuses a camera without H.264 or H.265 video', async () => {
    const mjpeg =
      'v=0\r\no=- 0 1 IN IP4 127.0.0.1\r\ns=x\r\nt=0 0\r\nm=video 0 RTP/AVP 26\r\na=control:trackID=0\r\n';
    const srv = await scriptedServer((req) =>
      req.method === 'DESCRIBE' ? { statusCode: 200, body: mjpeg } : { statusCode: 200 },
    );
    const e = await rejection(openRtspSession(options(srv.url)));
    expect(e.definitive).toBe(true);
    expect(e.message).toContain('no H.264 or H.265 video (found: JPEG)');
  });

  it('keeps the session alive with GET_PARAMETER at half the session timeout', async () => {
    const clock = new FakeClock();
    const srv = await scriptedServer(camera);
    let closedWith: IngestError | undefined;
    const session = await openRtspSession(
      options(srv.url, clock, { onClose: (e) => (closedWith = e) }),
    );
    const before = srv.requests.length;
    clock.advance(9_999);
    clock.advance(1);
    await waitFor(() => srv.requests.length === before + 1, 5000, 'keep-alive');
    expect(srv.requests.at(-1)?.method).toBe('GET_PARAMETER');
    expect(srv.requests.at(-1)?.headers.get('Session')).toBe('abc123');
    clock.advance(10_000);
    await waitFor(() => srv.requests.length === before + 2, 5000, 'second keep-alive');
    await srv.close();
    await waitFor(() => closedWith !== undefined, 5000, 'close noticed');
    expect(closedWith?.gapCause).toBe('offline');
    await session.close();
  });
});
