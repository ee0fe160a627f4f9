/**
 * The retention sweeper on a fake clock, on SQLite and PostgreSQL: expired segments go (files
 * and rows) and the run is audited; held ranges survive past retention and go after release or
 * expiry; a crash between the deletion steps neither skips a deletion nor brings anything back.
 */
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/app/logger.ts';
import { nodeRecordingFs } from '../../src/recording/recording-fs.ts';
import { repairRecordings } from '../../src/recording/repair.ts';
import { claim } from '../../src/retention/deletion.ts';
import { openRun, readRun } from '../../src/retention/runs.ts';
import { sweepExpired, type SweepDeps } from '../../src/retention/sweeper.ts';
import { loadOrCreateInstallationKey } from '../../src/keys/installation-key.ts';
import { forEachDatabase } from '../support/databases.ts';
import { DAY, HOUR, retentionWorld, type RetentionWorld, worldHolds } from './support.ts';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const deps = (w: RetentionWorld, over: Partial<SweepDeps> = {}): SweepDeps => ({
  db: w.db,
  recordingDb: w.db,
  holdsDb: w.db,
  camerasDb: w.db,
  fs: nodeRecordingFs,
  storageRoot: w.root,
  clock: w.clock,
  audit: w.audit,
  logger: silentLogger(),
  ...over,
});

