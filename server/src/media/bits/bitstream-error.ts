/**
 * The one error the bit-level readers throw: reading past the end of the data, an exp-Golomb
 * code longer than 32 bits, a length prefix that points outside the buffer.
 */
export class BitstreamError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BitstreamError';
  }
}
