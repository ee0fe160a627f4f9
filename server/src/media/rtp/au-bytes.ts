/**
 * Where a depacketizer keeps the bytes of the access unit it is assembling, so that it never
 * holds on to the packets it was given: RTP payloads may be views into a socket read buffer that
 * the next read overwrites. NAL units are copied into a reused scratch area as they arrive
 * (fragments of a NAL unit straight after one another, so reassembly costs no extra copy); when
 * the access unit is complete its bytes are copied once into memory of its own, of its exact
 * size, and its NAL units are views into that.
 *
 * Memory: the scratch area grows to the largest access unit seen. Each access unit's memory is
 * its own (not carved from a shared slab), so it is reclaimed as soon as its consumers drop it —
 * for the recorder, which copies frames into its fragment buffer, within a frame interval, by
 * the young-generation collector.
 */

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
    const own = uninitialised(size);
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

  private reserve(size: number): void {
    if (size <= this.scratch.length) return;
    let next = this.scratch.length * 2;
    while (next < size) next *= 2;
    const grown = uninitialised(next);
    grown.set(this.scratch.subarray(0, this.used));
    this.scratch = grown;
  }
}
