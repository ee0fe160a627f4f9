import { describe, expect, it } from 'vitest';
import { RtspParseError } from './errors.ts';
import { bodyText, cseqOf, writeInterleavedFrame, type RtspItem } from './message.ts';
import { RtspStreamParser, parseRtspMessage } from './stream-parser.ts';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

// A Hikvision-style DESCRIBE answer, as such cameras send it.
const SDP =
  'v=0\r\no=- 1109162014219182 1109162014219192 IN IP4 192.168.1.64\r\ns=Media Presentation\r\n' +
  'e=NONE\r\nb=AS:5050\r\nt=0 0\r\na=control:rtsp://192.168.1.64:554/Streaming/Channels/101/\r\n' +
  'm=video 0 RTP/AVP 96\r\nc=IN IP4 0.0.0.0\r\nb=AS:5000\r\na=recvonly\r\n' +
  'a=x-dimensions:1920,1080\r\na=control:rtsp://192.168.1.64:554/Streaming/Channels/101/trackID=1\r\n' +
  'a=rtpmap:96 H264/90000\r\na=fmtp:96 profile-level-id=420029; packetization-mode=1; ' +
  'sprop-parameter-sets=Z00AKpY1QPAET8s3AQEBAg==,aO48gA==\r\n';
const DESCRIBE_RESPONSE =
  'RTSP/1.0 200 OK\r\nCSeq: 3\r\nContent-Type: application/sdp\r\n' +
  'Content-Base: rtsp://192.168.1.64:554/Streaming/Channels/101/\r\n' +
  `Content-Length: ${enc(SDP).length}\r\n\r\n${SDP}`;

function pushAll(parser: RtspStreamParser, chunks: Uint8Array[]): RtspItem[] {
  return chunks.flatMap((c) => parser.push(c));
}

