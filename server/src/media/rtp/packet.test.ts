import { describe, expect, it } from 'vitest';
import { RtpParseError } from './errors.ts';
import { parseRtpPacket, writeRtpPacket } from './packet.ts';

describe('parseRtpPacket', () => {
  it('reads the fixed header of a camera packet', () => {
    const bytes = new Uint8Array([
      0x80, 0xe0, 0x75, 0x31, 0x00, 0x01, 0x5f, 0x90, 0x5a, 0xd8, 0xe1, 0xb2, 0x65, 0x88, 0x84,
    ]);
    const p = parseRtpPacket(bytes);
    expect(p).toEqual({
      version: 2,
      padding: false,
      csrcs: [],
      marker: true,
      payloadType: 96,
      sequenceNumber: 30001,
      timestamp: 90000,
      ssrc: 0x5ad8e1b2,
      payload: new Uint8Array([0x65, 0x88, 0x84]),
    });
  });

  it('skips CSRCs, extension and padding', () => {
    const bytes = new Uint8Array([
      0xb1,
      0x60,
      0,
      1,
      0xff,
      0xff,
      0xff,
      0xff,
      0,
      0,
      0,
      1, // V=2 P X CC=1
      0xde,
      0xad,
      0xbe,
      0xef, // CSRC
      0xbe,
      0xde,
      0,
      1,
      0x10,
      0xaa,
      0,
      0, // one-word extension
      0x41,
      0x9a, // payload
      0,
      0,
      3, // 3 bytes of padding
    ]);
    const p = parseRtpPacket(bytes);
    expect(p.csrcs).toEqual([0xdeadbeef]);
    expect(p.extension).toEqual({ profile: 0xbede, data: new Uint8Array([0x10, 0xaa, 0, 0]) });
    expect(p.timestamp).toBe(0xffffffff);
    expect(p.padding).toBe(true);
    expect(p.payload).toEqual(new Uint8Array([0x41, 0x9a]));
  });

  it('names each inconsistency', () => {
    expect(() => parseRtpPacket(new Uint8Array(11))).toThrow(/shorter than its 12-byte header/);
    expect(() => parseRtpPacket(new Uint8Array(12))).toThrow(/RTP version 0/);
    const cc = new Uint8Array(12);
    cc[0] = 0x8f;
    expect(() => parseRtpPacket(cc)).toThrow(/15 CSRCs/);
    const ext = new Uint8Array([0x90, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 5]);
    expect(() => parseRtpPacket(ext)).toThrow(/extension of 5 words/);
    const pad = new Uint8Array([0xa0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 9]);
    expect(() => parseRtpPacket(pad)).toThrow(RtpParseError);
  });
});

describe('writeRtpPacket', () => {
  it('writes what parses back', () => {
    const init = {
      marker: true,
      payloadType: 97,
      sequenceNumber: 65535,
      timestamp: 0xfffffff0,
      ssrc: 0xcafebabe,
      payload: new Uint8Array([1, 2, 3]),
      csrcs: [7],
      extension: { profile: 0x1000, data: new Uint8Array([1, 2, 3, 4]) },
      paddingBytes: 2,
    };
    const bytes = writeRtpPacket(init);
    expect(bytes.length).toBe(12 + 4 + 8 + 3 + 2);
    const p = parseRtpPacket(bytes);
    expect(p).toMatchObject({
      marker: true,
      payloadType: 97,
      sequenceNumber: 65535,
      timestamp: 0xfffffff0,
      ssrc: 0xcafebabe,
      csrcs: [7],
      payload: init.payload,
    });
    expect(
      writeRtpPacket({ ...init, csrcs: [], extension: undefined, paddingBytes: 0 }).subarray(0, 4),
    ).toEqual(new Uint8Array([0x80, 0xe1, 0xff, 0xff]));
    expect(() => writeRtpPacket({ ...init, payloadType: 128 })).toThrow(/payload type 128/);
  });
});
