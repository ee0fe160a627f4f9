/**
 * Disk pressure paced by the write rate, on a fake clock and a fake probe: a volume that would
 * be full before the next regular check is cleared ahead of the low-water mark, and the next
 * check is brought forward.
 */
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/app/logger.ts';
import { nodeRecordingFs } from '../../src/recording/recording-fs.ts';
import { AlarmBoard } from '../../src/retention/alarms.ts';
import { DiskPressure } from '../../src/retention/disk-pressure.ts';
import type { VolumeSpace } from '../../src/retention/free-space.ts';
import { forEachDatabase } from '../support/databases.ts';
import { HOUR, retentionWorld } from './support.ts';

const MiB = 1024 * 1024;

describe('disk pressure pacing', () => {
  forEachDatabase((_name, open) => {
    it('deletes ahead when the volume would fill before the next check', async () => {
      const w = await retentionWorld(open);
      await w.camera('cam-001');
      const t0 = w.clock.nowMs() - 10 * HOUR;
      const oldest = await w.segment('cam-001', t0, HOUR - 1);
      const next = await w.segment('cam-001', t0 + HOUR, HOUR - 1);
      for (let i = 2; i < 4; i++) await w.segment('cam-001', t0 + i * HOUR, HOUR - 1);
      // A 100 MiB volume: low water 5 MiB, target 8 MiB, stop 1 MiB; deleting a segment frees 2 MiB.
      const space: VolumeSpace = { freeBytes: 20 * MiB, totalBytes: 100 * MiB };
      let deleted = 0;
      const fs = {
        ...nodeRecordingFs,
        unlink: async (p: string) => {
          await nodeRecordingFs.unlink(p);
          deleted++;
          space.freeBytes += 2 * MiB;
        },
      };
      const disk = new DiskPressure({
        db: w.db,
        recordingDb: w.db,
        holdsDb: w.db,
        fs,
        storageRoot: w.root,
        clock: w.clock,
        audit: w.audit,
        logger: silentLogger(),
        alarms: new AlarmBoard(w.clock, silentLogger()),
        probe: { measure: () => Promise.resolve({ ...space }) },
        intervalMs: 30_000,
        batchSize: 1,
      });

      // Slow writing: 20 MiB free, then 19 MiB ten seconds later: nothing to do.
      expect((await disk.check()).run).toBeNull();
      w.clock.advance(10_000);
      space.freeBytes = 19 * MiB;
      const calm = await disk.check();
      expect(calm.plan.deleteNow).toBe(false);
      expect(calm.run).toBeNull();
      expect(disk.nextCheckInMs).toBe(30_000);

      // Then 1 MiB/s... 7 MiB free, above low water, but full in 6 s: delete now, look in 1 s.
      w.clock.advance(10_000);
      space.freeBytes = 7 * MiB;
      const fast = await disk.check();
      expect(fast.plan.deleteNow).toBe(true);
      expect(disk.nextCheckInMs).toBe(1000);
      expect(fast.run?.kind).toBe('disk_pressure');
      expect(deleted).toBe(1); // 7 → 9 MiB: above the 8 MiB target
      expect(await w.present(oldest)).toBe(false);
      expect(await w.present(next)).toBe(true);
    });
  });
});
