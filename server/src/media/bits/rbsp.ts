/**
 * Emulation prevention (H.264 7.4.1 / H.265 7.4.2): inside a NAL unit every `00 00 03` has its
 * `03` byte removed to get the RBSP the syntax tables describe.
 */

/**
 * Returns the RBSP of a NAL unit (or of any part of one): the bytes with each emulation
 * prevention byte (the `03` of `00 00 03`) removed. Returns the input itself when there is none.
 */
export function unescapeRbsp(nal: Uint8Array): Uint8Array {
  const first = findEscape(nal, 0);
  if (first < 0) return nal;
  const out = new Uint8Array(nal.length);
  let written = 0;
  let from = 0;
  let at = first;
  while (at >= 0) {
    // `at` is the index of the 03 byte; copy everything before it.
    out.set(nal.subarray(from, at), written);
    written += at - from;
    from = at + 1;
    at = findEscape(nal, from);
  }
  out.set(nal.subarray(from), written);
  written += nal.length - from;
  return out.subarray(0, written);
}

/**
 * Inserts emulation prevention bytes so that an RBSP can be carried as a NAL unit payload
 * (no `00 00 00`, `00 00 01`, `00 00 02` or `00 00 03` left). Returns the input when none is needed.
 */
export function escapeRbsp(rbsp: Uint8Array): Uint8Array {
  let zeros = 0;
  let needed = 0;
  for (const b of rbsp) {
    if (zeros >= 2 && b <= 3) {
      needed += 1;
      zeros = 0;
    }
    zeros = b === 0 ? zeros + 1 : 0;
  }
  if (needed === 0) return rbsp;
  const out = new Uint8Array(rbsp.length + needed);
  let o = 0;
  zeros = 0;
  for (const b of rbsp) {
    if (zeros >= 2 && b <= 3) {
      out[o++] = 3;
      zeros = 0;
    }
    out[o++] = b;
    zeros = b === 0 ? zeros + 1 : 0;
  }
  return out;
}

/** Index of the `03` of the next `00 00 03` at or after `from`, or -1. */
function findEscape(nal: Uint8Array, from: number): number {
  let zeros = 0;
  for (let i = from; i < nal.length; i++) {
    const b = nal[i];
    if (b === 3 && zeros >= 2) return i;
    zeros = b === 0 ? zeros + 1 : 0;
  }
  return -1;
}
