import { Mp4Error } from './mp4-error.ts';

/**
 * Reading ISO BMFF box headers with bounds checks: the 32-bit size, the 64-bit `largesize`
 * (size 1) and "to the end of the enclosing space" (size 0).
 */

/** Where a box lies in a buffer. */
export interface BoxHeader {
  /** Four-character type, e.g. `moof`. */
  type: string;
  /** Offset of the box's first byte (its size field). */
  start: number;
  /** Bytes of header: 8, or 16 with a 64-bit size. */
  headerSize: number;
  /** Offset just past the box: `start + size`. May lie past the buffer for a cut-off box. */
  end: number;
}

/**
 * Reads the box header at `offset`, for a box that must end by `limit`. Returns undefined when
 * fewer bytes than a header remain (a cut-off header). Throws `Mp4Error` when the size field is
 * impossible (smaller than the header, or 64-bit beyond safe integers). `end` is not checked
 * against the buffer: a box cut off by a crash is reported with its declared end.
 */
export function readBoxHeader(
  buf: Uint8Array,
  offset: number,
  limit = buf.length,
): BoxHeader | undefined {
  if (offset + 8 > Math.min(limit, buf.length)) return undefined;
  const size32 = u32At(buf, offset);
  const type = String.fromCharCode(
    buf[offset + 4] ?? 0,
    buf[offset + 5] ?? 0,
    buf[offset + 6] ?? 0,
    buf[offset + 7] ?? 0,
  );
  if (size32 === 1) {
    if (offset + 16 > Math.min(limit, buf.length)) return undefined;
    const size = u32At(buf, offset + 8) * 2 ** 32 + u32At(buf, offset + 12);
    if (!Number.isSafeInteger(size)) {
      throw new Mp4Error(`box '${printable(type)}' at ${offset} has a 64-bit size beyond 2^53`);
    }
    if (size < 16) throw new Mp4Error(`box '${printable(type)}' at ${offset} has size ${size}`);
    return { type, start: offset, headerSize: 16, end: offset + size };
  }
  if (size32 === 0) return { type, start: offset, headerSize: 8, end: limit };
  if (size32 < 8) throw new Mp4Error(`box '${printable(type)}' at ${offset} has size ${size32}`);
  return { type, start: offset, headerSize: 8, end: offset + size32 };
}

/**
 * The boxes laid end to end in `buf[start, end)` — the top level of a file, or the children of a
 * container box (pass its payload range). Throws `Mp4Error` when a box header is cut off or a box
 * runs past `end`.
 */
export function* readBoxes(buf: Uint8Array, start = 0, end = buf.length): Generator<BoxHeader> {
  const limit = Math.min(end, buf.length);
  let o = start;
  while (o < limit) {
    const h = readBoxHeader(buf, o, limit);
    if (h === undefined) throw new Mp4Error(`box header at ${o} is cut off (${limit - o} bytes)`);
    if (h.end > limit) {
      throw new Mp4Error(
        `box '${printable(h.type)}' at ${o} ends at ${h.end}, past the end of its space at ${limit}`,
      );
    }
    yield h;
    o = h.end;
  }
}

/** The first child of type `type` inside the box `parent` (payload starts after `skip` bytes). */
export function findChild(
  buf: Uint8Array,
  parent: BoxHeader,
  type: string,
  skip = 0,
): BoxHeader | undefined {
  for (const h of readBoxes(buf, parent.start + parent.headerSize + skip, parent.end)) {
    if (h.type === type) return h;
  }
  return undefined;
}

/** Like `findChild`, but throws `Mp4Error` naming the missing box. */
export function requireChild(
  buf: Uint8Array,
  parent: BoxHeader,
  type: string,
  skip = 0,
): BoxHeader {
  const h = findChild(buf, parent, type, skip);
  if (h === undefined) throw new Mp4Error(`'${parent.type}' has no '${type}' box`);
  return h;
}

/** The payload of a box (after its header), as a view. */
export function payloadOf(buf: Uint8Array, h: BoxHeader): Uint8Array {
  return buf.subarray(h.start + h.headerSize, Math.min(h.end, buf.length));
}

/** Big-endian u32 at `o` (0 for bytes past the end; callers check bounds first). */
export function u32At(buf: Uint8Array, o: number): number {
  return (
    (buf[o] ?? 0) * 0x1000000 +
    (((buf[o + 1] ?? 0) << 16) | ((buf[o + 2] ?? 0) << 8) | (buf[o + 3] ?? 0))
  );
}

/** A four-character code fit for an error message. */
export function printable(type: string): string {
  return type.replace(/[^\x20-\x7e]/g, '?');
}
