/**
 * Compact binary encodings of a segment's fragment table and key-frame index, stored as blobs in
 * the `segments` row. Both start with a version byte and a varint count, then one record per
 * entry, numbers as unsigned LEB128 varints relative to the previous entry:
 *
 * - fragment record: offset delta (from the previous fragment's end), size, decode-time delta
 *   (from the previous fragment's end time), duration, frame count, flags (bit 0: starts with a
 *   key frame), then the fragment's 32-byte SHA-256 (moof and mdat together).
 * - key-frame record: time delta (90 kHz, from the previous key frame), byte offset delta (of the
 *   fragment that holds it, from the previous one).
 *
 * A minute of 1 s fragments takes about 60 × 40 bytes; the key-frame index about 60 × 4 bytes.
 */
import { invalidArgument } from '../app/index.ts';

/** One fragment (moof + mdat) of a segment file. */
export interface FragmentEntry {
  /** Offset of the moof box in the file. */
  byteOffset: number;
  /** Bytes of moof + mdat. */
  sizeBytes: number;
  /** Decode time of its first sample from the segment's first frame, 90 kHz. */
  decodeTime90k: number;
  duration90k: number;
  frameCount: number;
  /** True when its first sample is a key frame. */
  startsWithKey: boolean;
  /** SHA-256 of moof + mdat. */
  sha256: Uint8Array;
}

/** A key frame: where it is in time and where its fragment starts in the file. */
export interface KeyFrameEntry {
  /** From the segment's first frame, 90 kHz. */
  time90k: number;
  /** Offset of the moof of the fragment that holds it. */
  byteOffset: number;
}

const VERSION = 1;

class Writer {
  private bytes: number[] = [];
  varint(n: number): void {
    if (!Number.isSafeInteger(n) || n < 0) throw invalidArgument(`cannot encode ${n} as varint`);
    let v = n;
    while (v >= 0x80) {
      this.bytes.push((v % 0x80) | 0x80);
      v = Math.floor(v / 0x80);
    }
    this.bytes.push(v);
  }
  raw(b: Uint8Array): void {
    for (const x of b) this.bytes.push(x);
  }
  done(): Uint8Array {
    return Uint8Array.from(this.bytes);
  }
}

class Reader {
  private o = 0;
  constructor(
    private readonly b: Uint8Array,
    private readonly what: string,
  ) {}
  varint(): number {
    let n = 0;
    let scale = 1;
    for (let i = 0; i < 8; i++) {
      const x = this.b[this.o++];
      if (x === undefined) throw invalidArgument(`${this.what}: truncated at byte ${this.o - 1}`);
      n += (x & 0x7f) * scale;
      if ((x & 0x80) === 0) return n;
      scale *= 0x80;
    }
    throw invalidArgument(`${this.what}: varint too long at byte ${this.o}`);
  }
  raw(len: number): Uint8Array {
    if (this.o + len > this.b.length) {
      throw invalidArgument(`${this.what}: truncated at byte ${this.b.length}`);
    }
    const out = this.b.slice(this.o, this.o + len);
    this.o += len;
    return out;
  }
  end(): void {
    if (this.o !== this.b.length) {
      throw invalidArgument(`${this.what}: ${this.b.length - this.o} unexpected trailing bytes`);
    }
  }
}

function readVersion(r: Reader, what: string): void {
  const v = r.varint();
  if (v !== VERSION) throw invalidArgument(`${what}: unknown version ${v}`);
}

/** Encodes a segment's fragments, in file order. */
export function encodeFragmentTable(entries: readonly FragmentEntry[]): Uint8Array {
  const w = new Writer();
  w.varint(VERSION);
  w.varint(entries.length);
  let end = 0;
  let endTime = 0;
  for (const e of entries) {
    if (e.sha256.length !== 32) throw invalidArgument('fragment sha256 must be 32 bytes');
    if (e.byteOffset < end || e.decodeTime90k < endTime) {
      throw invalidArgument(`fragment at byte ${e.byteOffset} is out of order`);
    }
    w.varint(e.byteOffset - end);
    w.varint(e.sizeBytes);
    w.varint(e.decodeTime90k - endTime);
    w.varint(e.duration90k);
    w.varint(e.frameCount);
    w.varint(e.startsWithKey ? 1 : 0);
    w.raw(e.sha256);
    end = e.byteOffset + e.sizeBytes;
    endTime = e.decodeTime90k + e.duration90k;
  }
  return w.done();
}

/** Decodes `encodeFragmentTable`'s output; throws an invalid_argument AppError naming the fault. */
export function decodeFragmentTable(bytes: Uint8Array): FragmentEntry[] {
  const what = 'fragment table';
  const r = new Reader(bytes, what);
  readVersion(r, what);
  const count = r.varint();
  if (count > bytes.length) throw invalidArgument(`${what}: count ${count} exceeds its size`);
  const out: FragmentEntry[] = [];
  let end = 0;
  let endTime = 0;
  for (let i = 0; i < count; i++) {
    const byteOffset = end + r.varint();
    const sizeBytes = r.varint();
    const decodeTime90k = endTime + r.varint();
    const duration90k = r.varint();
    const frameCount = r.varint();
    const flags = r.varint();
    const sha256 = r.raw(32);
    out.push({
      byteOffset,
      sizeBytes,
      decodeTime90k,
      duration90k,
      frameCount,
      startsWithKey: (flags & 1) === 1,
      sha256,
    });
    end = byteOffset + sizeBytes;
    endTime = decodeTime90k + duration90k;
  }
  r.end();
  return out;
}

/** Encodes key frames, in time order. */
export function encodeKeyFrameIndex(entries: readonly KeyFrameEntry[]): Uint8Array {
  const w = new Writer();
  w.varint(VERSION);
  w.varint(entries.length);
  let t = 0;
  let o = 0;
  for (const e of entries) {
    if (e.time90k < t || e.byteOffset < o) throw invalidArgument('key frames out of order');
    w.varint(e.time90k - t);
    w.varint(e.byteOffset - o);
    t = e.time90k;
    o = e.byteOffset;
  }
  return w.done();
}

/** Decodes `encodeKeyFrameIndex`'s output; throws an invalid_argument AppError naming the fault. */
export function decodeKeyFrameIndex(bytes: Uint8Array): KeyFrameEntry[] {
  const what = 'key-frame index';
  const r = new Reader(bytes, what);
  readVersion(r, what);
  const count = r.varint();
  if (count > bytes.length) throw invalidArgument(`${what}: count ${count} exceeds its size`);
  const out: KeyFrameEntry[] = [];
  let t = 0;
  let o = 0;
  for (let i = 0; i < count; i++) {
    t += r.varint();
    o += r.varint();
    out.push({ time90k: t, byteOffset: o });
  }
  r.end();
  return out;
}

/** The key-frame index implied by a fragment table (every fragment that starts with one). */
export function keyFramesOf(fragments: readonly FragmentEntry[]): KeyFrameEntry[] {
  return fragments
    .filter((f) => f.startsWithKey)
    .map((f) => ({ time90k: f.decodeTime90k, byteOffset: f.byteOffset }));
}
