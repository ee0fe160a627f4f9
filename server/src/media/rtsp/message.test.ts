import { describe, expect, it } from 'vitest';
import { RtspParseError } from './errors.ts';
import { RtspHeaders } from './headers.ts';
import { reasonPhrase, writeInterleavedFrame, writeRequest, writeResponse } from './message.ts';
import { parseRtspMessage } from './stream-parser.ts';

const dec = (b: Uint8Array): string => new TextDecoder().decode(b);

describe('RTSP writers', () => {
  it('writes a request exactly as a camera expects it', () => {
    const bytes = writeRequest({
      method: 'DESCRIBE',
      uri: 'rtsp://10.0.0.5/axis-media/media.amp',
      headers: { CSeq: 2, Accept: 'application/sdp', 'User-Agent': 'Vedetta' },
    });
    expect(dec(bytes)).toBe(
      'DESCRIBE rtsp://10.0.0.5/axis-media/media.amp RTSP/1.0\r\nCSeq: 2\r\n' +
        'Accept: application/sdp\r\nUser-Agent: Vedetta\r\n\r\n',
    );
  });

  it('writes a response with a body and its Content-Length, and parses it back', () => {
    const bytes = writeResponse({
      statusCode: 200,
      headers: [
        ['CSeq', '3'],
        ['Content-Type', 'application/sdp'],
      ],
      body: 'v=0\r\nè\r\n',
    });
    expect(dec(bytes)).toBe(
      'RTSP/1.0 200 OK\r\nCSeq: 3\r\nContent-Type: application/sdp\r\nContent-Length: 9\r\n\r\nv=0\r\nè\r\n',
    );
    const back = parseRtspMessage(bytes);
    expect(back.kind).toBe('response');
    expect(dec(back.body)).toBe('v=0\r\nè\r\n');
  });

  it('refuses header injection, bad methods, codes and channels', () => {
    expect(() => writeRequest({ method: 'GET X', uri: '*' })).toThrow(RtspParseError);
    expect(() => writeRequest({ method: 'GET', uri: 'a b' })).toThrow(/request URI/);
    expect(() => writeResponse({ statusCode: 200, headers: { CSeq: '1\r\nX: y' } })).toThrow(
      /line break/,
    );
    expect(() => writeResponse({ statusCode: 42 })).toThrow(/status code 42/);
    expect(() => writeInterleavedFrame(256, new Uint8Array(1))).toThrow(/outside 0-255/);
    expect(() => writeInterleavedFrame(0, new Uint8Array(65536))).toThrow(/exceeds 65535/);
  });

  it('writes interleaved frames', () => {
    expect(writeInterleavedFrame(1, new Uint8Array([9, 8]))).toEqual(
      new Uint8Array([0x24, 1, 0, 2, 9, 8]),
    );
  });

  it('knows standard reason phrases', () => {
    expect(reasonPhrase(401)).toBe('Unauthorized');
    expect(reasonPhrase(454)).toBe('Session Not Found');
    expect(reasonPhrase(299)).toBe('');
  });
});

describe('RtspHeaders', () => {
  it('looks up case-insensitively and keeps order and spelling', () => {
    const h = new RtspHeaders();
    h.append('WWW-Authenticate', 'Digest realm="a", nonce="b"');
    h.append('www-authenticate', 'Basic realm="a"');
    h.set('CSeq', 1);
    expect(h.get('www-AUTHENTICATE')).toBe('Digest realm="a", nonce="b"');
    expect(h.getAll('WWW-Authenticate')).toHaveLength(2);
    h.set('cseq', 2);
    expect([...h]).toEqual([
      ['WWW-Authenticate', 'Digest realm="a", nonce="b"'],
      ['www-authenticate', 'Basic realm="a"'],
      ['cseq', '2'],
    ]);
    expect(h.delete('WWW-AUTHENTICATE')).toBe(true);
    expect(h.size).toBe(1);
    expect(h.toJSON()).toEqual({ cseq: '2' });
  });
});
