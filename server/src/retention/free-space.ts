/**
 * How much room the recording volume has, behind an interface so that tests (and installations
 * that give Vedetta a quota on a shared volume) can measure something other than the whole
 * file system. `volumeProbe` asks the file system (statfs); `quotaProbe` treats a folder as a
 * volume of a fixed size and counts the bytes of the files in it.
 */
import { readdir, stat, statfs } from 'node:fs/promises';
import path from 'node:path';

/** Room on a volume, bytes. */
export interface VolumeSpace {
  freeBytes: number;
  totalBytes: number;
}

/** Measures the recording volume. */
export interface FreeSpaceProbe {
  measure(): Promise<VolumeSpace>;
}

/** The file system holding `dir`: blocks available to unprivileged users, and its size. */
export function volumeProbe(dir: string): FreeSpaceProbe {
  return {
    async measure() {
      const s = await statfs(dir);
      return { freeBytes: s.bavail * s.bsize, totalBytes: s.blocks * s.bsize };
    },
  };
}

async function bytesUnder(dir: string, depth: number): Promise<number> {
  if (depth > 16) return 0;
  let total = 0;
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) total += await bytesUnder(p, depth + 1);
    else if (e.isFile())
      total += await stat(p).then(
        (s) => s.size,
        () => 0,
      );
  }
  return total;
}

/** `dir` as a volume of `quotaBytes`: free is the quota less the bytes of the files under it. */
export function quotaProbe(dir: string, quotaBytes: number): FreeSpaceProbe {
  return {
    async measure() {
      const used = await bytesUnder(dir, 0);
      return { freeBytes: Math.max(0, quotaBytes - used), totalBytes: quotaBytes };
    },
  };
}
