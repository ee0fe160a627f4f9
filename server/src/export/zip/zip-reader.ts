/**
 * Reads a ZIP archive from a file with positioned reads: the central directory (classic or
 * ZIP64), each entry's local header, and entry bytes — whole, in chunks, or a byte range of a
 * stored entry (how the verifier reads frames out of a multi-gigabyte video without unpacking it).
 * Every malformed structure is an `invalid_argument` error that names the entry or record.
 */
import { open, type FileHandle } from 'node:fs/promises';
import { inflateRawSync } from 'node:zlib';
import { invalidArgument } from '../../app/index.ts';
import {
  CENTRAL_HEADER_SIZE,
  EOCD64_SIZE,
  EOCD_SIZE,
  LOCAL_HEADER_SIZE,
  LOCATOR_SIZE,
  METHOD_DEFLATED,
  METHOD_STORED,
  readU64,
  SIG,
  U16_MAX,
  U32_MAX,
  ZIP64_EXTRA_ID,
} from './zip-format.ts';
import { checkEntryName } from './zip-writer.ts';

/** One entry of an archive. */
export interface ZipEntry {
  name: string;
  /** Uncompressed size. */
  size: number;
  compressedSize: number;
  method: number;
  /** CRC-32 recorded in the central directory. */
  crc32: number;
  /** Offset of the entry's (compressed) bytes in the archive. */
  dataOffset: number;
}

/** Largest deflated entry inflated in memory. */
const MAX_INFLATE = 64 * 1024 * 1024;

function bad(what: string): Error {
  return invalidArgument(`zip: ${what}`);
}

/** An open archive. */
export class ZipReader {
  private constructor(
    private readonly fh: FileHandle,
    /** Entries in central-directory order. */
    readonly entries: readonly ZipEntry[],
    /** Size of the archive file. */
    readonly fileSize: number,
  ) {}

  /** Opens an archive and reads its directory; throws naming what is malformed. */
  static async open(path: string): Promise<ZipReader> {
    const fh = await open(path, 'r');
    try {
      const size = (await fh.stat()).size;
      const entries = await readDirectory(fh, size);
      return new ZipReader(fh, entries, size);
    } catch (e) {
      await fh.close();
      throw e;
    }
  }

  /** The entry called `name`, if any. */
  entry(name: string): ZipEntry | undefined {
    return this.entries.find((e) => e.name === name);
  }

  /** The whole (uncompressed) content of an entry. */
  async read(entry: ZipEntry): Promise<Buffer> {
    if (entry.method === METHOD_STORED) return this.readRange(entry, 0, entry.size);
    if (entry.compressedSize > MAX_INFLATE || entry.size > MAX_INFLATE) {
      throw bad(`${entry.name}: deflated entry too large to check (${entry.size} bytes)`);
    }
    const raw = await readAt(this.fh, entry.dataOffset, entry.compressedSize, entry.name);
    let out: Buffer;
    try {
      out = inflateRawSync(raw);
    } catch {
      throw bad(`${entry.name}: deflated data is corrupt`);
    }
    if (out.length !== entry.size) throw bad(`${entry.name}: inflated size differs from directory`);
    return out;
  }

  /** `length` bytes from `start` of a stored entry. */
  async readRange(entry: ZipEntry, start: number, length: number): Promise<Buffer> {
    if (entry.method !== METHOD_STORED) {
      throw bad(`${entry.name}: byte ranges need a stored (uncompressed) entry`);
    }
    if (start < 0 || length < 0 || start + length > entry.size) {
      throw bad(`${entry.name}: range ${start}+${length} is outside its ${entry.size} bytes`);
    }
    return readAt(this.fh, entry.dataOffset + start, length, entry.name);
  }

  /** The content of an entry in chunks of at most `chunkSize` bytes. */
  async *chunks(entry: ZipEntry, chunkSize = 8 * 1024 * 1024): AsyncGenerator<Buffer> {
    if (entry.method !== METHOD_STORED) {
      yield await this.read(entry);
      return;
    }
    for (let o = 0; o < entry.size; o += chunkSize) {
      yield await this.readRange(entry, o, Math.min(chunkSize, entry.size - o));
    }
  }

  /** Closes the file. */
  close(): Promise<void> {
    return this.fh.close();
  }
}

async function readAt(fh: FileHandle, position: number, length: number, what: string) {
  const buf = Buffer.allocUnsafe(length);
  let done = 0;
  while (done < length) {
    const { bytesRead } = await fh.read(buf, done, length - done, position + done);
    if (bytesRead === 0) throw bad(`${what}: archive ends early`);
    done += bytesRead;
  }
  return buf;
}