describe('RtspStreamParser', () => {
  it('hands interleaved frames to onInterleaved in order, at every split point', () => {
    const frame = (ch: number, n: number): Uint8Array =>
      writeInterleavedFrame(
        ch,
        new Uint8Array(n).map((_, i) => (i * 7 + n) & 0xff),
      );
    const stream = concat(frame(0, 300), enc(DESCRIBE_RESPONSE), frame(1, 5), frame(0, 1400));
    for (let cut = 0; cut <= stream.length; cut += 7) {
      const seen: string[] = [];
      const parser = new RtspStreamParser({
        onInterleaved(channel, data, start, end) {
          seen.push(`${channel}:${Buffer.from(data.subarray(start, end)).toString('hex')}`);
        },
      });
      // The caller reuses its read buffer, as the ingest connection does.
      const read = new Uint8Array(stream.length);
      for (const part of [stream.subarray(0, cut), stream.subarray(cut)]) {
        read.set(part);
        for (const item of parser.push(read.subarray(0, part.length))) {
          if (item.kind === 'interleaved') throw new Error('frames go to the handler');
          seen.push(`message ${cseqOf(item) ?? '?'}`);
        }
        read.fill(0xcc);
      }
      const hex = (f: Uint8Array): string => Buffer.from(f.subarray(4)).toString('hex');
      expect(
        seen.filter((x) => !x.startsWith('message')),
        `cut ${cut}`,
      ).toEqual([`0:${hex(frame(0, 300))}`, `1:${hex(frame(1, 5))}`, `0:${hex(frame(0, 1400))}`]);
      expect(seen.filter((x) => x.startsWith('message'))).toEqual(['message 3']);
    }
  });

  it('parses a camera DESCRIBE answer with its SDP body', () => {
    const items = new RtspStreamParser().push(enc(DESCRIBE_RESPONSE));
    expect(items).toHaveLength(1);
    const [msg] = items;
    if (msg?.kind !== 'response') throw new Error('expected a response');
    expect(msg.statusCode).toBe(200);
    expect(msg.reason).toBe('OK');
    expect(cseqOf(msg)).toBe(3);
    expect(msg.headers.get('content-base')).toBe('rtsp://192.168.1.64:554/Streaming/Channels/101/');
    expect(bodyText(msg)).toBe(SDP);
  });

  it('splits a PLAY answer followed by interleaved RTP and RTCP in one chunk', () => {
    const play =
      'RTSP/1.0 200 OK\r\nCSeq: 5\r\nSession: 1185297212;timeout=60\r\n' +
      'RTP-Info: url=rtsp://192.168.1.64:554/Streaming/Channels/101/trackID=1;seq=30001;rtptime=3001\r\n' +
      'Date: Mon, 03 Jun 2024 10:00:00 GMT\r\n\r\n';
    const rtp = new Uint8Array([0x80, 0xe0, 0x75, 0x31, 0, 0, 0x0b, 0xb9, 1, 2, 3, 4, 0x65, 0x88]);
    const rtcp = new Uint8Array([0x80, 0xc8, 0, 6]);
    const stream = concat(enc(play), writeInterleavedFrame(0, rtp), writeInterleavedFrame(1, rtcp));
    const items = new RtspStreamParser().push(stream);
    expect(items.map((i) => i.kind)).toEqual(['response', 'interleaved', 'interleaved']);
    const [, f0, f1] = items;
    expect(f0).toEqual({ kind: 'interleaved', channel: 0, payload: rtp });
    expect(f1).toEqual({ kind: 'interleaved', channel: 1, payload: rtcp });
  });

  it('gives the same items whatever the chunking, byte by byte included', () => {
    const frame = writeInterleavedFrame(0, new Uint8Array(1500).fill(7));
    const stream = concat(
      frame,
      enc(DESCRIBE_RESPONSE),
      frame,
      enc('\r\n'),
      enc('OPTIONS * RTSP/1.0\r\nCSeq: 9\r\n\r\n'),
      writeInterleavedFrame(3, new Uint8Array(0)),
    );
    const whole = new RtspStreamParser().push(stream);
    expect(whole.map((i) => i.kind)).toEqual([
      'interleaved',
      'response',
      'interleaved',
      'request',
      'interleaved',
    ]);
    for (const size of [1, 2, 3, 7, 100, 1499]) {
      const parser = new RtspStreamParser();
      const chunks: Uint8Array[] = [];
      for (let i = 0; i < stream.length; i += size) chunks.push(stream.slice(i, i + size));
      expect(pushAll(parser, chunks)).toEqual(whole);
      expect(parser.bufferedBytes).toBe(0);
    }
  });

  it('completes a split frame from the next chunk and leaves the frames after it as views', () => {
    const frames = Array.from({ length: 5 }, (_, i) =>
      writeInterleavedFrame(i % 2, new Uint8Array(1000 + i).fill(i)),
    );
    const stream = concat(...frames);
    const parser = new RtspStreamParser();
    expect(parser.push(stream.slice(0, 1500))).toHaveLength(1);
    const rest = stream.slice(1500);
    const items = parser.push(rest);
    expect(items.map((i) => (i.kind === 'interleaved' ? i.payload.length : -1))).toEqual([
      1001, 1002, 1003, 1004,
    ]);
    const [completed, ...after] = items;
    if (completed?.kind !== 'interleaved') throw new Error('expected a frame');
    expect(completed.payload.buffer).not.toBe(rest.buffer);
    for (const item of after) {
      if (item.kind !== 'interleaved') throw new Error('expected a frame');
      expect(item.payload.buffer).toBe(rest.buffer);
    }
    expect(parser.bufferedBytes).toBe(0);
  });

  it('parses requests a client sends, with bare LF line ends and folded headers', () => {
    const msg = parseRtspMessage(
      'SETUP rtsp://cam/live/trackID=1 RTSP/1.0\nCSeq: 4\nTransport: RTP/AVP/TCP;\n unicast;interleaved=0-1\n\n',
    );
    if (msg.kind !== 'request') throw new Error('expected a request');
    expect(msg.method).toBe('SETUP');
    expect(msg.uri).toBe('rtsp://cam/live/trackID=1');
    expect(msg.headers.get('TRANSPORT')).toBe('RTP/AVP/TCP; unicast;interleaved=0-1');
  });

  it('keeps a partial message until its body completes', () => {
    const parser = new RtspStreamParser();
    const bytes = enc(DESCRIBE_RESPONSE);
    expect(parser.push(bytes.subarray(0, 200))).toEqual([]);
    expect(parser.bufferedBytes).toBe(200);
    expect(parser.push(bytes.subarray(200))).toHaveLength(1);
  });

  it('returns payloads that stay valid after later pushes', () => {
    const parser = new RtspStreamParser();
    const a = writeInterleavedFrame(0, new Uint8Array([1, 2, 3]));
    const first = parser.push(a.subarray(0, 2));
    const got = parser.push(concat(a.subarray(2), a.subarray(0, 3)));
    parser.push(concat(a.subarray(3), a));
    expect(first).toEqual([]);
    expect(got).toEqual([{ kind: 'interleaved', channel: 0, payload: new Uint8Array([1, 2, 3]) }]);
  });

  it('rejects binary garbage where a message should start, and stays failed', () => {
    const parser = new RtspStreamParser();
    expect(() => parser.push(new Uint8Array([0x80, 0x60, 0, 1]))).toThrow(
      /byte 0x80 where an RTSP message/,
    );
    expect(() => parser.push(enc('OPTIONS * RTSP/1.0\r\n\r\n'))).toThrow(RtspParseError);
  });

  it('enforces the head and body limits', () => {
    const big = new RtspStreamParser({ maxHeaderBytes: 64 });
    expect(() => big.push(enc(`OPTIONS * RTSP/1.0\r\nX-Long: ${'a'.repeat(100)}`))).toThrow(
      /head exceeds 64 bytes/,
    );
    const body = new RtspStreamParser({ maxBodyBytes: 10 });
    expect(() => body.push(enc('RTSP/1.0 200 OK\r\nContent-Length: 11\r\n\r\n'))).toThrow(
      /body of 11 bytes exceeds the limit of 10 bytes/,
    );
  });

  it('names malformed lines', () => {
    expect(() => parseRtspMessage('RTSP/1.0 OK\r\n\r\n')).toThrow(/malformed RTSP status line/);
    expect(() => parseRtspMessage('PLAY rtsp://x\r\n\r\n')).toThrow(/malformed RTSP request line/);
    expect(() => parseRtspMessage('PLAY * RTSP/1.0\r\nno colon\r\n\r\n')).toThrow(
      /malformed RTSP header line "no colon"/,
    );
    expect(() => parseRtspMessage('PLAY * RTSP/1.0\r\nContent-Length: -1\r\n\r\n')).toThrow(
      /invalid Content-Length "-1"/,
    );
    expect(() => parseRtspMessage('PLAY * RTSP/1.0\r\nA: b\x01\r\n\r\n')).toThrow(
      /control byte 0x01/,
    );
    expect(() => parseRtspMessage('PLAY * RTSP/1.0\r\n')).toThrow(/incomplete/);
  });

  it('accepts a status line without a reason phrase', () => {
    const msg = parseRtspMessage('RTSP/1.0 454\r\nCSeq: 2\r\n\r\n');
    if (msg.kind !== 'response') throw new Error('expected a response');
    expect(msg.statusCode).toBe(454);
    expect(msg.reason).toBe('');
  });
});
