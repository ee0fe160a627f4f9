/**
 * Where the segmenter keeps the samples of the fragment it is gathering: each frame is copied, as
 * the MP4 sample it becomes (4-byte length, NAL unit, ...), into a buffer when the frame joins the
 * fragment. The frame itself is then free to go: nothing holds an access unit for the second a
 * fragment lasts, so access units die young and their memory is reclaimed by the cheap
 * young-generation collections instead of the major ones (at 200 cameras ~50 MB/s of frames
 * would otherwise be promoted and marked).
 *
 * When the fragment is complete its buffers are handed over with it (`handOver`): the writer
 * writes the samples from there, with the fragment's header in front, instead of copying them
 * into a fragment buffer first, and releases them once the write is done. The arena starts the
 * next fragment in a spare buffer: in steady state two buffers per stream take turns (one being
 * filled, one being written), and recording allocates nothing per fragment. (A pool shared by
 * all streams was tried: with 200 streams taking and giving back at random moments it kept
 * missing and allocating, which cost ~10 % of a core.)
 */

const INITIAL_BYTES = 64 * 1024;
const GRANULE = 16 * 1024;

/** The buffers of a fragment's samples, handed over with it. */
export interface SampleBuffers {
  /** Gives the buffers back (once nothing reads the samples any more). Idempotent. */
  release(): void;
}

/** What `handOver` gives: the fragment's samples and the memory they are in. */
export interface HandedSamples {
  /** Each sample, in order: views into the buffers, valid until they are released. */
  samples: Uint8Array[];
  /** The same bytes as few pieces as possible: the filled part of each buffer, in order. */
  bytes: Uint8Array[];
  buffers: SampleBuffers;
}

/** A buffer of MP4 samples (length-prefixed NAL units) for one fragment at a time. */
export class SampleArena {
  private buf: Uint8Array | undefined;
  private used = 0;
  /** Filled buffers still holding samples of the fragment being gathered. */
  private readonly full: Uint8Array[] = [];
  /** Bytes the largest fragment so far needed: the size of the next buffer taken. */
  private wanted = INITIAL_BYTES;
  /** Released buffers, ready for the next fragments. */
  private readonly spare: Uint8Array[] = [];
  /**
   * The size of each sample of the fragment, in order (samples fill each buffer from its start and
   * never span two). Numbers, not views: nothing per frame lives for the second a fragment lasts
   * (that would be promoted to the old generation).
   */
  private readonly sampleSize: number[] = [];

  /** `maxSpare`: released buffers kept for reuse (default 2). */
  constructor(private readonly maxSpare = 2) {}

  /** Bytes held for the fragment being gathered. */
  get length(): number {
    let n = this.used;
    for (const b of this.full) n += b.length;
    return n;
  }

  /** Samples held for the fragment being gathered. */
  get count(): number {
    return this.sampleSize.length;
  }

  /**
   * Copies a frame as one MP4 sample. `lengthPrefixed`, when the frame has it (access units
   * from the depacketizers do), is that sample already: one copy.
   */
  append(nalus: readonly Uint8Array[], lengthPrefixed?: Uint8Array): void {
    let size = 0;
    if (lengthPrefixed !== undefined) size = lengthPrefixed.length;
    else for (const nal of nalus) size += 4 + nal.length;
    const buf = this.reserve(size);
    const start = this.used;
    this.sampleSize.push(size);
    this.used = start + size;
    if (lengthPrefixed !== undefined) {
      buf.set(lengthPrefixed, start);
      return;
    }
    let o = start;
    for (const nal of nalus) {
      const n = nal.length;
      buf[o] = n >>> 24;
      buf[o + 1] = (n >>> 16) & 0xff;
      buf[o + 2] = (n >>> 8) & 0xff;
      buf[o + 3] = n & 0xff;
      buf.set(nal, o + 4);
      o += 4 + n;
    }
  }

  /**
   * Ends the fragment: the buffers holding its samples now belong to the caller, to be released
   * when its samples have been written (or dropped). The next `append` starts a new buffer.
   */
  handOver(): HandedSamples {
    // Fragments alternate between larger (a key frame) and smaller ones: the size wanted follows
    // the larger ones up at once and down slowly.
    const need = this.length;
    this.wanted = Math.max(INITIAL_BYTES, roundUp(need * 1.25), roundUp(this.wanted * 0.95));
    const held = this.full.splice(0);
    if (this.buf !== undefined) held.push(this.buf.subarray(0, this.used));
    const samples: Uint8Array[] = [];
    let piece = 0;
    let at = 0;
    for (const size of this.sampleSize) {
      if (at + size > (held[piece]?.length ?? 0)) {
        piece++;
        at = 0;
      }
      samples.push((held[piece] ?? new Uint8Array(0)).subarray(at, at + size));
      at += size;
    }
    this.sampleSize.length = 0;
    this.buf = undefined;
    this.used = 0;
    let released = false;
    const buffers: SampleBuffers = {
      release: () => {
        if (released) return;
        released = true;
        for (const b of held) this.keep(b);
      },
    };
    return { samples, bytes: held, buffers };
  }

  /** The buffer to append `size` bytes to, a new one when the current one is full. */
  private reserve(size: number): Uint8Array {
    const current = this.buf;
    if (current !== undefined && this.used + size <= current.length) return current;
    // A fresh buffer: the views into the full one stay valid until the fragment is released.
    // Sized from what fragments have needed plus a quarter, in 16 KiB steps, so that it settles a
    // little above the largest fragment (not at the next power of two: at 200 cameras that
    // difference is ~50 MB).
    if (current !== undefined) this.full.push(current.subarray(0, this.used));
    this.buf = undefined;
    this.used = 0;
    const next = this.takeSpare(Math.max(this.wanted, roundUp((this.length + size) * 1.25)));
    this.buf = next;
    return next;
  }

  /** A spare buffer of at least `size` bytes, or a new one. */
  private takeSpare(size: number): Uint8Array {
    for (let i = 0; i < this.spare.length; i++) {
      const b = this.spare[i];
      if (b !== undefined && b.length >= size) {
        this.spare.splice(i, 1);
        return b;
      }
    }
    return uninitialised(size);
  }

  /** Keeps a released buffer for reuse, unless enough larger ones are kept already. */
  private keep(buffer: Uint8Array): void {
    // Every buffer here starts its ArrayBuffer (`uninitialised`); views of it may be shorter.
    const whole = new Uint8Array(buffer.buffer);
    if (whole.length < this.wanted || this.spare.length >= this.maxSpare) return;
    if (this.spare.some((b) => b.buffer === whole.buffer)) return;
    this.spare.push(whole);
  }
}

function roundUp(n: number): number {
  return Math.ceil(n / GRANULE) * GRANULE;
}

/** Memory whose every byte is written before it is read (not zero-filled). */
function uninitialised(size: number): Uint8Array {
  const b = Buffer.allocUnsafeSlow(size);
  return new Uint8Array(b.buffer, b.byteOffset, size);
}
