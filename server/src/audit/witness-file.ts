/**
 * The audit witness file: every checkpoint, as it is made, appended as one signed line to a file
 * outside the database (`<storage.path>/keys/audit-witness.log`), opened with O_APPEND and
 * fsync'ed after each line, so that cutting the database's chain and checkpoints shows against
 * it. Lines that cannot be written are logged as errors and kept (up to a bound) to be written
 * before the next one; nothing is dropped without an error in the log.
 */
import { constants, type FileHandle, open } from 'node:fs/promises';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Logger } from '../app/index.ts';
import type { AuditCheckpoint } from './checkpoint.ts';
import { witnessLine } from './witness-line.ts';

/** The witness file's name in the installation's key folder. */
export const AUDIT_WITNESS_FILE = 'audit-witness.log';

/** The first line of a new witness file (lines starting with `#` are comments). */
export const WITNESS_HEADER =
  '# vedetta audit witness: one signed checkpoint per line, appended only (design/audit.md)';

/** Most lines kept for a retry while the file cannot be written. */
const MAX_PENDING = 100_000;

/** An open file that text is appended to. */
export interface AppendHandle {
  /** Writes `text` at the end of the file. */
  append(text: string): Promise<void>;
  /** fsync: returns once what was written is on the disk. */
  sync(): Promise<void>;
  close(): Promise<void>;
}

/** Opens a file for appending; `created` says whether it did not exist before. */
export type OpenAppend = (path: string) => Promise<{ handle: AppendHandle; created: boolean }>;

function wrap(fh: FileHandle): AppendHandle {
  return {
    append: async (text) => {
      await fh.write(text);
    },
    sync: () => fh.sync(),
    close: () => fh.close(),
  };
}

/**
 * Opens `path` with O_WRONLY | O_APPEND | O_CREAT, mode 0600, creating its folder (0700). When
 * the file is new, the folder is fsync'ed too, so that the new name survives a crash.
 */
export const openAppendFile: OpenAppend = async (path) => {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  let fh: FileHandle;
  let created = true;
  try {
    fh = await open(
      path,
      constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | constants.O_EXCL,
      0o600,
    );
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    created = false;
    fh = await open(path, constants.O_WRONLY | constants.O_APPEND, 0o600);
  }
  if (created) {
    const dir = await open(dirname(path), constants.O_RDONLY);
    try {
      await dir.sync();
    } finally {
      await dir.close();
    }
  }
  return { handle: wrap(fh), created };
};

/** Appends checkpoints to the witness file; one instance per process and file. */
export class FileWitness {
  private handle: AppendHandle | null = null;
  private pending: string[] = [];
  private chain: Promise<void> = Promise.resolve();

  constructor(
    /** The witness file. */
    readonly path: string,
    private readonly logger: Logger | undefined,
    private readonly openFile: OpenAppend = openAppendFile,
  ) {}

  /** Opens (creating, with its header) the file now, so that it exists before any checkpoint. */
  open(): Promise<void> {
    return this.serial(async () => {
      await this.ensureOpen();
    });
  }

  /**
   * Appends the checkpoint's line and fsyncs; resolves true once it is on the disk. On failure
   * logs an error, keeps the line for the next write and resolves false (never rejects).
   */
  write(c: AuditCheckpoint): Promise<boolean> {
    let ok = false;
    return this.serial(async () => {
      this.pending.push(`${witnessLine(c)}\n`);
      if (this.pending.length > MAX_PENDING) {
        const lost = this.pending.splice(0, this.pending.length - MAX_PENDING);
        this.logger?.error(
          { path: this.path, lost: lost.length },
          'audit witness: LOST checkpoint lines that could not be written',
        );
      }
      ok = await this.writePending(c.seq);
    }).then(() => ok);
  }

  /** Closes the file (after the writes in progress). */
  close(): Promise<void> {
    return this.serial(async () => {
      const h = this.handle;
      this.handle = null;
      await h?.close();
      if (this.pending.length > 0) {
        this.logger?.error(
          { path: this.path, unwritten: this.pending.length },
          'audit witness: closing with checkpoint lines NOT written to the witness file',
        );
      }
    });
  }

  private async ensureOpen(): Promise<AppendHandle> {
    if (this.handle) return this.handle;
    const { handle, created } = await this.openFile(this.path);
    if (created) {
      await handle.append(`${WITNESS_HEADER}\n`);
      await handle.sync();
    }
    this.handle = handle;
    return handle;
  }

  private async writePending(seq: number): Promise<boolean> {
    try {
      const h = await this.ensureOpen();
      await h.append(this.pending.join(''));
      await h.sync();
      this.pending = [];
      return true;
    } catch (e) {
      this.logger?.error(
        { err: e, path: this.path, seq, unwritten: this.pending.length },
        'audit witness: FAILED to write checkpoint to the witness file; will retry with the next one',
      );
      const h = this.handle;
      this.handle = null;
      await h?.close().catch(() => undefined);
      return false;
    }
  }

  private serial(fn: () => Promise<void>): Promise<void> {
    const next = this.chain.then(fn);
    this.chain = next.catch(() => undefined);
    return next;
  }
}
