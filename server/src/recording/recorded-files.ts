/**
 * Reading recorded segment files for playback, stills and export: a segment's fragment table
 * from its index row, its init segment, and byte ranges (a fragment's `moof` + `mdat` header, a
 * run of whole fragments) with positioned reads, never loading a whole file.
 */
import { open, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../app/index.ts';
import { parseInitSegment, readBoxHeader, type InitSegmentInfo } from '../media/index.ts';
import { decodeFragmentTable, type FragmentEntry } from './fragment-table.ts';
import type { Segment } from './segment-store.ts';

/** A segment row with its fragment table decoded. */
export interface IndexedSegment {
  row: Segment;
  fragments: FragmentEntry[];
}

/** Decodes a segment row's fragment table. */
export function indexSegment(row: Segment): IndexedSegment {
  return { row, fragments: decodeFragmentTable(row.fragments) };
}

/** Wall time (UTC ms, fractional) of a 90 kHz time within a segment. */
export function wallOf(row: Segment, time90k: number): number {
  return row.start_ms + time90k / 90;
}

/** The head of a fragment: its `moof` box and the `mdat` header, as stored. */
export interface FragmentHead {
  bytes: Buffer;
  /** Bytes of `moof` plus the `mdat` header: where the samples' payload starts. */
  payloadStart: number;
}

/** Reads recorded files under a storage root. */
export class RecordedFiles {
  constructor(private readonly storageRoot: string) {}

  /** Absolute path of a segment's file. */
  pathOf(row: Segment): string {
    return path.join(this.storageRoot, ...row.path.split('/'));
  }

  /** Opens a segment file for positioned reads; `not_found` when it is gone. */
  async open(row: Segment): Promise<FileHandle> {
    try {
      return await open(this.pathOf(row), 'r');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
        throw new AppError('not_found', `recording file ${row.path} is missing`);
      }
      throw e;
    }
  }

  /** The init segment (ftyp + moov) bytes and what they say. */
  async readInit(row: Segment, fh?: FileHandle): Promise<{ bytes: Buffer; info: InitSegmentInfo }> {
    const handle = fh ?? (await this.open(row));
    try {
      const first = await readExactly(handle, 0, Math.min(64 * 1024, row.size_bytes), row.path);
      const info = parseInitSegment(first);
      return { bytes: first.subarray(0, info.initLength), info };
    } finally {
      if (!fh) await handle.close();
    }
  }

  /** The `moof` and `mdat` header of a fragment. */
  async readHead(fh: FileHandle, row: Segment, f: FragmentEntry): Promise<FragmentHead> {
    let want = Math.min(f.sizeBytes, 8 * 1024);
    for (;;) {
      const bytes = await readExactly(fh, f.byteOffset, want, row.path);
      const moof = readBoxHeader(bytes, 0);
      if (!moof || moof.type !== 'moof') {
        throw new AppError('failed_precondition', `${row.path}: no moof at byte ${f.byteOffset}`);
      }
      if (moof.end + 16 <= bytes.length || want === f.sizeBytes) {
        const mdat = readBoxHeader(bytes, moof.end);
        if (!mdat || mdat.type !== 'mdat' || mdat.end - moof.start !== f.sizeBytes) {
          throw new AppError(
            'failed_precondition',
            `${row.path}: fragment at ${f.byteOffset} is malformed`,
          );
        }
        const payloadStart = mdat.start + mdat.headerSize;
        return { bytes: bytes.subarray(0, payloadStart), payloadStart };
      }
      want = Math.min(f.sizeBytes, moof.end + 16);
    }
  }

  /** `length` bytes of a segment file from `position`. */
  read(fh: FileHandle, row: Segment, position: number, length: number): Promise<Buffer> {
    return readExactly(fh, position, length, row.path);
  }
}

/** Reads exactly `length` bytes at `position`; `data_loss` when the file is shorter. */
export async function readExactly(
  fh: FileHandle,
  position: number,
  length: number,
  what: string,
  into?: Buffer,
): Promise<Buffer> {
  const buf = into ?? Buffer.allocUnsafe(length);
  let done = 0;
  while (done < length) {
    const { bytesRead } = await fh.read(buf, done, length - done, position + done);
    if (bytesRead === 0) {
      throw new AppError(
        'failed_precondition',
        `${what}: file ends before byte ${position + length}`,
      );
    }
    done += bytesRead;
  }
  return buf.subarray(0, length);
}
