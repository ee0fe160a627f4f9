/**
 * The file-system operations the recorder uses, behind an interface so that a test can make a
 * write fail the way a full or broken disk does (ENOSPC, EIO) without filling a real volume.
 * `nodeRecordingFs` is the real implementation (async `node:fs/promises`, so a slow disk never
 * blocks the event loop).
 */
import { open, mkdir, readFile, readdir, stat, statfs, truncate, unlink } from 'node:fs/promises';
import { isStorageFullError } from '../db/index.ts';

/** A segment file open for appending. */
export interface SegmentFileHandle {
  /** Writes all of `parts`, one after the other, from byte `position` (one `pwritev`). */
  write(parts: readonly Uint8Array[], position: number): Promise<void>;
  /** Cuts the file to `size` bytes. */
  truncate(size: number): Promise<void>;
  /** Flushes the file's data to stable storage. */
  sync(): Promise<void>;
  close(): Promise<void>;
}

/** What the recorder needs from the file system. Paths are absolute. */
export interface RecordingFs {
  /** Creates a folder and its parents. */
  mkdirp(dir: string): Promise<void>;
  /** Creates a new file; rejects with code EEXIST when it exists (never overwrites). */
  createExclusive(path: string): Promise<SegmentFileHandle>;
  readFile(path: string): Promise<Uint8Array>;
  /** Size in bytes, or undefined when the file does not exist. */
  sizeOf(path: string): Promise<number | undefined>;
  truncate(path: string, size: number): Promise<void>;
  unlink(path: string): Promise<void>;
  /** Names in a folder; empty when it does not exist. */
  list(dir: string): Promise<string[]>;
  /** Bytes available to an unprivileged user on the volume holding `path`. */
  freeBytes(path: string): Promise<number>;
}

function codeOf(e: unknown): string | undefined {
  return typeof e === 'object' && e !== null && 'code' in e && typeof e.code === 'string'
    ? e.code
    : undefined;
}

/** The real file system. */
export const nodeRecordingFs: RecordingFs = {
  async mkdirp(dir) {
    await mkdir(dir, { recursive: true });
  },
  async createExclusive(path) {
    const fh = await open(path, 'wx', 0o640);
    return {
      async write(parts, position) {
        let rest = parts.filter((p) => p.length > 0);
        let at = position;
        while (rest.length > 0) {
          const { bytesWritten } = await fh.writev(rest, at);
          if (bytesWritten <= 0) throw new Error(`write to ${path} made no progress`);
          at += bytesWritten;
          rest = remainingAfter(rest, bytesWritten);
        }
      },
      truncate: (size) => fh.truncate(size),
      sync: () => fh.sync(),
      close: () => fh.close(),
    };
  },
  readFile: (path) => readFile(path),
  async sizeOf(path) {
    try {
      return (await stat(path)).size;
    } catch (e) {
      if (codeOf(e) === 'ENOENT') return undefined;
      throw e;
    }
  },
  truncate: (path, size) => truncate(path, size),
  unlink: (path) => unlink(path),
  async list(dir) {
    try {
      return await readdir(dir);
    } catch (e) {
      if (codeOf(e) === 'ENOENT') return [];
      throw e;
    }
  },
  async freeBytes(path) {
    const s = await statfs(path);
    return s.bavail * s.bsize;
  },
};

/** What is left of `parts` after its first `written` bytes (a short write). */
function remainingAfter(parts: readonly Uint8Array[], written: number): Uint8Array[] {
  let skip = written;
  let i = 0;
  while (i < parts.length && skip >= (parts[i]?.length ?? 0)) {
    skip -= parts[i]?.length ?? 0;
    i++;
  }
  const rest = parts.slice(i);
  const first = rest[0];
  if (first !== undefined && skip > 0) rest[0] = first.subarray(skip);
  return rest;
}

/** The errno code of a file-system error (`ENOSPC`, `EIO`...), if it has one. */
export function errnoOf(e: unknown): string | undefined {
  return codeOf(e);
}

/**
 * True for errors that mean the disk itself is full or failing, rather than a bug; a database
 * that cannot be written because its volume is full (SQLITE_FULL) counts too.
 */
export function isDiskError(e: unknown): boolean {
  const code = codeOf(e);
  return (
    isStorageFullError(e) ||
    code === 'ENOSPC' ||
    code === 'EIO' ||
    code === 'EDQUOT' ||
    code === 'EROFS' ||
    code === 'EACCES' ||
    code === 'EPERM' ||
    code === 'ENOENT' ||
    code === 'EFBIG'
  );
}
