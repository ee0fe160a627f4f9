/**
 * The file an archive is written to: positioned writes, several buffers per system call
 * (`pwritev`), and its writeback to disk started while it is still being written. Every
 * `writebackBytes` written, an `fdatasync` is started in the background (one at a time); the
 * final `sync` then has only the tail left to flush instead of the whole file, so the disk writes
 * while the exporter hashes rather than after it. Durability is unchanged: `sync` returns only once
 * every byte is on disk (`fsync`).
 */
import type { FileHandle } from 'node:fs/promises';
import { AppError } from '../../app/index.ts';

/** Default bytes written between background writebacks. */
export const WRITEBACK_BYTES = 128 * 1024 * 1024;

/** An archive file open for writing. */
export class ArchiveFile {
  private sinceWriteback = 0;
  private writeback: Promise<void> | undefined;
  private failure: unknown;

  /** `writebackBytes` 0 turns background writeback off. */
  constructor(
    private readonly fh: FileHandle,
    private readonly path: string,
    private readonly writebackBytes = WRITEBACK_BYTES,
  ) {}

  /** Writes `chunks`, one after another, at `position`. */
  async write(chunks: readonly Uint8Array[], position: number): Promise<void> {
    this.throwFailure();
    let rest = chunks.filter((c) => c.length > 0);
    let at = position;
    let total = 0;
    while (rest.length > 0) {
      const { bytesWritten } = await this.fh.writev(rest, at);
      if (bytesWritten <= 0) throw new Error(`write to ${this.path} made no progress`);
      at += bytesWritten;
      total += bytesWritten;
      rest = skipBytes(rest, bytesWritten);
    }
    this.sinceWriteback += total;
    if (this.writebackBytes > 0 && this.sinceWriteback >= this.writebackBytes && !this.writeback) {
      this.sinceWriteback = 0;
      this.writeback = this.fh.datasync().then(
        () => {
          this.writeback = undefined;
        },
        (e: unknown) => {
          this.writeback = undefined;
          this.failure ??= e;
        },
      );
    }
  }

  /** Waits for any background writeback, then flushes the file to disk (`fsync`). */
  async sync(): Promise<void> {
    await this.writeback;
    this.throwFailure();
    await this.fh.sync();
  }

  /** Closes the file (after any background writeback). */
  async close(): Promise<void> {
    await this.writeback;
    await this.fh.close();
  }

  private throwFailure(): void {
    if (this.failure === undefined) return;
    const why = this.failure instanceof Error ? this.failure.message : 'unknown error';
    throw new AppError('internal', `writing ${this.path} to disk failed: ${why}`);
  }
}

/** `chunks` without their first `n` bytes. */
export function skipBytes(chunks: readonly Uint8Array[], n: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  let skip = n;
  for (const c of chunks) {
    if (skip >= c.length) {
      skip -= c.length;
      continue;
    }
    out.push(skip > 0 ? c.subarray(skip) : c);
    skip = 0;
  }
  return out;
}
