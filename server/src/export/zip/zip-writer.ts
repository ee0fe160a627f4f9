/**
 * Writes a ZIP archive to a file, entry after entry, every entry stored (no compression). The
 * size of each entry is given before its bytes, so that the local header is final except for its
 * CRC-32, which is patched in place once the bytes are written; the archive therefore needs no
 * data descriptors and reads back with every unzip tool. ZIP64 records are added exactly where a
 * size, an offset or the entry count does not fit the classic fields (archives over 4 GiB).
 * Every entry's SHA-256 is computed on the way, for the evidence manifest.
 */
import { createHash, type Hash } from 'node:crypto';
import { open, rm } from 'node:fs/promises';
import { crc32 } from 'node:zlib';
import { AppError, invalidArgument } from '../../app/index.ts';
import { ArchiveFile } from './archive-file.ts';
import {
  CENTRAL_HEADER_SIZE,
  dosDateTime,
  EOCD64_SIZE,
  EOCD_SIZE,
  FLAG_UTF8,
  LOCAL_HEADER_SIZE,
  LOCATOR_SIZE,
  MADE_BY_UNIX,
  METHOD_STORED,
  SIG,
  U16_MAX,
  U32_MAX,
  VERSION_PLAIN,
  VERSION_ZIP64,
  writeU64,
  ZIP64_EXTRA_ID,
} from './zip-format.ts';

/** What was written for one entry. */
export interface ZipEntryInfo {
  name: string;
  size: number;
  /** CRC-32 as an unsigned integer. */
  crc32: number;
  /** Lowercase hex SHA-256 of the entry's bytes. */
  sha256: string;
  /** Offset of the local header in the archive. */
  headerOffset: number;
  /** Offset of the entry's first byte in the archive. */
  dataOffset: number;
}

/** Digests of an entry's bytes computed outside the writer. */
export interface EntryDigests {
  crc32: number;
  sha256: string;
}

/** Streams the bytes of one entry whose size was declared up front. */
export interface ZipEntrySink {
  /** Offset in the archive where the entry's bytes start. */
  readonly dataOffset: number;
  /**
   * Appends bytes; rejects when they would exceed the declared size. The buffer may be reused once
   * the returned promise resolves.
   */
  write(chunk: Uint8Array): Promise<void>;
  /** Appends several buffers, in order, in as few system calls as possible (same contract). */
  writev(chunks: readonly Uint8Array[]): Promise<void>;
  /**
   * Ends the entry; rejects unless exactly the declared size was written. An entry begun with
   * `external` digests takes its CRC-32 and SHA-256 here (computed by the caller, e.g. on a worker).
   */
  end(digests?: EntryDigests): Promise<ZipEntryInfo>;
}

/** Checks an entry name: relative, `/`-separated, no `..`, no empty parts, printable. */
export function checkEntryName(name: string): void {
  const bad =
    name === '' ||
    name.length > 255 ||
    name.startsWith('/') ||
    name.includes('\\') ||
    name.split('/').some((p) => p === '' || p === '.' || p === '..') ||
    [...name].some((ch) => ch.charCodeAt(0) < 0x20);
  if (bad) throw invalidArgument(`zip entry name '${name}' is not a safe relative path`);
}

/** A ZIP archive being written. */
export class ZipWriter {
  private position = 0;
  /** Small writes not yet on disk (they start at `position - pendingBytes`). */
  private pending: Uint8Array[] = [];
  private pendingBytes = 0;
  private readonly entries: ZipEntryInfo[] = [];
  private readonly names = new Set<string>();
  private busy = false;
  private closed = false;
  private readonly dos: { date: number; time: number };

  private constructor(
    private readonly file: ArchiveFile,
    private readonly path: string,
    timeMs: number,
  ) {
    this.dos = dosDateTime(timeMs);
  }

  /**
   * Creates (or truncates) the archive file; entries carry `timeMs` as their modification time.
   * `writebackBytes`: see `ArchiveFile` (0: no background writeback).
   */
  static async create(
    path: string,
    timeMs: number,
    opts: { writebackBytes?: number } = {},
  ): Promise<ZipWriter> {
    const file = new ArchiveFile(await open(path, 'w', 0o640), path, opts.writebackBytes);
    return new ZipWriter(file, path, timeMs);
  }

  /** Bytes written so far. */
  get size(): number {
    return this.position;
  }

  /** Adds a whole entry (small ones are batched into few writes). */
  async addFile(name: string, data: Uint8Array): Promise<ZipEntryInfo> {
    const sink = await this.beginEntry(name, data.length, { knownCrc: crc32(data) >>> 0 });
    await sink.write(data);
    return sink.end();
  }

