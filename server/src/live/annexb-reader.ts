/**
 * Reads an H.264 Annex B byte stream as it arrives (ffmpeg's output) and hands back whole access
 * units. Each access unit must begin with an access unit delimiter (x264 `aud=1`), so one is
 * complete as soon as the next delimiter's start code is seen. Pure, bounded: a stream without
 * delimiters is refused once more than `maxBufferedBytes` are waiting.
 */

/** One access unit: its NAL units without start codes or delimiters. */
export interface AnnexBUnit {
  nalus: Uint8Array[];
  /** Contains an IDR slice. */
  isKey: boolean;
}

/** Thrown when the stream cannot be read as delimited H.264. */
export class AnnexBError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AnnexBError';
  }
}

/** Finds the next start code (00 00 01) at or after `from`; -1 when none. */
function startCode(buf: Uint8Array, from: number): number {
  for (let i = from; i + 2 < buf.length; i++) {
    if (buf[i] === 0 && buf[i + 1] === 0 && buf[i + 2] === 1) return i;
  }
  return -1;
}

/** Incremental reader of delimited H.264 Annex B. */
export class AnnexBReader {
  private pending = new Uint8Array(0);
  private current: Uint8Array[] = [];

  constructor(private readonly maxBufferedBytes = 8 * 1024 * 1024) {}

  /** Adds bytes; returns the access units completed by them. */
  push(chunk: Uint8Array): AnnexBUnit[] {
    const buf = new Uint8Array(this.pending.length + chunk.length);
    buf.set(this.pending);
    buf.set(chunk, this.pending.length);
    const out: AnnexBUnit[] = [];
    let at = startCode(buf, 0);
    if (at < 0) {
      this.keep(buf);
      return out;
    }
    for (;;) {
      const next = startCode(buf, at + 3);
      if (next < 0) break;
      // Trailing zero of a 4-byte start code belongs to the next one.
      let end = next;
      while (end > at + 3 && buf[end - 1] === 0) end--;
      this.nal(buf.slice(at + 3, end), out);
      // A delimiter starting here completes the access unit now, without waiting for its end.
      const head = buf[next + 3];
      if (head !== undefined && (head & 0x1f) === 9) this.flush(out);
      at = next;
    }
    this.keep(buf.subarray(at));
    return out;
  }

  private keep(rest: Uint8Array): void {
    if (rest.length > this.maxBufferedBytes) {
      throw new AnnexBError(`no complete NAL unit in ${rest.length} bytes`);
    }
    this.pending = rest.slice();
  }

  private nal(nal: Uint8Array, out: AnnexBUnit[]): void {
    if (nal.length === 0) return;
    const type = (nal[0] ?? 0) & 0x1f;
    if (type === 9) {
      this.flush(out);
      return;
    }
    this.current.push(nal);
  }

  private flush(out: AnnexBUnit[]): void {
    if (this.current.length === 0) return;
    const nalus = this.current;
    this.current = [];
    out.push({ nalus, isKey: nalus.some((n) => ((n[0] ?? 0) & 0x1f) === 5) });
  }
}
