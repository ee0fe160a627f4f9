/**
 * Annex B byte streams (H.264 Annex B, H.265 Annex B): NAL units separated by `00 00 01` or
 * `00 00 00 01` start codes, the format of raw `.h264`/`.h265` files.
 */

/**
 * Splits an Annex B byte stream into NAL units (views into `buf`, no copy). Accepts 3- and 4-byte
 * start codes; bytes before the first start code are ignored, trailing zero bytes of each NAL unit
 * (`trailing_zero_8bits`) are dropped, and empty NAL units are skipped.
 */
export function splitAnnexB(buf: Uint8Array): Uint8Array[] {
  const nalus: Uint8Array[] = [];
  let start = -1;
  let i = 0;
  const n = buf.length;
  while (i + 2 < n) {
    // Fast skip: a start code needs buf[i + 2] <= 1.
    const b2 = buf[i + 2] ?? 0;
    if (b2 > 1) {
      i += 3;
      continue;
    }
    if (buf[i] === 0 && buf[i + 1] === 0 && b2 === 1) {
      if (start >= 0) pushTrimmed(nalus, buf, start, i);
      start = i + 3;
      i += 3;
      continue;
    }
    i += 1;
  }
  if (start >= 0) pushTrimmed(nalus, buf, start, n);
  return nalus;
}

/** Joins NAL units into an Annex B byte stream with 4-byte start codes. */
export function toAnnexB(nalus: readonly Uint8Array[]): Uint8Array {
  let total = 0;
  for (const nal of nalus) total += 4 + nal.length;
  const out = new Uint8Array(total);
  let o = 0;
  for (const nal of nalus) {
    out[o + 3] = 1;
    out.set(nal, o + 4);
    o += 4 + nal.length;
  }
  return out;
}

function pushTrimmed(nalus: Uint8Array[], buf: Uint8Array, start: number, end: number): void {
  let e = end;
  // Zeros before the next start code belong to it (4-byte form) or are trailing_zero_8bits.
  while (e > start && buf[e - 1] === 0) e -= 1;
  if (e > start) nalus.push(buf.subarray(start, e));
}
