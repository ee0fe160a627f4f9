/**
 * Retention treats a camera's sub-stream like its main stream: expired segments of both go
 * (files and rows) in the same run, and the young ones of both stay.
 */
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/app/logger.ts';
import { nodeRecordingFs } from '../../src/recording/recording-fs.ts';
import { sweepExpired } from '../../src/retention/sweeper.ts';
import { forEachDatabase } from '../support/databases.ts';
import { DAY, retentionWorld } from './support.ts';

describe('retention of sub-streams', () => {
  forEachDatabase((_name, open) => {
    it('deletes expired sub-stream segments with the main ones, and keeps young ones', async () => {
      const w = await retentionWorld(open);
      await w.camera('cam-001', { retentionDays: 3 });
      const now = w.clock.nowMs();
      const oldMain = await w.segment('cam-001', now - 5 * DAY, 60_000, 1500, 'main');
      const oldSub = await w.segment('cam-001', now - 5 * DAY, 60_000, 300, 'sub');
      const youngMain = await w.segment('cam-001', now - DAY, 60_000, 1500, 'main');
      const youngSub = await w.segment('cam-001', now - DAY, 60_000, 300, 'sub');

      w.clock.advance(1000);
      const { run, failures } = await sweepExpired({
        db: w.db,
        recordingDb: w.db,
        holdsDb: w.db,
        camerasDb: w.db,
        fs: nodeRecordingFs,
        storageRoot: w.root,
        clock: w.clock,
        audit: w.audit,
        logger: silentLogger(),
      });

      expect(failures).toEqual([]);
      expect(await w.present(oldMain)).toBe(false);
      expect(await w.present(oldSub)).toBe(false);
      expect(await w.present(youngMain)).toBe(true);
      expect(await w.present(youngSub)).toBe(true);
      expect(run).toMatchObject({ state: 'ok', segmentsDeleted: 2, bytesDeleted: 1800 });
    });
  });
});
