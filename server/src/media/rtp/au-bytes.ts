/**
 * Where a depacketizer keeps the bytes of the access unit it is assembling, so that it never
 * holds on to the packets it was given: RTP payloads may be views into a socket read buffer that
 * the next read overwrites. NAL units are copied into a reused scratch area as they arrive, each
 * after a 4-byte big-endian length filled in when the NAL unit is complete: the scratch area holds
 * the picture in the form an MP4 sample needs (fragments of a NAL unit land straight after one
 * another, so reassembly costs no extra copy). When the access unit is complete its bytes are
 * copied once into memory of its own, of its exact size; its NAL units are views into that.
 *
 * Memory: the scratch area grows to the largest access unit seen. Each access unit's memory is
 * its own (not carved from a shared slab), so it is reclaimed as soon as its consumers drop it —
 * for the recorder, which copies frames into its fragment buffer, within a frame interval, by
 * the young-generation collector.
 *
 * An access unit can instead be lent (`take(true)`): its bytes stay where they are, in the
 * scratch area, until the next append overwrites them. At 200 cameras that saves allocating and
 * copying ~50 MB/s when the only consumer copies the frame at once (the recorder).
 */

import type { AccessUnit } from '../types.ts';

/** Bytes of the length before each NAL unit. */
const LENGTH_BYTES = 4;

/**
 * A plain `Uint8Array` (not a `Buffer`, whose `slice` does not copy) over memory that is not
 * zero-filled: for storage whose every byte is written before it is read.
 */
function uninitialised(size: number): Uint8Array {
  const b = Buffer.allocUnsafeSlow(size);
  return new Uint8Array(b.buffer, b.byteOffset, size);
}

/** A finished access unit: the MP4 sample, and its NAL units as views into it. */
export interface TakenAccessUnit {
  /** Each NAL unit after its 4-byte big-endian length. */
  lengthPrefixed: Uint8Array;
  /** The NAL units alone (views into `lengthPrefixed`). */
  nalus: Uint8Array[];
}

/** The bytes of one access unit being assembled, and the memory finished ones go to. */
export class AccessUnitBytes {
  private scratch = uninitialised(16 * 1024);
  private used = 0;
  /** End of the last complete NAL unit. */
  private committedEnd = 0;
  /** Where each complete NAL unit's length field is. */
  private readonly starts: number[] = [];
  /** Length fields written so far, those of complete NAL units and of one being built. */
  private prefixes = 0;

  /** The scratch area; the bytes of a NAL unit begun at `p` start at `p + 4`. Valid until the next append. */
  get data(): Uint8Array {
    return this.scratch;
  }

  /** NAL unit bytes held for the access unit so far (complete ones and one being built). */
  get length(): number {
    return this.used - LENGTH_BYTES * this.prefixes;
  }

  /** End of the bytes held (in `data`). */
  get end(): number {
    return this.used;
  }

  /** Number of complete NAL units held. */
  get nalCount(): number {
    return this.starts.length;
  }

  /** Forgets everything held (a damaged or finished access unit). */
  clear(): void {
    this.used = 0;
    this.committedEnd = 0;
    this.starts.length = 0;
    this.prefixes = 0;
  }

  /** Starts a NAL unit (its length field); returns where it starts, for `commit`/`truncate`. */
  begin(): number {
    const at = this.used;
    this.reserve(at + LENGTH_BYTES);
    this.used = at + LENGTH_BYTES;
    this.prefixes++;
    return at;
  }

  /** Appends `data[start, end)` to the NAL unit being built. */
  append(data: Uint8Array, start: number, end: number): void {
    const at = this.used;
    const size = end - start;
    this.reserve(at + size);
    if (size < 64) {
      const s = this.scratch;
      for (let i = 0; i < size; i++) s[at + i] = data[start + i] ?? 0;
    } else {
      this.scratch.set(data.subarray(start, end), at);
    }
    this.used = at + size;
  }

  /** Appends one byte (a reconstructed NAL unit header). */
  appendByte(value: number): void {
    this.reserve(this.used + 1);
    this.scratch[this.used++] = value;
  }

  /** Drops the NAL unit begun at `start` (and anything after it). */
  truncate(start: number): void {
    if (start < this.used && start >= this.committedEnd) {
      this.used = start;
      this.prefixes = this.starts.length;
    }
  }

  /** Marks the NAL unit begun at `start` as complete: its length field is written. */
  commit(start: number): void {
    const size = this.used - start - LENGTH_BYTES;
    const s = this.scratch;
    s[start] = size >>> 24;
    s[start + 1] = (size >>> 16) & 0xff;
    s[start + 2] = (size >>> 8) & 0xff;
    s[start + 3] = size & 0xff;
    this.starts.push(start);
    this.committedEnd = this.used;
    this.prefixes = this.starts.length;
  }

  /**
   * The complete NAL units, in order, copied into memory of their own (one copy for all of
   * them), or with `lend`, as views into the scratch area, valid until the next `begin`,
   * `append` or `appendByte`. The buffer is then empty. Bytes after the last committed NAL unit
   * are dropped.
   */
  take(lend = false): TakenAccessUnit {
    const n = this.starts.length;
    const end = this.committedEnd;
    let own: Uint8Array;
    if (lend) {
      own = this.scratch.subarray(0, end);
    } else {
      own = uninitialised(end);
      own.set(this.scratch.subarray(0, end));
    }
    const nalus: Uint8Array[] = new Array<Uint8Array>(n);
    for (let i = 0; i < n; i++) {
      const s = (this.starts[i] ?? 0) + LENGTH_BYTES;
      const e = i + 1 < n ? (this.starts[i + 1] ?? end) : end;
      nalus[i] = own.subarray(s, e);
    }
    this.clear();
    return { lengthPrefixed: own, nalus };
  }

  private reserve(size: number): void {
    if (size <= this.scratch.length) return;
    let next = this.scratch.length * 2;
    while (next < size) next *= 2;
    const grown = uninitialised(next);
    grown.set(this.scratch.subarray(0, this.used));
    this.scratch = grown;
  }
}

/**
 * `au` itself if its bytes are its own, else a copy whose `nalus` and `lengthPrefixed` are its own
 * (one copy; the NAL units are views into the copied sample), with every other field kept.
 */
export function ownedAccessUnit<T extends AccessUnit>(au: T): T {
  if (au.lent !== true) return au;
  const sample = au.lengthPrefixed;
  if (sample === undefined) {
    return { ...au, nalus: au.nalus.map((n) => new Uint8Array(n)), lent: false };
  }
  const copy = uninitialised(sample.length);
  copy.set(sample);
  const nalus = au.nalus.map((n) => {
    const at = n.byteOffset - sample.byteOffset;
    const inside = n.buffer === sample.buffer && at >= 0 && at + n.length <= sample.length;
    return inside ? copy.subarray(at, at + n.length) : new Uint8Array(n);
  });
  return { ...au, nalus, lengthPrefixed: copy, lent: false };
}
