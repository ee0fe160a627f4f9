import { BitstreamError } from './bitstream-error.ts';

/**
 * Reads an RBSP (emulation prevention already removed, see `unescapeRbsp`) bit by bit, most
 * significant bit first, as H.264/H.265 syntax tables do. Every read is bounds-checked and throws
 * `BitstreamError` naming what was being read when the data runs out.
 */
export class BitReader {
  private readonly data: Uint8Array;
  /** Position in bits from the start of `data`. */
  private pos: number;

  constructor(data: Uint8Array, byteOffset = 0) {
    if (!Number.isInteger(byteOffset) || byteOffset < 0 || byteOffset > data.length) {
      throw new BitstreamError(`byte offset ${byteOffset} is outside ${data.length} bytes`);
    }
    this.data = data;
    this.pos = byteOffset * 8;
  }

  /** Bits not read yet. */
  get bitsLeft(): number {
    return this.data.length * 8 - this.pos;
  }

  /** Position in bits from the start of the data. */
  get bitPosition(): number {
    return this.pos;
  }

  /** True when the position is on a byte boundary. */
  get byteAligned(): boolean {
    return (this.pos & 7) === 0;
  }

  /** Reads one bit (u(1)). */
  readBit(what = 'bit'): number {
    if (this.pos >= this.data.length * 8) {
      throw new BitstreamError(`data ends before ${what} (at bit ${this.pos})`);
    }
    const byte = this.data[this.pos >>> 3] ?? 0;
    const bit = (byte >>> (7 - (this.pos & 7))) & 1;
    this.pos += 1;
    return bit;
  }

  /** Reads one bit as a boolean flag. */
  readFlag(what = 'flag'): boolean {
    return this.readBit(what) === 1;
  }

  /** Reads `n` bits (0..32) as an unsigned integer (u(n)). */
  readBits(n: number, what = `${n}-bit field`): number {
    if (!Number.isInteger(n) || n < 0 || n > 32) {
      throw new BitstreamError(`cannot read ${n} bits at once (0..32) for ${what}`);
    }
    if (n > this.bitsLeft) {
      throw new BitstreamError(`data ends before ${what} (${n} bits at bit ${this.pos})`);
    }
    let value = 0;
    let remaining = n;
    while (remaining > 0) {
      const byte = this.data[this.pos >>> 3] ?? 0;
      const bitInByte = this.pos & 7;
      const available = 8 - bitInByte;
      const take = Math.min(available, remaining);
      const chunk = (byte >>> (available - take)) & ((1 << take) - 1);
      // Multiplication, not shifting: values up to 2^32 - 1 must stay positive.
      value = value * (1 << take) + chunk;
      this.pos += take;
      remaining -= take;
    }
    return value;
  }

  /** Skips `n` bits (bounds-checked). */
  skipBits(n: number, what = `${n} bits`): void {
    if (!Number.isInteger(n) || n < 0 || n > this.bitsLeft) {
      throw new BitstreamError(`data ends before ${what} (skip ${n} at bit ${this.pos})`);
    }
    this.pos += n;
  }

  /** Reads an unsigned exp-Golomb code (ue(v)), values 0 .. 2^32 - 2. */
  readUE(what = 'ue(v)'): number {
    let leadingZeros = 0;
    while (this.readBit(what) === 0) {
      leadingZeros += 1;
      if (leadingZeros > 31) {
        throw new BitstreamError(`exp-Golomb code for ${what} is longer than 32 bits`);
      }
    }
    if (leadingZeros === 0) return 0;
    return 2 ** leadingZeros - 1 + this.readBits(leadingZeros, what);
  }

  /** Reads a signed exp-Golomb code (se(v)). */
  readSE(what = 'se(v)'): number {
    const k = this.readUE(what);
    if (k === 0) return 0;
    return k % 2 === 1 ? (k + 1) / 2 : -(k / 2);
  }

  /** Reads ue(v) and checks it against an inclusive maximum, naming the field on failure. */
  readUEMax(max: number, what: string): number {
    const v = this.readUE(what);
    if (v > max) throw new BitstreamError(`${what} is ${v}, more than ${max}`);
    return v;
  }
}
