/**
 * Where a depacketizer keeps the bytes of the access unit it is assembling, so that it never
 * holds on to the packets it was given: RTP payloads may be views into a socket read buffer that
 * the next read overwrites. NAL units are copied into a reused scratch area as they arrive
 * (fragments of a NAL unit straight after one another, so reassembly costs no extra copy); when
 * the access unit is complete its bytes are copied once into memory of its own, carved from a
 * small slab, and its NAL units are views into that.
 *
 * Memory: the scratch area grows to the largest access unit seen; slabs are `SLAB_BYTES` (an
 * access unit larger than that gets memory of its exact size) and are released by the garbage
 * collector once no access unit carved from them is referenced.
 */

/** Size of the slabs access units are carved from. */
export const SLAB_BYTES = 64 * 1024;

/**
 * A plain `Uint8Array` (not a `Buffer`, whose `slice` does not copy) over memory that is not
 * zero-filled: for storage whose every byte is written before it is read.
 */
function uninitialised(size: number): Uint8Array {
  const b = Buffer.allocUnsafeSlow(size);
  return new Uint8Array(b.buffer, b.byteOffset, size);
}

/** The bytes of one access unit being assembled, and the memory finished ones go to. */
export class AccessUnitBytes {
  private scratch = uninitialised(16 * 1024);
  private used = 0;
  /** End of the last complete NAL unit. */
  private committedEnd = 0;
  private readonly starts: number[] = [];
  private slab: Uint8Array = new Uint8Array(0);
  private slabUsed = 0;

  /** Bytes held for the access unit so far (complete NAL units and a NAL unit being built). */
  get length(): number {
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
  }

  /** Appends bytes at the end (a NAL unit, or the next piece of one); returns where they start. */
  append(bytes: Uint8Array): number {
    const at = this.used;
    this.reserve(at + bytes.length);
    this.scratch.set(bytes, at);
    this.used = at + bytes.length;
    return at;
  }

  /** A view of the bytes from `start` to the end: valid only until the next `append`. */
  viewFrom(start: number): Uint8Array {
    return this.scratch.subarray(start, this.used);
  }

  /** Drops the bytes from `start` to the end (a NAL unit that is not kept). */
  truncate(start: number): void {
    if (start < this.used) this.used = Math.max(start, this.committedEnd);
  }

  /** Marks the bytes from `start` to the end as one complete NAL unit of the access unit. */
  commit(start: number): void {
    this.starts.push(start);
    this.committedEnd = this.used;
  }

  /**
   * The complete NAL units, copied into memory of their own (one copy for all of them), in
   * order; the buffer is then empty. Bytes after the last committed NAL unit are dropped.
   */
  take(): Uint8Array[] {
    const n = this.starts.length;
    if (n === 0) {
      this.clear();
      return [];
    }
    const end = this.committedEnd;
    const first = this.starts[0] ?? 0;
    const size = end - first;
    const own = this.carve(size);
    own.set(this.scratch.subarray(first, end));
    const nalus: Uint8Array[] = new Array<Uint8Array>(n);
    for (let i = 0; i < n; i++) {
      const s = (this.starts[i] ?? 0) - first;
      const e = (i + 1 < n ? (this.starts[i + 1] ?? end) : end) - first;
      nalus[i] = own.subarray(s, e);
    }
    this.clear();
    return nalus;
  }

  private carve(size: number): Uint8Array {
    // Not zero-filled: every byte handed out is written by `take` before anyone sees it.
    if (size > SLAB_BYTES) return uninitialised(size);
    if (this.slabUsed + size > this.slab.length) {
      this.slab = uninitialised(SLAB_BYTES);
      this.slabUsed = 0;
    }
    const out = this.slab.subarray(this.slabUsed, this.slabUsed + size);
    this.slabUsed += size;
    return out;
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
