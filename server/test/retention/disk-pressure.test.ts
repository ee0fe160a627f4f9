/**
 * Disk pressure on a small volume (a storage folder with a byte quota, real files): the oldest
 * non-held segments go first, held data is never touched, alarms are raised and cleared, and when
 * only held data remains recording is stopped through the recording control, then resumed.
 */
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/app/logger.ts';
import { nodeRecordingFs } from '../../src/recording/recording-fs.ts';
import { AlarmBoard } from '../../src/retention/alarms.ts';
import {
  DiskPressure,
  DISK_ALARMS,
  type RecordingControl,
} from '../../src/retention/disk-pressure.ts';
import { quotaProbe } from '../../src/retention/free-space.ts';
import { forEachDatabase } from '../support/databases.ts';
import { HOUR, retentionWorld, type RetentionWorld, worldHolds } from './support.ts';

/** The recorder's side as disk pressure sees it: which cameras it was told to stop or resume. */
class RecordedControl implements RecordingControl {
  calls: string[] = [];
  pauseForDisk(message: string): Promise<string[]> {
    this.calls.push(`pause: ${message}`);
    return Promise.resolve(['cam-001', 'cam-002']);
  }
  resumeAfterDisk(): Promise<string[]> {
    this.calls.push('resume');
    return Promise.resolve(['cam-001', 'cam-002']);
  }
}

function pressure(w: RetentionWorld, quotaBytes: { value: number }, recording: RecordingControl) {
  const alarms = new AlarmBoard(w.clock, silentLogger());
  const probe = {
    measure: () => quotaProbe(w.root, quotaBytes.value).measure(),
  };
  const disk = new DiskPressure({
    db: w.db,
    recordingDb: w.db,
    holdsDb: w.db,
    fs: nodeRecordingFs,
    storageRoot: w.root,
    clock: w.clock,
    audit: w.audit,
    logger: silentLogger(),
    alarms,
    probe,
    recording,
    batchSize: 2,
    marks: { lowWaterPercent: 10, targetFreePercent: 20, stopRecordingPercent: 5 },
  });
  return { alarms, disk };
}

describe('disk pressure', () => {
  forEachDatabase((_name, open) => {
    it('deletes the oldest non-held segments first and never held data', async () => {
      const w = await retentionWorld(open);
      await w.camera('cam-001', { retentionDays: 3 });
      await w.camera('cam-002', { retentionDays: 3 });
      const t0 = w.clock.nowMs() - 10 * HOUR;
      // Ten segments of 1000 bytes, alternating cameras, oldest first.
      const segs = [];
      for (let i = 0; i < 10; i++) {
        segs.push(await w.segment(i % 2 === 0 ? 'cam-001' : 'cam-002', t0 + i * HOUR, HOUR - 1));
      }
      const holds = worldHolds(w);
      const supervisor = { principal: await w.principal('supervisor'), sourceAddress: null };
      // The two oldest segments of cam-001 (0 and 2) are under a legal hold.
      await holds.place(supervisor, {
        cameraIds: ['cam-001'],
        fromMs: t0,
        toMs: t0 + 2 * HOUR + 1,
        authority: 'Procura di La Spezia',
        reference: 'RGNR 77/2026',
        description: 'Aggressione',
        untilReleasedReason: 'fino a revoca del PM',
      });
      const quota = { value: 10_500 }; // 500 bytes free: below 10 %
      const control = new RecordedControl();
      const { alarms, disk } = pressure(w, quota, control);

      const result = await disk.check();
      // Target 20 % of 10 500 = 2 100 free: two deletions; the oldest non-held are 1 and 3.
      expect(result.after.freeBytes).toBe(2500);
      expect(result.heldOnly).toBe(false);
      const alive = [];
      for (const s of segs) alive.push(await w.present(s));
      expect(alive).toEqual([true, false, true, false, true, true, true, true, true, true]);
      expect(result.run).toMatchObject({ kind: 'disk_pressure', state: 'ok', segmentsDeleted: 2 });
      expect(result.run?.segmentsHeld).toBeGreaterThanOrEqual(2);
      expect(alarms.has(DISK_ALARMS.low)).toBe(false); // back above the low-water mark
      const deletions = await w.auditOf('recording.delete');
      expect(deletions.map((e) => e.reason)).toEqual(['disk pressure']);
      expect(deletions[0]?.camera_id).toBe('cam-002');

      // The volume shrinks: everything not held goes, oldest first, and the alarm stays.
      quota.value = 2_200; // 8 000 bytes used; the 2 000 held bytes alone leave 200 free (< 10 %)
      const second = await disk.check();
      expect(second.run?.segmentsDeleted).toBe(6);
      expect(second.heldOnly).toBe(true);
      for (const [i, s] of segs.entries()) expect(await w.present(s)).toBe(i === 0 || i === 2);
      expect(alarms.has(DISK_ALARMS.heldOnly)).toBe(true);
      expect(alarms.has(DISK_ALARMS.low)).toBe(true);
      expect(second.after.freeBytes).toBe(200);
      expect(control.calls).toEqual([]); // 200 bytes free: above the 5 % stop mark
    });

    it('stops recording when only held data remains on a full volume, and resumes after', async () => {
      const w = await retentionWorld(open);
      await w.camera('cam-001', { retentionDays: 3 });
      const t0 = w.clock.nowMs() - 5 * HOUR;
      const segs = [];
      for (let i = 0; i < 4; i++) segs.push(await w.segment('cam-001', t0 + i * HOUR, HOUR - 1));
      const holds = worldHolds(w);
      const supervisor = { principal: await w.principal('supervisor'), sourceAddress: null };
      const hold = await holds.place(supervisor, {
        cameraIds: ['cam-001'],
        fromMs: t0,
        toMs: t0 + 5 * HOUR,
        authority: 'Procura di La Spezia',
        reference: 'RGNR 78/2026',
        description: 'Incendio',
        untilReleasedReason: 'fino a revoca del PM',
      });
      const quota = { value: 4_100 }; // 100 bytes free: under the 5 % stop mark
      const control = new RecordedControl();
      const { alarms, disk } = pressure(w, quota, control);

      const result = await disk.check();
      expect(result.heldOnly).toBe(true);
      expect(result.run).toBeNull(); // nothing could be deleted: no empty run recorded
      expect(result.recordingStopped).toEqual(['cam-001', 'cam-002']);
      for (const s of segs) expect(await w.present(s)).toBe(true);
      expect(control.calls).toHaveLength(1);
      expect(control.calls[0]).toContain('legal hold');
      expect(alarms.active().map((a) => [a.kind, a.severity])).toEqual([
        [DISK_ALARMS.low, 'warning'],
        [DISK_ALARMS.heldOnly, 'critical'],
        [DISK_ALARMS.stopped, 'critical'],
      ]);
      expect((await w.auditOf('recording.pause')).length).toBe(1);

      // Checking again changes nothing (no second pause).
      await disk.check();
      expect(control.calls).toHaveLength(1);

      // The hold is released: the oldest go, space is back, recording resumes, alarms clear.
      await holds.release(supervisor, hold.id, { reason: 'copia consegnata alla Procura' });
      const after = await disk.check();
      expect(after.run?.segmentsDeleted).toBeGreaterThan(0);
      const [oldest] = segs;
      if (!oldest) throw new Error('no segment');
      expect(await w.present(oldest)).toBe(false);
      expect(control.calls).toEqual([expect.stringContaining('pause'), 'resume']);
      expect(alarms.active()).toEqual([]);
      expect(after.recordingStopped).toEqual([]);
    });
  });
});
