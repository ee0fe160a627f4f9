import { BitstreamError } from './bitstream-error.ts';

/**
 * Writes bits most significant first, with exp-Golomb codes: the inverse of `BitReader`. Used to
 * build parameter sets (tests, the simulator's resolution changes). Produces an RBSP; pass it
 * through `escapeRbsp` before using it as a NAL unit payload.
 */
export class BitWriter {
  private readonly bytes: number[] = [];
  private current = 0;
  private used = 0;

  /** Writes the low `n` bits (0..32) of `value`. */
  writeBits(n: number, value: number): this {
    if (!Number.isInteger(n) || n < 0 || n > 32) throw new BitstreamError(`cannot write ${n} bits`);
    if (!Number.isInteger(value) || value < 0 || value >= 2 ** n) {
      throw new BitstreamError(`${value} does not fit in ${n} bits`);
    }
    for (let i = n - 1; i >= 0; i--) this.writeBit(Math.floor(value / 2 ** i) % 2);
    return this;
  }

  /** Writes one bit. */
  writeBit(bit: number): this {
    this.current = (this.current << 1) | (bit & 1);
    this.used += 1;
    if (this.used === 8) {
      this.bytes.push(this.current);
      this.current = 0;
      this.used = 0;
    }
    return this;
  }

  /** Writes a flag as one bit. */
  writeFlag(flag: boolean): this {
    return this.writeBit(flag ? 1 : 0);
  }

  /** Writes an unsigned exp-Golomb code (ue(v)). */
  writeUE(value: number): this {
    if (!Number.isInteger(value) || value < 0 || value > 2 ** 32 - 2) {
      throw new BitstreamError(`${value} cannot be coded as ue(v)`);
    }
    const code = value + 1;
    const bits = Math.floor(Math.log2(code)) + 1;
    this.writeBits(bits - 1, 0);
    return this.writeBits(bits, code);
  }

  /** Writes a signed exp-Golomb code (se(v)). */
  writeSE(value: number): this {
    return this.writeUE(value > 0 ? 2 * value - 1 : -2 * value);
  }

  /** Ends the RBSP: a stop bit and zero bits up to the byte boundary; returns the bytes. */
  finishRbsp(): Uint8Array {
    this.writeBit(1);
    while (this.used !== 0) this.writeBit(0);
    return Uint8Array.from(this.bytes);
  }
}
