import { Mp4Error } from './mp4-error.ts';

/**
 * Writing ISO BMFF boxes: a byte writer for box payloads, `box`/`fullBox` that prefix a payload
 * with its size and type, `tableBox` for sample tables written straight into one buffer (an hour
 * of video has 90,000 samples), and the field values of movie and track headers (identity matrix,
 * 1904-epoch times). Used for the init segment and the exported movie; fragments, written per
 * camera per second, are written directly (see `fragment-writer.ts`).
 */

const utf8 = new TextEncoder();

/**
 * Appends big-endian fields to one growing buffer. Every field is range-checked: a value that does
 * not fit its field (or is not an integer) throws `Mp4Error` instead of being truncated.
 */
export class ByteWriter {
  private buf: Uint8Array;
  private view: DataView;
  private length = 0;

  /** `capacity`: bytes to reserve up front; the writer grows when more are written. */
  constructor(capacity = 64) {
    this.buf = new Uint8Array(capacity);
    this.view = new DataView(this.buf.buffer);
  }

  /** Number of bytes written so far. */
  get byteLength(): number {
    return this.length;
  }

  /** Appends an 8-bit unsigned integer. */
  u8(v: number): this {
    const at = this.field(1, v, false);
    this.view.setUint8(at, v);
    return this;
  }

  /** Appends an 8-bit two's complement integer. */
  i8(v: number): this {
    const at = this.field(1, v, true);
    this.view.setInt8(at, v);
    return this;
  }

  /** Appends a 16-bit unsigned integer. */
  u16(v: number): this {
    const at = this.field(2, v, false);
    this.view.setUint16(at, v);
    return this;
  }

  /** Appends a 16-bit two's complement integer. */
  i16(v: number): this {
    const at = this.field(2, v, true);
    this.view.setInt16(at, v);
    return this;
  }

  /** Appends a 32-bit unsigned integer. */
  u32(v: number): this {
    const at = this.field(4, v, false);
    this.view.setUint32(at, v);
    return this;
  }

  /** Appends a 32-bit two's complement integer. */
  i32(v: number): this {
    const at = this.field(4, v, true);
    this.view.setInt32(at, v);
    return this;
  }

  /** Appends a 64-bit unsigned integer (a safe JavaScript integer). */
  u64(v: number): this {
    if (!Number.isSafeInteger(v) || v < 0) throw new Mp4Error(`cannot write ${v} as u64`);
    const at = this.reserve(8);
    this.view.setUint32(at, Math.floor(v / 2 ** 32));
    this.view.setUint32(at + 4, v % 2 ** 32);
    return this;
  }

  /** Appends a four-character code (one byte per character, Latin-1). */
  fourcc(code: string): this {
    if (code.length !== 4) throw new Mp4Error(`'${code}' is not a four-character code`);
    const at = this.reserve(4);
    for (let i = 0; i < 4; i++) this.buf[at + i] = code.charCodeAt(i) & 0xff;
    return this;
  }

  /** Appends a string as UTF-8, without a length or terminator. */
  text(s: string): this {
    return this.bytes(utf8.encode(s));
  }

  /** Appends raw bytes (copied). */
  bytes(b: Uint8Array): this {
    const at = this.reserve(b.length); // first: it may replace the buffer
    this.buf.set(b, at);
    return this;
  }

  /** Appends `n` zero bytes. */
  zeros(n: number): this {
    if (!Number.isInteger(n) || n < 0) throw new Mp4Error(`cannot write ${n} zero bytes`);
    this.reserve(n); // never-written bytes of the buffer are zero
    return this;
  }

  /**
   * The bytes written so far, as one array: the writer's own buffer, without a copy, when they
   * fill it exactly (a writer sized up front); otherwise a copy.
   */
  finish(): Uint8Array {
    return this.length === this.buf.length ? this.buf : this.buf.slice(0, this.length);
  }

