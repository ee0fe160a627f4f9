/**
 * Disk pressure against the real recorder: a camera records real H.264 into a storage folder
 * with a byte quota; its recordings are under a legal hold; the volume fills up. Disk pressure
 * deletes nothing held, stops the recorder (segment closed cleanly and complete, `disk` gap
 * open), the periodic camera sync does not restart it, and once the hold is released and space
 * is freed, recording resumes.
 */
import type { VedettaDb } from '../../src/compose/schema.ts';
import type { Schema } from '../../src/compose/schema.ts';
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../../src/app/clock.ts';
import { silentLogger } from '../../src/app/logger.ts';
import { AuditLog } from '../../src/audit/audit-log.ts';
import { openDatabase } from '../../src/db/database.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { createHoldService } from '../../src/holds/create.ts';
import { recordedRangeOf } from '../../src/recording/segment-queries.ts';
import { StreamHub } from '../../src/ingest/hub.ts';
import { loadOrCreateInstallationKey } from '../../src/keys/installation-key.ts';
import { loadPrincipalAccess } from '../../src/access/principal-access.ts';
import { createCameraRegistry } from '../../src/cameras/registry.ts';
import { nodeRecordingFs } from '../../src/recording/recording-fs.ts';
import { RecordingService } from '../../src/recording/recording-service.ts';
import { AlarmBoard } from '../../src/retention/alarms.ts';
import { DiskPressure, DISK_ALARMS } from '../../src/retention/disk-pressure.ts';
import { quotaProbe } from '../../src/retention/free-space.ts';
import { clipEvents, loadClip, type ClipFrames } from '../recording/support.ts';

const T0 = Date.UTC(2026, 2, 1, 10, 0, 0);
let clip: ClipFrames;
const dbs: VedettaDb[] = [];

beforeAll(async () => {
  clip = await loadClip('h264');
});
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.destroy();
});

describe('disk pressure and the recorder', () => {
  it('stops recording when only held data remains, and resumes once space is back', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'vedetta-'));
    const db = await openDatabase<Schema>({ kind: 'sqlite', path: path.join(dir, 'db.sqlite') });
    dbs.push(db);
    await migrateToLatest(db);
    const clock = new FakeClock(T0);
    const logger = silentLogger();
    const key = loadOrCreateInstallationKey(path.join(dir, 'keys'));
    const audit = new AuditLog({ db, key, clock });
    await createCameraRegistry({ db, clock }).create({
      id: 'cam-1',
      name: 'Piazza Garibaldi',
      streams: { main: 'rtsp://10.0.0.1/1' },
      location: { latitude: 44.1, longitude: 9.8 },
    });
    const hub = new StreamHub('cam-1', 'main', { clock, logger });
    const root = path.join(dir, 'rec');
    const recording = new RecordingService({
      db,
      storageRoot: root,
      key,
      clock,
      logger,
      ingest: { hub: (id) => (id === 'cam-1' ? hub : undefined) },
      options: { segmenter: { segmentTargetMs: 10_000 } },
    });
    await recording.start(['cam-1']);
    hub.publish({ type: 'started', info: clip.info, atMs: T0 });
    for (const e of clipEvents(clip, 500, { wall0: T0 })) hub.publish(e);
    clock.advance(20_000);
    await recording.drain();

    const holds = createHoldService({
      db,
      camerasDb: db,
      clock,
      audit,
      recordedRange: (ids) => recordedRangeOf(db, ids),
    });
    const access = await loadPrincipalAccess(
      { db, accountsDb: db, camerasDb: db },
      { role: 'supervisor', agencyId: 'polizia-municipale', agencyKind: 'owner' },
      clock.nowMs(),
    );
    if (!access) throw new Error('no supervisor role');
    const supervisor = {
      principal: {
        userId: 'u1',
        username: 'sup',
        displayName: 'Sup',
        role: 'supervisor',
        agencyId: 'polizia-municipale',
        agencyKind: 'owner' as const,
        access,
      },
      sourceAddress: null,
    };
    const hold = await holds.place(supervisor, {
      cameraIds: ['cam-1'],
      fromMs: T0,
      toMs: clock.nowMs(),
      authority: 'Procura di La Spezia',
      reference: 'RGNR 9/2026',
      description: 'Sinistro stradale',
      untilReleasedReason: 'fino a revoca del PM',
    });

    // The volume is the recordings so far plus 1 KiB: under every mark.
    const big = await quotaProbe(root, 1e12).measure();
    const used = big.totalBytes - big.freeBytes;
    const quotaBytes = used + 1024;
    expect(1024 / quotaBytes).toBeLessThan(0.01); // below the 1 % stop mark
    const alarms = new AlarmBoard(clock, logger);
    const disk = new DiskPressure({
      db,
      recordingDb: db,
      holdsDb: db,
      fs: nodeRecordingFs,
      storageRoot: root,
      clock,
      audit,
      logger,
      alarms,
      probe: quotaProbe(root, quotaBytes),
      recording,
    });
    const result = await disk.check();
    expect(result.heldOnly).toBe(true);
    expect(result.recordingStopped).toEqual(['cam-1']);
    expect(recording.recordedStreams()).toEqual([]);
    expect(alarms.has(DISK_ALARMS.stopped)).toBe(true);

    // Nothing held was deleted; every segment is complete and matches its file.
    const segs = await db.selectFrom('segments').selectAll().orderBy('start_ms').execute();
    expect(segs.length).toBeGreaterThanOrEqual(2);
    for (const s of segs) {
      expect(s.state).toBe('complete');
      expect(statSync(path.join(root, ...s.path.split('/'))).size).toBe(s.size_bytes);
    }
    const gap = await db
      .selectFrom('gaps')
      .selectAll()
      .where('end_ms', 'is', null)
      .executeTakeFirst();
    expect(gap).toMatchObject({ camera_id: 'cam-1', cause: 'disk' });

    // The camera sync asks for cam-1 again: it stays stopped while the disk is full.
    await recording.setCameras(['cam-1']);
    expect(recording.recordedStreams()).toEqual([]);

    // The hold is released: the oldest segment goes, recording resumes, alarms clear.
    await holds.release(supervisor, hold.id, { reason: 'copia estratta' });
    const after = await disk.check();
    expect(after.run?.segmentsDeleted).toBeGreaterThanOrEqual(1);
    expect(recording.recordedStreams().map((s) => s.cameraId)).toEqual(['cam-1']);
    expect(alarms.active()).toEqual([]);
    await recording.stop();
  });
});
