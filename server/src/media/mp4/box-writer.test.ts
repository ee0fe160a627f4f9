import { describe, expect, it } from 'vitest';
import { box, ByteWriter, fullBox, identityMatrix, mp4Time, tableBox } from './box-writer.ts';
import { Mp4Error } from './mp4-error.ts';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

describe('ByteWriter', () => {
  it('writes big-endian fields, signed ones in two’s complement', () => {
    const w = new ByteWriter(2)
      .u8(0xfe)
      .i8(-2)
      .u16(0x1234)
      .i16(-1)
      .u32(0xdeadbeef)
      .i32(-2)
      .u64(2 ** 32 + 5)
      .fourcc('\u00a9nam')
      .text('é\0')
      .zeros(2)
      .bytes(Uint8Array.of(7));
    expect(w.byteLength).toBe(32);
    expect(hex(w.finish())).toBe(
      'fefe' +
        '1234ffff' +
        'deadbeeffffffffe' +
        '0000000100000005' +
        'a96e616d' +
        'c3a900' +
        '000007',
    );
  });

  it('refuses values that do not fit their field instead of truncating them', () => {
    const w = new ByteWriter();
    expect(() => w.u8(256)).toThrow(Mp4Error);
    expect(() => w.i8(128)).toThrow(Mp4Error);
    expect(() => w.i8(-129)).toThrow(Mp4Error);
    expect(() => w.u16(-1)).toThrow(Mp4Error);
    expect(() => w.i16(0x8000)).toThrow(Mp4Error);
    expect(() => w.u32(2 ** 32)).toThrow(Mp4Error);
    expect(() => w.u32(1.5)).toThrow(Mp4Error);
    expect(() => w.i32(2 ** 31)).toThrow(Mp4Error);
    expect(() => w.u64(-1)).toThrow(Mp4Error);
    expect(() => w.u64(2 ** 53)).toThrow(Mp4Error);
    expect(() => w.fourcc('abc')).toThrow(Mp4Error);
    expect(() => w.zeros(-1)).toThrow(Mp4Error);
    expect(w.byteLength).toBe(0);
    expect(
      hex(
        w
          .i8(-128)
          .i16(-0x8000)
          .i32(-(2 ** 31))
          .finish(),
      ),
    ).toBe('80800080000000');
  });

  it('grows past its initial capacity and keeps earlier results intact', () => {
    const w = new ByteWriter(1).u8(1);
    const first = w.finish();
    for (let i = 0; i < 1000; i++) w.u32(i);
    expect(first).toEqual(Uint8Array.of(1));
    const all = w.finish();
    expect(all.length).toBe(4001);
    expect(new DataView(all.buffer, all.byteOffset).getUint32(1 + 999 * 4)).toBe(999);
  });
});

describe('boxes', () => {
  it('prefixes size and type, and version and flags for full boxes', () => {
    expect(hex(box('free', Uint8Array.of(1, 2)))).toBe('0000000a' + '66726565' + '0102');
    expect(hex(fullBox('url ', 0, 1))).toBe('0000000c' + '75726c20' + '00000001');
    expect(hex(fullBox('tkhd', 1, 0x030201))).toBe('0000000c' + '746b6864' + '01030201');
  });

  it('writes a table: prefix, entry count, fixed-size records', () => {
    const t = tableBox('stsz', 0, new Uint8Array(4), 3, 4, (w, i) => {
      w.u32(10 * (i + 1));
    });
    expect(hex(t)).toBe(
      '00000020' +
        '7374737a' +
        '00000000' +
        '00000000' +
        '00000003' +
        '0000000a00000014' +
        '0000001e',
    );
    const ctts = tableBox('ctts', 1, new Uint8Array(0), 1, 8, (w) => {
      w.u32(2).i32(-3600);
    });
    expect(hex(ctts)).toBe('00000018' + '63747473' + '01000000' + '00000001' + '00000002fffff1f0');
    expect(() => tableBox('stco', 0, new Uint8Array(0), 2, 4, (w) => void w.u16(1))).toThrow(
      /record 0 of 'stco' is not 4 bytes/,
    );
  });

  it('has the identity matrix and 1904-epoch times of movie and track headers', () => {
    expect(hex(identityMatrix())).toBe(
      '00010000' + '00000000'.repeat(3) + '00010000' + '00000000'.repeat(3) + '40000000',
    );
    expect(mp4Time(0)).toBe(2_082_844_800);
    expect(mp4Time(Date.UTC(2026, 0, 1) + 999)).toBe(Date.UTC(2026, 0, 1) / 1000 + 2_082_844_800);
  });
});
