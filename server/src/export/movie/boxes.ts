/**
 * Minimal ISO BMFF box building for the exported movie: boxes from parts, full boxes, and the
 * big sample tables written straight into one buffer (an hour of video has 90,000 samples).
 */

/** A box: 32-bit size, four-character type, then the payload parts. */
export function box(type: string, ...parts: Uint8Array[]): Buffer {
  let size = 8;
  for (const p of parts) size += p.length;
  if (size >= 2 ** 32) throw new RangeError(`box '${type}' is too large (${size} bytes)`);
  const h = Buffer.alloc(8);
  h.writeUInt32BE(size, 0);
  h.write(type, 4, 'latin1');
  return Buffer.concat([h, ...parts], size);
}

/** A full box: version and 24-bit flags before the payload parts. */
export function fullBox(
  type: string,
  version: number,
  flags: number,
  ...parts: Uint8Array[]
): Buffer {
  const vf = Buffer.alloc(4);
  vf.writeUInt32BE(((version & 0xff) << 24) | (flags & 0xffffff), 0);
  return box(type, vf, ...parts);
}

/** Big-endian fields of a box payload. */
export class Fields {
  private readonly parts: Buffer[] = [];

  u8(v: number): this {
    const b = Buffer.alloc(1);
    b.writeUInt8(v, 0);
    return this.raw(b);
  }
  i8(v: number): this {
    const b = Buffer.alloc(1);
    b.writeInt8(v, 0);
    return this.raw(b);
  }
  u16(v: number): this {
    const b = Buffer.alloc(2);
    b.writeUInt16BE(v, 0);
    return this.raw(b);
  }
  i16(v: number): this {
    const b = Buffer.alloc(2);
    b.writeInt16BE(v, 0);
    return this.raw(b);
  }
  u32(v: number): this {
    const b = Buffer.alloc(4);
    b.writeUInt32BE(v >>> 0, 0);
    return this.raw(b);
  }
  i32(v: number): this {
    const b = Buffer.alloc(4);
    b.writeInt32BE(v, 0);
    return this.raw(b);
  }
  u64(v: number): this {
    const b = Buffer.alloc(8);
    b.writeBigUInt64BE(BigInt(v), 0);
    return this.raw(b);
  }
  zeros(n: number): this {
    return this.raw(Buffer.alloc(n));
  }
  text(s: string): this {
    return this.raw(Buffer.from(s, 'utf8'));
  }
  raw(b: Uint8Array): this {
    this.parts.push(Buffer.isBuffer(b) ? b : Buffer.from(b.buffer, b.byteOffset, b.byteLength));
    return this;
  }
  done(): Buffer {
    return Buffer.concat(this.parts);
  }
}

/** A full box whose payload is an entry count followed by `n` fixed-size records. */
export function tableBox(
  type: string,
  version: number,
  prefix: Uint8Array,
  count: number,
  recordSize: number,
  write: (buf: Buffer, index: number, offset: number) => void,
): Buffer {
  const body = Buffer.alloc(prefix.length + 4 + count * recordSize);
  Buffer.from(prefix.buffer, prefix.byteOffset, prefix.byteLength).copy(body, 0);
  body.writeUInt32BE(count, prefix.length);
  let o = prefix.length + 4;
  for (let i = 0; i < count; i++, o += recordSize) write(body, i, o);
  return fullBox(type, version, 0, body);
}

/** The 36-byte identity transformation matrix of `mvhd` and `tkhd`. */
export function identityMatrix(): Buffer {
  const f = new Fields();
  for (const m of [0x10000, 0, 0, 0, 0x10000, 0, 0, 0, 0x40000000]) f.u32(m);
  return f.done();
}

/** Seconds between 1904-01-01 (the MP4 epoch) and 1970-01-01. */
export const MP4_EPOCH_OFFSET_S = 2_082_844_800;

/** An MP4 (1904-epoch) time in seconds for a UTC instant. */
export function mp4Time(ms: number): number {
  return Math.floor(ms / 1000) + MP4_EPOCH_OFFSET_S;
}
