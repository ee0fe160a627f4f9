/**
 * Where the segmenter keeps the samples of the fragment it is gathering: each frame's NAL units
 * are copied, as the MP4 sample they become (4-byte length, NAL unit, ...), into one reused
 * buffer when the frame joins the fragment. The frame itself is then free to go: nothing holds an
 * access unit for the second a fragment lasts, so access units die young and their memory is
 * reclaimed by the cheap young-generation collections instead of the major ones (at 200 cameras
 * ~50 MB/s of frames would otherwise be promoted and marked).
 *
 * A view returned by `append` stays valid until `reset`; the buffer grows to a little more than
 * the largest fragment seen (a new, larger buffer is started when one fills, so earlier views
 * stay valid).
 */

const INITIAL_BYTES = 64 * 1024;
const GRANULE = 16 * 1024;

/** A reused buffer of MP4 samples (length-prefixed NAL units). */
export class SampleArena {
  private buf: Uint8Array = uninitialised(INITIAL_BYTES);
  private used = 0;

  /** Bytes held since the last `reset`, in the current buffer. */
  get length(): number {
    return this.used;
  }

  /** Forgets the samples held: views handed out before must no longer be read. */
  reset(): void {
    this.used = 0;
  }

  /**
   * Copies a frame as one MP4 sample; returns a view of it. `lengthPrefixed`, when the frame has
   * it (access units from the depacketizers do), is that sample already: one copy.
   */
  append(nalus: readonly Uint8Array[], lengthPrefixed?: Uint8Array): Uint8Array {
    let size = 0;
    if (lengthPrefixed !== undefined) size = lengthPrefixed.length;
    else for (const nal of nalus) size += 4 + nal.length;
    this.reserve(size);
    const start = this.used;
    if (lengthPrefixed !== undefined) {
      this.buf.set(lengthPrefixed, start);
      this.used = start + size;
      return this.buf.subarray(start, this.used);
    }
    let o = start;
    const buf = this.buf;
    for (const nal of nalus) {
      const n = nal.length;
      buf[o] = n >>> 24;
      buf[o + 1] = (n >>> 16) & 0xff;
      buf[o + 2] = (n >>> 8) & 0xff;
      buf[o + 3] = n & 0xff;
      buf.set(nal, o + 4);
      o += 4 + n;
    }
    this.used = o;
    return buf.subarray(start, o);
  }

  /** Makes room for `size` more bytes. */
  private reserve(size: number): void {
    if (this.used + size > this.buf.length) {
      // A fresh buffer: the views into the old one stay valid until the fragment is written.
      // Sized from what this fragment has needed so far plus a quarter, in 16 KiB steps, so that
      // it settles a little above the largest fragment (not at the next power of two: at 200
      // cameras that difference is ~50 MB).
      const need = Math.ceil(((this.used + size) * 1.25) / GRANULE) * GRANULE;
      this.buf = uninitialised(Math.max(need, INITIAL_BYTES));
      this.used = 0;
    }
  }
}

/** Memory whose every byte is written before it is read (not zero-filled). */
function uninitialised(size: number): Uint8Array {
  const b = Buffer.allocUnsafeSlow(size);
  return new Uint8Array(b.buffer, b.byteOffset, size);
}