async function readDirectory(fh: FileHandle, fileSize: number): Promise<ZipEntry[]> {
  if (fileSize < EOCD_SIZE) throw bad('file is too small to be an archive');
  const tailLen = Math.min(fileSize, EOCD_SIZE + U16_MAX + LOCATOR_SIZE + EOCD64_SIZE);
  const tail = await readAt(fh, fileSize - tailLen, tailLen, 'end of archive');
  let eocd = -1;
  for (let i = tailLen - EOCD_SIZE; i >= 0; i--) {
    if (tail.readUInt32LE(i) === SIG.endOfCentralDir) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw bad('no end-of-central-directory record (not a zip file?)');
  let count = tail.readUInt16LE(eocd + 10);
  let cdSize = tail.readUInt32LE(eocd + 12);
  let cdOffset = tail.readUInt32LE(eocd + 16);
  const loc = eocd - LOCATOR_SIZE;
  if (loc >= 0 && tail.readUInt32LE(loc) === SIG.zip64Locator) {
    const eocd64At = readU64(tail, loc + 8);
    const r = await readAt(fh, eocd64At, EOCD64_SIZE, 'ZIP64 end record');
    if (r.readUInt32LE(0) !== SIG.zip64EndOfCentralDir) throw bad('ZIP64 end record missing');
    count = readU64(r, 32);
    cdSize = readU64(r, 40);
    cdOffset = readU64(r, 48);
  }
  if (cdOffset + cdSize > fileSize) throw bad('central directory lies outside the file');
  const cd = await readAt(fh, cdOffset, cdSize, 'central directory');
  const entries: ZipEntry[] = [];
  const names = new Set<string>();
  let o = 0;
  for (let i = 0; i < count; i++) {
    if (o + CENTRAL_HEADER_SIZE > cd.length || cd.readUInt32LE(o) !== SIG.centralHeader) {
      throw bad(`central directory entry ${i} is malformed`);
    }
    const flags = cd.readUInt16LE(o + 8);
    const method = cd.readUInt16LE(o + 10);
    const crc32 = cd.readUInt32LE(o + 16);
    let compressedSize = cd.readUInt32LE(o + 20);
    let size = cd.readUInt32LE(o + 24);
    const nameLen = cd.readUInt16LE(o + 28);
    const extraLen = cd.readUInt16LE(o + 30);
    const commentLen = cd.readUInt16LE(o + 32);
    let headerOffset = cd.readUInt32LE(o + 42);
    const end = o + CENTRAL_HEADER_SIZE + nameLen + extraLen + commentLen;
    if (end > cd.length) throw bad(`central directory entry ${i} runs past the directory`);
    const name = cd.toString('utf8', o + CENTRAL_HEADER_SIZE, o + CENTRAL_HEADER_SIZE + nameLen);
    try {
      checkEntryName(name);
    } catch {
      throw bad(`entry name '${name}' is not a safe relative path`);
    }
    if ((flags & 1) !== 0) throw bad(`${name}: encrypted entries are not supported`);
    if (method !== METHOD_STORED && method !== METHOD_DEFLATED) {
      throw bad(`${name}: compression method ${method} is not supported`);
    }
    // ZIP64 extra: only the fields whose classic value is 0xffffffff are present, in order.
    let e = o + CENTRAL_HEADER_SIZE + nameLen;
    const extraEnd = e + extraLen;
    while (e + 4 <= extraEnd) {
      const id = cd.readUInt16LE(e);
      const len = cd.readUInt16LE(e + 2);
      if (id === ZIP64_EXTRA_ID) {
        let p = e + 4;
        const take = (): number => {
          if (p + 8 > e + 4 + len) throw bad(`${name}: ZIP64 extra field too short`);
          const v = readU64(cd, p);
          p += 8;
          return v;
        };
        if (size === U32_MAX) size = take();
        if (compressedSize === U32_MAX) compressedSize = take();
        if (headerOffset === U32_MAX) headerOffset = take();
      }
      e += 4 + len;
    }
    if (names.has(name)) throw bad(`entry '${name}' appears twice`);
    names.add(name);
    if (method === METHOD_STORED && size !== compressedSize) {
      throw bad(`${name}: stored entry with differing sizes`);
    }
    const local = await readAt(fh, headerOffset, LOCAL_HEADER_SIZE, `${name} local header`);
    if (local.readUInt32LE(0) !== SIG.localHeader) throw bad(`${name}: local header missing`);
    const dataOffset =
      headerOffset + LOCAL_HEADER_SIZE + local.readUInt16LE(26) + local.readUInt16LE(28);
    if (dataOffset + compressedSize > fileSize) throw bad(`${name}: data runs past the file`);
    entries.push({ name, size, compressedSize, method, crc32, dataOffset });
    o = end;
  }
  return entries;
}
