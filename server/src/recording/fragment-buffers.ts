/**
 * Reusable buffers for the fragments the recorder writes. A fragment (about a second of one
 * camera) is built in one buffer, hashed, handed to the disk and then no longer needed; taking
 * that buffer back for the next fragment, of any camera, means that recording allocates nothing
 * per fragment in steady state. Allocating instead (about 250 KB per camera per second at 2 Mbit/s)
 * is what makes V8 collect garbage several times a second with 200 cameras: it counts external
 * (ArrayBuffer) memory allocated towards its collection triggers.
 *
 * One pool serves every stream of the recorder: only the fragments waiting for the disk hold a
 * buffer, so a few buffers suffice however many cameras there are.
 */

/** Sizes are rounded up to this, so that buffers fit fragments of similar size. */
const GRANULE_BYTES = 64 * 1024;

/** A pool of fragment buffers. */
export class FragmentBufferPool {
  private readonly free: Uint8Array[] = [];

  /** Keeps at most `maxFree` idle buffers (default 16). */
  constructor(private readonly maxFree = 16) {}

  /** Idle buffers kept. */
  get idle(): number {
    return this.free.length;
  }

  /** A buffer of exactly `size` bytes (a view of a pooled one); its content is arbitrary. */
  take(size: number): Uint8Array {
    let best = -1;
    for (let i = 0; i < this.free.length; i++) {
      const len = this.free[i]?.length ?? 0;
      if (len >= size && (best < 0 || len < (this.free[best]?.length ?? 0))) best = i;
    }
    const pooled = best >= 0 ? this.free.splice(best, 1)[0] : undefined;
    const buf = pooled ?? new Uint8Array(Math.ceil(size / GRANULE_BYTES) * GRANULE_BYTES);
    return buf.subarray(0, size);
  }

  /**
   * Returns a buffer from `take` once nothing reads it any more (its write has completed); only
   * such buffers may be given. One given back twice is kept once.
   */
  give(view: Uint8Array): void {
    if (view.byteOffset !== 0 || this.free.some((b) => b.buffer === view.buffer)) return;
    const buf = new Uint8Array(view.buffer);
    if (this.free.length >= this.maxFree) {
      // Full: keep the larger buffers, which fit every fragment.
      let smallest = 0;
      for (let i = 1; i < this.free.length; i++) {
        if ((this.free[i]?.length ?? 0) < (this.free[smallest]?.length ?? 0)) smallest = i;
      }
      if ((this.free[smallest]?.length ?? 0) >= buf.length) return;
      this.free.splice(smallest, 1);
    }
    this.free.push(buf);
  }
}
