/**
 * Recording both streams of a camera, over real sockets: the camera simulator serves two cameras
 * with a sub-stream; the registry says one records both (the default where a sub-stream exists)
 * and the other `recording.streams: ["main"]`; the camera sync hands them to the real ingest and
 * recorder. The sub-stream gets its own segments, signed and verifiable like the main stream's,
 * its own completeness, and the main-only camera records no sub-stream at all; switching a camera
 * to main only ends its sub-stream's recording period.
 */
import type { VedettaDb, Schema } from '../../src/compose/schema.ts';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/app/clock.ts';
import { silentLogger } from '../../src/app/logger.ts';
import { createCameraRegistry, type CameraRegistry } from '../../src/cameras/index.ts';
import { openDatabase } from '../../src/db/database.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { IngestManager } from '../../src/ingest/manager.ts';
import {
  loadOrCreateInstallationKey,
  type InstallationKey,
} from '../../src/keys/installation-key.ts';
import { CameraSync } from '../../src/recording/camera-sync.ts';
import { RecordingService } from '../../src/recording/recording-service.ts';
import { verifySegmentFile } from '../../src/recording/verify.ts';
import type { SimCameraConfig } from '../../src/sim/camera-config.ts';
import { startSimulator, type Simulator } from '../../src/sim/simulator.ts';
import { waitFor } from '../support/wait-for.ts';

const camera = (id: string): SimCameraConfig => ({
  id,
  codec: 'h264',
  width: 320,
  height: 240,
  gopSeconds: 1,
  bitrateKbps: 300,
  sub: { width: 160, height: 96 },
});

let sim: Simulator;
let db: VedettaDb;
let ingest: IngestManager;
let recording: RecordingService;
let registry: CameraRegistry;
let sync: CameraSync;
let root: string;
let key: InstallationKey;
const t0 = Date.now();

const completeOf = (cameraId: string, stream: 'main' | 'sub') =>
  db
    .selectFrom('segments')
    .selectAll()
    .where('camera_id', '=', cameraId)
    .where('stream', '=', stream)
    .where('state', '=', 'complete')
    .execute();

beforeAll(async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'vedetta-'));
  root = path.join(dir, 'recordings');
  sim = await startSimulator({
    cameras: [camera('both'), camera('main-only')],
    port: 0,
    labelPerCamera: false,
  });
  db = await openDatabase<Schema>({ kind: 'sqlite', path: path.join(dir, 'db.sqlite') });
  await migrateToLatest(db);
  const logger = silentLogger();
  registry = createCameraRegistry({ db, clock: systemClock });
  for (const id of ['both', 'main-only']) {
    await registry.create({
      id,
      name: id,
      streams: { main: sim.url(id), sub: sim.url(id, true) },
      location: { latitude: 44.1, longitude: 9.82 },
      ...(id === 'main-only' ? { recording: { streams: ['main'] } } : {}),
    });
  }
  ingest = new IngestManager([], { logger, stallTimeoutMs: 2000 });
  key = loadOrCreateInstallationKey(path.join(dir, 'keys'));
  recording = new RecordingService({
    db,
    storageRoot: root,
    key,
    clock: systemClock,
    logger,
    ingest: {
      hub: (id, stream) => (ingest.cameraIds().includes(id) ? ingest.hub(id, stream) : undefined),
    },
    options: { segmenter: { segmentTargetMs: 2000 } },
  });
  sync = new CameraSync({ cameras: registry, ingest, recording, clock: systemClock, logger });
  await sync.sync();
});

afterAll(async () => {
  await sync?.stop();
  await recording?.stop();
  await ingest?.stop();
  await sim?.close();
  await db?.destroy();
});

describe('recording the sub-stream', () => {
  it('records main and sub where the camera has a sub-stream, main alone where configured', async () => {
    expect(
      recording
        .recordedStreams()
        .map((r) => `${r.cameraId}/${r.stream}`)
        .sort(),
    ).toEqual(['both/main', 'both/sub', 'main-only/main']);
    await waitFor(
      async () =>
        (await completeOf('both', 'sub')).length >= 2 &&
        (await completeOf('both', 'main')).length >= 2 &&
        (await completeOf('main-only', 'main')).length >= 2,
      { timeoutMs: 30_000, what: 'two complete segments of each recorded stream' },
    );
    const sub = await completeOf('both', 'sub');
    expect(new Set(sub.map((s) => `${s.width}x${s.height}`))).toEqual(new Set(['160x96']));
    expect(sub.every((s) => s.path.startsWith('both/sub/'))).toBe(true);
    expect(new Set((await completeOf('both', 'main')).map((s) => s.width))).toEqual(new Set([320]));
    expect(await completeOf('main-only', 'sub')).toEqual([]);
    const periods = await db.selectFrom('recording_periods').selectAll().execute();
    expect(periods.map((p) => `${p.camera_id}/${p.stream}`).sort()).toEqual([
      'both/main',
      'both/sub',
      'main-only/main',
    ]);
  });

  it('signs sub-stream segments like main ones: each verifies against the installation key', async () => {
    for (const row of await completeOf('both', 'sub')) {
      expect(row.signature, row.path).not.toBeNull();
      const v = await verifySegmentFile(root, row, key);
      expect(v.problems, row.path).toEqual([]);
      expect(v.ok).toBe(true);
    }
  });

  it('reports completeness per stream', async () => {
    const now = Date.now();
    const sub = await recording.completeness('both', t0, now, 'sub');
    const main = await recording.completeness('both', t0, now, 'main');
    expect(sub.recordedSeconds).toBeGreaterThan(0);
    expect(main.recordedSeconds).toBeGreaterThan(0);
    const none = await recording.completeness('main-only', t0, now, 'sub');
    expect(none.expectedSeconds).toBe(0);
    expect(none.recordedSeconds).toBe(0);
  });

  it('stops the sub-stream, ending its period, when the camera is set to record main only', async () => {
    await registry.patch('both', { recording: { streams: ['main'] } });
    await sync.sync();
    expect(recording.status('both', 'sub')).toBeUndefined();
    expect(recording.status('both', 'main')).toBeDefined();
    const period = await db
      .selectFrom('recording_periods')
      .selectAll()
      .where('camera_id', '=', 'both')
      .where('stream', '=', 'sub')
      .executeTakeFirstOrThrow();
    expect(period.end_ms).not.toBeNull();
  });
});
