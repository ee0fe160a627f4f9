/**
 * The ZIP file format as far as evidence packages need it (APPNOTE 6.3.x): local file headers,
 * central directory headers, the end-of-central-directory records (classic and ZIP64), and the
 * ZIP64 extended-information extra field. Entries are stored (method 0): video does not compress,
 * and stored bytes can be checked and cut out of the archive with positioned reads.
 */

/** Signatures of the ZIP records. */
export const SIG = {
  localHeader: 0x04034b50,
  centralHeader: 0x02014b50,
  endOfCentralDir: 0x06054b50,
  zip64EndOfCentralDir: 0x06064b50,
  zip64Locator: 0x07064b50,
} as const;

/** Compression methods. */
export const METHOD_STORED = 0;
export const METHOD_DEFLATED = 8;

/** General-purpose flag: the file name is UTF-8. */
export const FLAG_UTF8 = 0x0800;

/** The ZIP64 extended-information extra field's header id. */
export const ZIP64_EXTRA_ID = 0x0001;

/** A 32-bit field holding this value means "see the ZIP64 record". */
export const U32_MAX = 0xffffffff;
/** A 16-bit count holding this value means "see the ZIP64 record". */
export const U16_MAX = 0xffff;

/** "Version needed to extract": 2.0 for plain entries, 4.5 for ZIP64. */
export const VERSION_PLAIN = 20;
export const VERSION_ZIP64 = 45;
/** "Version made by": UNIX (3) in the high byte, spec 4.5. */
export const MADE_BY_UNIX = (3 << 8) | VERSION_ZIP64;

/** Size of the fixed part of a local file header. */
export const LOCAL_HEADER_SIZE = 30;
/** Size of the fixed part of a central directory header. */
export const CENTRAL_HEADER_SIZE = 46;
/** Size of the classic end-of-central-directory record (without comment). */
export const EOCD_SIZE = 22;
/** Size of the ZIP64 end-of-central-directory record. */
export const EOCD64_SIZE = 56;
/** Size of the ZIP64 end-of-central-directory locator. */
export const LOCATOR_SIZE = 20;

/** MS-DOS date and time fields of a UTC instant (DOS time has no zone; UTC is recorded). */
export function dosDateTime(ms: number): { date: number; time: number } {
  const d = new Date(ms);
  const year = Math.min(Math.max(d.getUTCFullYear(), 1980), 2107);
  return {
    date: ((year - 1980) << 9) | ((d.getUTCMonth() + 1) << 5) | d.getUTCDate(),
    time: (d.getUTCHours() << 11) | (d.getUTCMinutes() << 5) | Math.floor(d.getUTCSeconds() / 2),
  };
}

/** Writes a little-endian 64-bit unsigned integer (a safe JavaScript integer). */
export function writeU64(buf: Buffer, value: number, offset: number): void {
  buf.writeUInt32LE(value % 2 ** 32, offset);
  buf.writeUInt32LE(Math.floor(value / 2 ** 32), offset + 4);
}

/** Reads a little-endian 64-bit unsigned integer; throws past 2^53. */
export function readU64(buf: Buffer, offset: number): number {
  const lo = buf.readUInt32LE(offset);
  const hi = buf.readUInt32LE(offset + 4);
  if (hi >= 2 ** 21) throw new RangeError('64-bit value beyond 2^53');
  return hi * 2 ** 32 + lo;
}