  /**
   * Starts an entry of exactly `size` bytes; write them through the returned sink. With
   * `external`, the sink does not hash: the caller passes the digests to `end`.
   */
  async beginEntry(
    name: string,
    size: number,
    opts: { knownCrc?: number; external?: boolean } = {},
  ): Promise<ZipEntrySink> {
    const knownCrc = opts.knownCrc;
    this.checkOpen();
    checkEntryName(name);
    if (this.names.has(name)) throw invalidArgument(`zip entry '${name}' is added twice`);
    if (!Number.isSafeInteger(size) || size < 0) {
      throw invalidArgument(`zip entry '${name}': size ${size} is not a byte count`);
    }
    this.names.add(name);
    this.busy = true;
    const nameBytes = Buffer.from(name, 'utf8');
    const zip64 = size >= U32_MAX;
    const extra = zip64 ? Buffer.alloc(20) : Buffer.alloc(0);
    if (zip64) {
      extra.writeUInt16LE(ZIP64_EXTRA_ID, 0);
      extra.writeUInt16LE(16, 2);
      writeU64(extra, size, 4);
      writeU64(extra, size, 12);
    }
    const h = Buffer.alloc(LOCAL_HEADER_SIZE);
    h.writeUInt32LE(SIG.localHeader, 0);
    h.writeUInt16LE(zip64 ? VERSION_ZIP64 : VERSION_PLAIN, 4);
    h.writeUInt16LE(FLAG_UTF8, 6);
    h.writeUInt16LE(METHOD_STORED, 8);
    h.writeUInt16LE(this.dos.time, 10);
    h.writeUInt16LE(this.dos.date, 12);
    h.writeUInt32LE(knownCrc ?? 0, 14); // patched at the end when not known yet
    h.writeUInt32LE(zip64 ? U32_MAX : size, 18);
    h.writeUInt32LE(zip64 ? U32_MAX : size, 22);
    h.writeUInt16LE(nameBytes.length, 26);
    h.writeUInt16LE(extra.length, 28);
    const headerOffset = this.position;
    await this.append([Buffer.concat([h, nameBytes, extra])]);
    return this.sink(name, size, headerOffset, knownCrc, opts.external === true);
  }

  /** Writes the central directory and closes the file; the archive's total size. */
  async finish(): Promise<number> {
    this.checkOpen();
    const cdOffset = this.position;
    const parts = this.entries.map((e) => this.centralHeader(e));
    const cd = Buffer.concat(parts);
    await this.append([cd]);
    const count = this.entries.length;
    const needs64 = count >= U16_MAX || cd.length >= U32_MAX || cdOffset >= U32_MAX;
    if (needs64) {
      const eocd64Offset = this.position;
      const r = Buffer.alloc(EOCD64_SIZE + LOCATOR_SIZE);
      r.writeUInt32LE(SIG.zip64EndOfCentralDir, 0);
      writeU64(r, EOCD64_SIZE - 12, 4);
      r.writeUInt16LE(MADE_BY_UNIX, 12);
      r.writeUInt16LE(VERSION_ZIP64, 14);
      r.writeUInt32LE(0, 16);
      r.writeUInt32LE(0, 20);
      writeU64(r, count, 24);
      writeU64(r, count, 32);
      writeU64(r, cd.length, 40);
      writeU64(r, cdOffset, 48);
      r.writeUInt32LE(SIG.zip64Locator, 56);
      r.writeUInt32LE(0, 60);
      writeU64(r, eocd64Offset, 64);
      r.writeUInt32LE(1, 72);
      await this.append([r]);
    }
    const e = Buffer.alloc(EOCD_SIZE);
    e.writeUInt32LE(SIG.endOfCentralDir, 0);
    e.writeUInt16LE(Math.min(count, U16_MAX), 8);
    e.writeUInt16LE(Math.min(count, U16_MAX), 10);
    e.writeUInt32LE(Math.min(cd.length, U32_MAX), 12);
    e.writeUInt32LE(Math.min(cdOffset, U32_MAX), 16);
    await this.append([e]);
    await this.flush();
    await this.file.sync();
    await this.file.close();
    this.closed = true;
    return this.position;
  }

  /** Closes and deletes the unfinished archive. */
  async abort(): Promise<void> {
    if (!this.closed) {
      this.closed = true;
      await this.file.close().catch(() => undefined);
    }
    await rm(this.path, { force: true });
  }

  private checkOpen(): void {
    if (this.closed) throw new AppError('failed_precondition', 'zip archive is already closed');
    if (this.busy) throw new AppError('failed_precondition', 'a zip entry is still being written');
  }

