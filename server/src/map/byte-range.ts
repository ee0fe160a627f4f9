/**
 * The one byte range of an HTTP `Range` header (RFC 9110 §14), as a PMTiles reader sends it:
 * `bytes=first-last`, `bytes=first-` or `bytes=-suffix`. Several ranges in one request are not
 * served (the answer is the whole file, which the RFC allows). Pure.
 */

/** An inclusive byte range inside the file. */
export interface ByteRange {
  start: number;
  /** Inclusive. */
  end: number;
}

/**
 * What to answer `header` with for a file of `size` bytes: null for the whole file (no header,
 * a unit other than bytes, or several ranges), a range (206), or `unsatisfiable` (416).
 */
export function parseByteRange(
  header: string | undefined,
  size: number,
): ByteRange | 'unsatisfiable' | null {
  if (header === undefined) return null;
  const m = /^\s*bytes\s*=\s*(.*)$/i.exec(header);
  if (m === null) return null;
  const spec = (m[1] ?? '').trim();
  if (spec.includes(',')) return null;
  const r = /^(\d*)\s*-\s*(\d*)$/.exec(spec);
  if (r === null) return 'unsatisfiable';
  const [, first = '', last = ''] = r;
  if (first === '' && last === '') return 'unsatisfiable';
  if (first === '') {
    const suffix = Number(last);
    if (suffix === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
  if (start >= size || (last !== '' && Number(last) < start)) return 'unsatisfiable';
  return { start, end };
}