  /** Checks that `v` fits an integer field of `size` bytes and reserves the field. */
  private field(size: number, v: number, signed: boolean): number {
    const bits = 8 * size;
    const min = signed ? -(2 ** (bits - 1)) : 0;
    const end = signed ? 2 ** (bits - 1) : 2 ** bits;
    if (!Number.isInteger(v) || v < min || v >= end) {
      throw new Mp4Error(`cannot write ${v} in ${size} ${signed ? 'signed ' : ''}byte(s)`);
    }
    return this.reserve(size);
  }

  /** Makes room for `n` more bytes; returns where they start. */
  private reserve(n: number): number {
    const at = this.length;
    const end = at + n;
    if (end > this.buf.length) {
      const next = new Uint8Array(Math.max(end, 2 * this.buf.length));
      next.set(this.buf.subarray(0, at));
      this.buf = next;
      this.view = new DataView(next.buffer);
    }
    this.length = end;
    return at;
  }
}

/** A box: 32-bit size, four-character type, then the payload parts. */
export function box(type: string, ...payload: Uint8Array[]): Uint8Array {
  let size = 8;
  for (const p of payload) size += p.length;
  if (size >= 2 ** 32) throw new Mp4Error(`box '${type}' is too large (${size} bytes)`);
  const w = new ByteWriter(size).u32(size).fourcc(type);
  for (const p of payload) w.bytes(p);
  return w.finish();
}

/** A full box: a box whose payload starts with an 8-bit version and 24-bit flags. */
export function fullBox(
  type: string,
  version: number,
  flags: number,
  ...payload: Uint8Array[]
): Uint8Array {
  return box(type, versionAndFlags(version, flags), ...payload);
}

/**
 * A full box (flags 0) of a sample table: `prefix`, a 32-bit entry count, then `count` records of
 * `recordSize` bytes, each appended by `writeRecord(w, index)`. The whole box is written into one
 * buffer sized up front, so a table with a record per sample costs one allocation. Throws
 * `Mp4Error` when a record is not `recordSize` bytes or the box does not fit a 32-bit size.
 */
export function tableBox(
  type: string,
  version: number,
  prefix: Uint8Array,
  count: number,
  recordSize: number,
  writeRecord: (w: ByteWriter, index: number) => void,
): Uint8Array {
  const size = 12 + prefix.length + 4 + count * recordSize;
  if (size >= 2 ** 32) throw new Mp4Error(`box '${type}' is too large (${size} bytes)`);
  const w = new ByteWriter(size)
    .u32(size)
    .fourcc(type)
    .bytes(versionAndFlags(version, 0))
    .bytes(prefix)
    .u32(count);
  for (let i = 0; i < count; i++) {
    const end = w.byteLength + recordSize;
    writeRecord(w, i);
    if (w.byteLength !== end) {
      throw new Mp4Error(`record ${i} of '${type}' is not ${recordSize} bytes`);
    }
  }
  return w.finish();
}

/** The 36-byte identity transformation matrix (16.16 and 2.30 fixed point) of `mvhd` and `tkhd`. */
export function identityMatrix(): Uint8Array {
  const w = new ByteWriter(36);
  for (const m of [0x10000, 0, 0, 0, 0x10000, 0, 0, 0, 0x40000000]) w.u32(m);
  return w.finish();
}

/** Seconds from 1904-01-01 (the MP4 epoch) to 1970-01-01. */
const MP4_EPOCH_OFFSET_S = 2_082_844_800;

/**
 * An MP4 time (whole seconds since 1904-01-01 UTC, the creation and modification times of
 * `mvhd`, `tkhd` and `mdhd`) for a UTC instant in milliseconds.
 */
export function mp4Time(ms: number): number {
  return Math.floor(ms / 1000) + MP4_EPOCH_OFFSET_S;
}

function versionAndFlags(version: number, flags: number): Uint8Array {
  return new ByteWriter(4)
    .u8(version)
    .u8((flags >>> 16) & 0xff)
    .u16(flags & 0xffff)
    .finish();
}
