/**
 * The space reserve: a file of real blocks (written with zeros, not sparse) kept on the volume
 * of the database and the recordings. When the volume is full, disk pressure deletes it first,
 * so that the database can be written again — the deletion journal, the run row and the audit
 * entries that must precede and record every deletion — and then deletes the oldest recordings
 * as usual. It is made again once the volume has room for it above the target mark.
 */
import { open, rename, stat, unlink } from 'node:fs/promises';
import type { Logger } from '../app/index.ts';

const CHUNK = 1024 * 1024;

/** The reserve file. */
export class SpaceReserve {
  /**
   * @param path where the file lives (on the recording volume, outside the recordings folder)
   * @param maxBytes its size at most; 0 disables the reserve
   */
  constructor(
    readonly path: string,
    private readonly maxBytes: number,
    private readonly logger: Logger,
  ) {}

  /** Its size on a volume of `totalBytes`: `maxBytes`, at most 2 % of the volume. */
  sizeFor(totalBytes: number): number {
    return Math.floor(Math.min(this.maxBytes, totalBytes * 0.02));
  }

  /** Bytes the file holds now (0 when absent). */
  async bytes(): Promise<number> {
    try {
      return (await stat(this.path)).size;
    } catch {
      return 0;
    }
  }

  /** Deletes the file; returns the bytes it held (0 when there was none). */
  async release(): Promise<number> {
    const bytes = await this.bytes();
    if (bytes === 0) return 0;
    await unlink(this.path);
    this.logger.warn({ bytes, path: this.path }, 'retention: space reserve released');
    return bytes;
  }

  /**
   * Writes the file with `sizeBytes` zero bytes (to a temporary name, fsync'ed, then renamed);
   * a write that runs out of space removes the partial file. True when the reserve is in place.
   */
  async create(sizeBytes: number): Promise<boolean> {
    if (sizeBytes <= 0) return false;
    if ((await this.bytes()) >= sizeBytes) return true;
    const tmp = `${this.path}.tmp`;
    const zeros = Buffer.alloc(Math.min(CHUNK, sizeBytes));
    try {
      const fh = await open(tmp, 'w', 0o600);
      try {
        for (let at = 0; at < sizeBytes; at += zeros.length) {
          await fh.write(zeros, 0, Math.min(zeros.length, sizeBytes - at), at);
        }
        await fh.sync();
      } finally {
        await fh.close();
      }
      await rename(tmp, this.path);
      this.logger.info({ bytes: sizeBytes, path: this.path }, 'retention: space reserve in place');
      return true;
    } catch (e) {
      await unlink(tmp).catch(() => undefined);
      this.logger.warn({ err: e, path: this.path }, 'retention: space reserve not made');
      return false;
    }
  }
}