  private async append(chunks: readonly Uint8Array[]): Promise<void> {
    const bytes = chunks.reduce((n, c) => n + c.length, 0);
    if (bytes < 64 * 1024) {
      // Copied: the caller may reuse its buffers once the write resolves.
      for (const c of chunks) this.pending.push(new Uint8Array(c));
      this.pendingBytes += bytes;
      this.position += bytes;
      if (this.pendingBytes >= 1024 * 1024) await this.flush();
      return;
    }
    await this.flush();
    await this.file.write(chunks, this.position);
    this.position += bytes;
  }

  private async flush(): Promise<void> {
    if (this.pendingBytes === 0) return;
    const buf = Buffer.concat(this.pending, this.pendingBytes);
    const at = this.position - this.pendingBytes;
    this.pending = [];
    this.pendingBytes = 0;
    await this.file.write([buf], at);
  }

  private sink(
    name: string,
    size: number,
    headerOffset: number,
    knownCrc: number | undefined,
    external: boolean,
  ): ZipEntrySink {
    const dataOffset = this.position;
    let written = 0;
    let crc = 0;
    const hash: Hash = createHash('sha256');
    const writev = async (chunks: readonly Uint8Array[]): Promise<void> => {
      const bytes = chunks.reduce((n, c) => n + c.length, 0);
      if (written + bytes > size) {
        throw new AppError('internal', `zip entry '${name}': more than ${size} bytes written`);
      }
      if (!external) {
        for (const c of chunks) {
          crc = crc32(c, crc);
          hash.update(c);
        }
      }
      written += bytes;
      await this.append(chunks);
    };
    return {
      dataOffset,
      write: (chunk) => writev([chunk]),
      writev,
      end: async (digests) => {
        if (written !== size) {
          throw new AppError(
            'internal',
            `zip entry '${name}': ${written} of ${size} bytes written`,
          );
        }
        if (external) {
          if (!digests) throw new AppError('internal', `zip entry '${name}': digests missing`);
          crc = digests.crc32;
        }
        if (knownCrc === undefined) {
          await this.flush();
          const c = Buffer.alloc(4);
          c.writeUInt32LE(crc >>> 0, 0);
          await this.file.write([c], headerOffset + 14);
        } else if (knownCrc !== crc >>> 0) {
          throw new AppError('internal', `zip entry '${name}': CRC-32 changed while written`);
        }
        const info: ZipEntryInfo = {
          name,
          size,
          crc32: crc >>> 0,
          sha256: external && digests ? digests.sha256 : hash.digest('hex'),
          headerOffset,
          dataOffset,
        };
        this.entries.push(info);
        this.busy = false;
        return info;
      },
    };
  }

  private centralHeader(e: ZipEntryInfo): Buffer {
    const nameBytes = Buffer.from(e.name, 'utf8');
    const bigSize = e.size >= U32_MAX;
    const bigOffset = e.headerOffset >= U32_MAX;
    const fields = (bigSize ? 2 : 0) + (bigOffset ? 1 : 0);
    const extra = Buffer.alloc(fields === 0 ? 0 : 4 + fields * 8);
    if (fields > 0) {
      extra.writeUInt16LE(ZIP64_EXTRA_ID, 0);
      extra.writeUInt16LE(fields * 8, 2);
      let o = 4;
      if (bigSize) {
        writeU64(extra, e.size, o);
        writeU64(extra, e.size, o + 8);
        o += 16;
      }
      if (bigOffset) writeU64(extra, e.headerOffset, o);
    }
    const h = Buffer.alloc(CENTRAL_HEADER_SIZE);
    h.writeUInt32LE(SIG.centralHeader, 0);
    h.writeUInt16LE(MADE_BY_UNIX, 4);
    h.writeUInt16LE(fields > 0 ? VERSION_ZIP64 : VERSION_PLAIN, 6);
    h.writeUInt16LE(FLAG_UTF8, 8);
    h.writeUInt16LE(METHOD_STORED, 10);
    h.writeUInt16LE(this.dos.time, 12);
    h.writeUInt16LE(this.dos.date, 14);
    h.writeUInt32LE(e.crc32, 16);
    h.writeUInt32LE(bigSize ? U32_MAX : e.size, 20);
    h.writeUInt32LE(bigSize ? U32_MAX : e.size, 24);
    h.writeUInt16LE(nameBytes.length, 28);
    h.writeUInt16LE(extra.length, 30);
    h.writeUInt16LE(0, 32); // comment length
    h.writeUInt16LE(0, 34); // disk number
    h.writeUInt16LE(0, 36); // internal attributes
    h.writeUInt32LE((0o100644 << 16) >>> 0, 38); // external: regular file, rw-r--r--
    h.writeUInt32LE(bigOffset ? U32_MAX : e.headerOffset, 42);
    return Buffer.concat([h, nameBytes, extra]);
  }
}
