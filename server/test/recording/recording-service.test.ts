import type { VedettaDb } from '../../src/compose/schema.ts';
import type { Schema } from '../../src/compose/schema.ts';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../../src/app/clock.ts';
import { silentLogger } from '../../src/app/logger.ts';
import { openDatabase } from '../../src/db/database.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { StreamHub } from '../../src/ingest/hub.ts';
import type { StreamKind } from '../../src/ingest/types.ts';
import { loadOrCreateInstallationKey } from '../../src/keys/installation-key.ts';
import { RecordingService } from '../../src/recording/recording-service.ts';
import { clipEvents, loadClip, type ClipFrames } from './support.ts';

const T0 = Date.UTC(2026, 2, 1, 10, 0, 0);
let clip: ClipFrames;
const dbs: VedettaDb[] = [];

beforeAll(async () => {
  clip = await loadClip('h264');
});
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.destroy();
});

async function setup() {
  const dir = mkdtempSync(path.join(tmpdir(), 'vedetta-'));
  const db = await openDatabase<Schema>({ kind: 'sqlite', path: path.join(dir, 'db.sqlite') });
  dbs.push(db);
  await migrateToLatest(db);
  const clock = new FakeClock(T0);
  const logger = silentLogger();
  const hubs = new Map<string, StreamHub>();
  const ingest = {
    hub(cameraId: string, stream: StreamKind) {
      if (cameraId === 'unknown') return undefined;
      const k = `${cameraId}/${stream}`;
      let h = hubs.get(k);
      if (!h) hubs.set(k, (h = new StreamHub(cameraId, stream, { clock, logger })));
      return h;
    },
  };
  const key = loadOrCreateInstallationKey(path.join(dir, 'keys'));
  const make = () =>
    new RecordingService({
      db,
      storageRoot: path.join(dir, 'rec'),
      key,
      clock,
      logger,
      ingest,
      options: { segmenter: { segmentTargetMs: 10_000 } },
    });
  return { db, clock, ingest, make };
}

describe('RecordingService', () => {
  it("measures today from local midnight in the installation's time zone", async () => {
    const { clock, make } = await setup();
    // 00:30 in Rome on 1 July 2026 is 22:30 UTC the day before: "today" is Rome's 1 July.
    clock.advance(Date.parse('2026-06-30T22:30:00Z') - clock.nowMs());
    const rome = await make().currentCompleteness('cam-1');
    expect(new Date(rome.day.fromMs).toISOString()).toBe('2026-06-30T22:00:00.000Z');
    expect(new Date(rome.hour.fromMs).toISOString()).toBe('2026-06-30T22:00:00.000Z');
    const { db, clock: c2, ingest } = await setup();
    c2.advance(Date.parse('2026-06-30T22:30:00Z') - c2.nowMs());
    const ny = new RecordingService({
      db,
      storageRoot: '/nonexistent',
      key: () => {
        throw new Error('not needed');
      },
      clock: c2,
      logger: silentLogger(),
      ingest,
      options: { timeZone: 'America/New_York' },
    });
    expect(new Date((await ny.currentCompleteness('cam-1')).day.fromMs).toISOString()).toBe(
      '2026-06-30T04:00:00.000Z',
    );
  });

  it('records its cameras, measures completeness and keeps restart gaps across a restart', async () => {
    const { db, clock, ingest, make } = await setup();
    const service = make();
    await service.start(['cam-1', 'cam-2', 'unknown']);
    expect(service.recordedStreams().map((r) => r.cameraId)).toEqual(['cam-1', 'cam-2']);
    expect(ingest.hub('cam-1', 'main')?.subscriberCount).toBe(1);

    // cam-1 delivers 20 s of video; cam-2 never does.
    const hub = ingest.hub('cam-1', 'main');
    hub?.publish({ type: 'started', info: clip.info, atMs: T0 });
    for (const e of clipEvents(clip, 500, { wall0: T0 })) hub?.publish(e);
    clock.advance(20_000);
    await service.drain();
    expect(service.status('cam-1')?.state).toBe('recording');
    expect(service.status('cam-2')?.state).toBe('waiting');
    const c1 = await service.completeness('cam-1', T0, T0 + 3_600_000);
    expect(c1.expectedSeconds).toBe(20);
    // The fragment being gathered (the last second) is not on disk yet.
    expect(c1.recordedSeconds).toBe(19);
    expect((await service.currentCompleteness('cam-2')).hour).toMatchObject({
      expectedSeconds: 20,
      recordedSeconds: 0,
      ratio: 0,
    });

    await service.stop();
    expect(ingest.hub('cam-1', 'main')?.subscriberCount).toBe(0);
    const segs = await db.selectFrom('segments').selectAll().orderBy('start_ms').execute();
    expect(segs.map((s) => [s.state, s.start_ms - T0, s.end_ms - T0])).toEqual([
      ['complete', 0, 10_000],
      ['complete', 10_000, 20_000],
    ]);

    // Back up 30 s later: the restart gap closes where recording resumes.
    clock.advance(30_000);
    const again = make();
    await again.start(['cam-1']);
    expect(again.status('cam-1')?.openGap).toMatchObject({
      cause: 'restart',
      startMs: T0 + 20_000,
    });
    hub?.publish({ type: 'started', info: clip.info, atMs: T0 + 50_000 });
    for (const e of clipEvents(clip, 50, { wall0: T0 + 50_000 })) hub?.publish(e);
    await again.drain();
    expect(again.status('cam-1')?.openGap).toBeUndefined();
    await again.stop();

    const gaps = await db.selectFrom('gaps').selectAll().orderBy('start_ms').execute();
    expect(
      gaps.map((g) => [g.camera_id, g.cause, g.start_ms - T0, g.end_ms && g.end_ms - T0]),
    ).toEqual([
      ['cam-2', 'restart', 20_000, 50_000],
      ['cam-1', 'restart', 20_000, 50_000],
      ['cam-1', 'restart', 52_000, null],
    ]);
    // cam-2 is no longer recorded: its period and gap ended when the second start dropped it.
    const periods = await db
      .selectFrom('recording_periods')
      .selectAll()
      .orderBy('camera_id')
      .execute();
    expect(periods.map((p) => [p.camera_id, p.start_ms - T0, p.end_ms && p.end_ms - T0])).toEqual([
      ['cam-1', 0, null],
      ['cam-2', 0, 50_000],
    ]);
  });
});
