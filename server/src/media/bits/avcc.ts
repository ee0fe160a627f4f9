import { BitstreamError } from './bitstream-error.ts';

/**
 * Length-prefixed NAL units, the sample format of MP4 (`avc1`/`hvc1`): each NAL unit preceded by
 * its size as a big-endian integer of 1, 2 or 4 bytes (4 in everything Vedetta writes).
 */

/** Joins NAL units into one buffer, each preceded by its 4-byte big-endian length. */
export function toAvcc(nalus: readonly Uint8Array[]): Uint8Array {
  let total = 0;
  for (const nal of nalus) total += 4 + nal.length;
  const out = new Uint8Array(total);
  let o = 0;
  for (const nal of nalus) {
    const len = nal.length;
    out[o] = (len >>> 24) & 0xff;
    out[o + 1] = (len >>> 16) & 0xff;
    out[o + 2] = (len >>> 8) & 0xff;
    out[o + 3] = len & 0xff;
    out.set(nal, o + 4);
    o += 4 + len;
  }
  return out;
}

/**
 * Splits length-prefixed NAL units (views into `buf`, no copy). Throws `BitstreamError` when a
 * length prefix is cut off or points past the end of the buffer.
 */
export function fromAvcc(buf: Uint8Array, lengthSize: 1 | 2 | 4 = 4): Uint8Array[] {
  const nalus: Uint8Array[] = [];
  let o = 0;
  while (o < buf.length) {
    if (o + lengthSize > buf.length) {
      throw new BitstreamError(`length prefix at byte ${o} is cut off (${buf.length} bytes)`);
    }
    let len = 0;
    for (let k = 0; k < lengthSize; k++) len = len * 256 + (buf[o + k] ?? 0);
    const start = o + lengthSize;
    if (start + len > buf.length) {
      throw new BitstreamError(
        `NAL unit at byte ${o} claims ${len} bytes but only ${buf.length - start} remain`,
      );
    }
    nalus.push(buf.subarray(start, start + len));
    o = start + len;
  }
  return nalus;
}