describe('retention sweeper', () => {
  forEachDatabase((_name, open) => {
    it('deletes segments older than retention, files and rows, and audits the run', async () => {
      const w = await retentionWorld(open);
      await w.camera('cam-001', { retentionDays: 3 });
      await w.camera('cam-002', { purpose: 'traffic', retentionDays: 2 });
      const now = w.clock.nowMs();
      const old1 = await w.segment('cam-001', now - 5 * DAY, 60_000, 1500);
      const old2 = await w.segment('cam-001', now - 3 * DAY - 2 * 60_000, 60_000, 2500);
      const edge = await w.segment('cam-001', now - 3 * DAY - 30_000, 60_000); // ends after the cut-off
      const young = await w.segment('cam-001', now - 2 * DAY);
      const t1 = await w.segment('cam-002', now - 2 * DAY - HOUR, 60_000, 700);
      const t2 = await w.segment('cam-002', now - DAY);

      w.clock.advance(1234);
      const { run, failures } = await sweepExpired(deps(w));

      expect(failures).toEqual([]);
      expect(await w.present(old1)).toBe(false);
      expect(await w.present(old2)).toBe(false);
      expect(await w.present(t1)).toBe(false);
      expect(await w.present(edge)).toBe(true);
      expect(await w.present(young)).toBe(true);
      expect(await w.present(t2)).toBe(true);
      expect(run).toMatchObject({
        kind: 'retention',
        state: 'ok',
        segmentsDeleted: 3,
        bytesDeleted: 4700,
      });
      expect(run.cameras['cam-001']).toEqual({
        segments: 2,
        bytes: 4000,
        fromMs: old1.startMs,
        toMs: old2.endMs,
      });

      const perCamera = await w.auditOf('recording.delete');
      expect(perCamera.map((e) => [e.camera_id, e.from_ms, e.to_ms, e.username])).toEqual([
        ['cam-001', old1.startMs, old2.endMs, 'system:retention'],
        ['cam-002', t1.startMs, t1.endMs, 'system:retention'],
      ]);
      const summary = await w.auditOf('retention.run');
      expect(summary).toHaveLength(1);
      expect(JSON.parse(summary[0]?.details ?? '{}')).toMatchObject({
        kind: 'retention',
        state: 'ok',
        segmentsDeleted: 3,
        bytesDeleted: 4700,
        cameras: 2,
        durationMs: 0,
      });

      // A second run finds nothing more and is still recorded.
      const again = await sweepExpired(deps(w));
      expect(again.run).toMatchObject({ state: 'ok', segmentsDeleted: 0 });
      expect(await w.auditOf('retention.run')).toHaveLength(2);
    });

    it('keeps held ranges past retention and deletes them after release or expiry', async () => {
      const w = await retentionWorld(open);
      await w.camera('cam-001', { retentionDays: 7, justification: 'piazza ad alta criminalità' });
      await w.camera('cam-002', { retentionDays: 2 });
      const holds = worldHolds(w);
      const t0 = w.clock.nowMs();
      const segs = [];
      for (let h = 0; h < 6; h++) segs.push(await w.segment('cam-001', t0 + h * HOUR, HOUR - 1000));
      const other = await w.segment('cam-002', t0 + 2 * HOUR);
      const [s0, s1, s2, s3, s4, s5] = segs;
      if (!s0 || !s1 || !s2 || !s3 || !s4 || !s5) throw new Error('segments');

      const supervisor = { principal: await w.principal('supervisor'), sourceAddress: '10.1.1.1' };
      const untilReleased = await holds.place(supervisor, {
        cameraIds: ['cam-001', 'cam-002'],
        fromMs: t0 + HOUR + 30 * 60_000, // inside s1 ...
        toMs: t0 + 2 * HOUR + 60_000, // ... into s2
        authority: 'Procura della Repubblica di La Spezia',
        reference: 'RGNR 1234/2026',
        description: 'Rapina in Via del Prione',
        untilReleasedReason: 'fino a revoca del PM',
      });
      const expiring = await holds.place(supervisor, {
        cameraIds: ['cam-001'],
        fromMs: t0 + 4 * HOUR,
        toMs: t0 + 4 * HOUR + 1,
        authority: 'Carabinieri - Nucleo Investigativo',
        reference: 'prot. 55/2026',
        description: 'Verifica transito veicolo',
        expiresMs: t0 + 20 * DAY,
      });
      expect(untilReleased.status).toBe('active');

      w.clock.advance(10 * DAY);
      const first = await sweepExpired(deps(w));
      expect(first.run).toMatchObject({ state: 'ok', segmentsDeleted: 3, segmentsHeld: 4 });
      expect([s0, s1, s2, s3, s4, s5].map((s) => s.id)).toHaveLength(6);
      expect(await w.present(s0)).toBe(false);
      expect(await w.present(s1)).toBe(true);
      expect(await w.present(s2)).toBe(true);
      expect(await w.present(other)).toBe(true);
      expect(await w.present(s3)).toBe(false);
      expect(await w.present(s4)).toBe(true);
      expect(await w.present(s5)).toBe(false);
      expect(await holds.heldRanges('cam-001', t0, t0 + 6 * HOUR)).toEqual([
        {
          fromMs: t0 + HOUR + 30 * 60_000,
          toMs: t0 + 2 * HOUR + 60_000,
          holdIds: [untilReleased.id],
        },
        { fromMs: t0 + 4 * HOUR, toMs: t0 + 4 * HOUR + 1, holdIds: [expiring.id] },
      ]);

      await holds.release(supervisor, untilReleased.id, { reason: 'procedimento archiviato' });
      const second = await sweepExpired(deps(w));
      expect(second.run).toMatchObject({ segmentsDeleted: 3, segmentsHeld: 1 });
      expect(await w.present(s1)).toBe(false);
      expect(await w.present(s2)).toBe(false);
      expect(await w.present(other)).toBe(false);
      expect(await w.present(s4)).toBe(true);

      w.clock.advance(10 * DAY + 1); // past the second hold's expiry
      const third = await sweepExpired(deps(w));
      expect(third.run.segmentsDeleted).toBe(1);
      expect(await w.present(s4)).toBe(false);

      const placed = await w.auditOf('hold.place');
      expect(placed.map((e) => [e.camera_id, e.user_id, e.outcome])).toEqual([
        ['cam-001', 'user-supervisor', 'granted'],
        ['cam-002', 'user-supervisor', 'granted'],
        ['cam-001', 'user-supervisor', 'granted'],
      ]);
      const released = await w.auditOf('hold.release');
      expect(released.map((e) => [e.camera_id, e.reason])).toEqual([
        ['cam-001', 'procedimento archiviato'],
        ['cam-002', 'procedimento archiviato'],
      ]);
    });

    it('finishes a deletion a crash interrupted, and brings nothing back', async () => {
      const w = await retentionWorld(open);
      await w.camera('cam-001', { retentionDays: 1 });
      const now = w.clock.nowMs();
      const a = await w.segment('cam-001', now - 3 * DAY);
      const b = await w.segment('cam-001', now - 2 * DAY);
      const c = await w.segment('cam-001', now - HOUR);

      // A run claims a and b, then the process dies before unlinking anything.
      const crashed = await openRun(w.db, 'retention', now);
      await claim(
        w.db,
        crashed,
        [a, b].map((s) => ({ ...s, sizeBytes: 1000 })),
        now,
      );
      expect(await w.present(a)).toBe(true);

      // Start-up: crash repair runs first, then the next sweep.
      const key = loadOrCreateInstallationKey(mkdtempSync(path.join(tmpdir(), 'vedetta-')));
      const repairDeps = {
        db: w.db,
        fs: nodeRecordingFs,
        storageRoot: w.root,
        key,
        clock: w.clock,
        logger: silentLogger(),
      };
      await repairRecordings(repairDeps);
      const { run } = await sweepExpired(deps(w));
      expect(run.segmentsDeleted).toBe(2);
      expect(await w.present(a)).toBe(false);
      expect(await w.present(b)).toBe(false);
      expect(await w.present(c)).toBe(true);
      expect(await readRun(w.db, crashed)).toMatchObject({ state: 'interrupted' });
      expect(await w.db.selectFrom('deletion_journal').selectAll().execute()).toEqual([]);

      // Another restart: repair finds nothing to bring back.
      const report = await repairRecordings(repairDeps);
      expect(report.repaired).toEqual([]);
      expect(await w.present(a)).toBe(false);
      expect((await w.db.selectFrom('segments').select('id').execute()).map((r) => r.id)).toEqual([
        c.id,
      ]);
    });

    it('keeps the row of a file it cannot delete, fails the run, and retries next time', async () => {
      const w = await retentionWorld(open);
      await w.camera('cam-001', { retentionDays: 1 });
      const now = w.clock.nowMs();
      const a = await w.segment('cam-001', now - 3 * DAY);
      const b = await w.segment('cam-001', now - 2 * DAY);
      const failing = {
        ...nodeRecordingFs,
        unlink: (p: string) =>
          p === a.abs
            ? Promise.reject(Object.assign(new Error('EIO: i/o error'), { code: 'EIO' }))
            : nodeRecordingFs.unlink(p),
      };
      const first = await sweepExpired(deps(w, { fs: failing }));
      expect(first.run.state).toBe('failed');
      expect(first.run.error).toContain(a.path);
      expect(await w.present(a)).toBe(true);
      expect(await w.present(b)).toBe(false);

      const second = await sweepExpired(deps(w));
      expect(second.run).toMatchObject({ state: 'ok', segmentsDeleted: 1 });
      expect(await w.present(a)).toBe(false);
    });

    it('never deletes a segment still being written', async () => {
      const w = await retentionWorld(open);
      await w.camera('cam-001', { retentionDays: 1 });
      const s = await w.segment('cam-001', w.clock.nowMs() - 3 * DAY);
      await w.db
        .updateTable('segments')
        .set({ state: 'writing', closed_by: null })
        .where('id', '=', s.id)
        .execute();
      const { run } = await sweepExpired(deps(w));
      expect(run.segmentsDeleted).toBe(0);
      expect(await w.present(s)).toBe(true);
    });
  });
});
