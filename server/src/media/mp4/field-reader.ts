import { Mp4Error } from './mp4-error.ts';

/** Reads big-endian fields from one box's payload, never past its end. */
export class FieldReader {
  private o: number;

  constructor(
    private readonly buf: Uint8Array,
    start: number,
    private readonly end: number,
    /** The box being read, for error messages. */
    private readonly box: string,
  ) {
    this.o = start;
  }

  /** Bytes left in the payload. */
  get remaining(): number {
    return Math.min(this.end, this.buf.length) - this.o;
  }

  /** Reads an unsigned 8-bit field. */
  u8(what: string): number {
    return this.uint(1, what);
  }

  /** Reads an unsigned 16-bit field. */
  u16(what: string): number {
    return this.uint(2, what);
  }

  /** Reads an unsigned 32-bit field. */
  u32(what: string): number {
    return this.uint(4, what);
  }

  /** Reads a signed 32-bit field. */
  i32(what: string): number {
    const v = this.uint(4, what);
    return v >= 2 ** 31 ? v - 2 ** 32 : v;
  }

  /** Reads an unsigned 64-bit field; throws when it exceeds 2^53. */
  u64(what: string): number {
    const v = this.uint(4, what) * 2 ** 32 + this.uint(4, what);
    if (!Number.isSafeInteger(v)) throw new Mp4Error(`'${this.box}' ${what} exceeds 2^53`);
    return v;
  }

  /** Skips `n` bytes. */
  skip(n: number, what: string): void {
    this.need(n, what);
    this.o += n;
  }

  /** A view of the next `n` bytes. */
  bytes(n: number, what: string): Uint8Array {
    this.need(n, what);
    const b = this.buf.subarray(this.o, this.o + n);
    this.o += n;
    return b;
  }

  private uint(size: number, what: string): number {
    this.need(size, what);
    let v = 0;
    for (let k = 0; k < size; k++) v = v * 256 + (this.buf[this.o + k] ?? 0);
    this.o += size;
    return v;
  }

  private need(n: number, what: string): void {
    if (n > this.remaining) throw new Mp4Error(`'${this.box}' ends before ${what}`);
  }
}
