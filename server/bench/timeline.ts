/**
 * Timeline and seek benchmark (`npm run bench:timeline`):
 * 1. the timeline (merged spans, gaps with causes, holds) of 200 cameras over 7 days of index
 *    (1-minute segments: about two million rows, with gaps), cold (first request after start)
 *    and warm (median of later requests, with new segments arriving in between);
 * 2. seek to first frame: from a wall-clock instant to the bytes the browser needs to show it
 *    (segment listing, init segment, the fragments from the key frame before it), server side,
 *    on a real recording.
 * Options: `--cameras N` (200), `--days N` (7), `--data DIR` (default a temporary folder).
 * Targets: timeline < 100 ms per request; seek to first frame < 300 ms.
 */
import type { Schema } from '../src/compose/schema.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import SQLite from 'better-sqlite3';
import { FakeClock } from '../src/app/clock.ts';
import { openDatabase } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { loadOrCreateInstallationKey } from '../src/keys/installation-key.ts';
import { fragmentBytes, initBytes, listMedia } from '../src/playback/media.ts';
import { RecordedFiles } from '../src/recording/recorded-files.ts';
import { recordSynthetic } from '../src/playback/synthetic-recording.ts';
import { timelines } from '../src/playback/timeline.ts';
import { TimelineIndex } from '../src/playback/timeline-index.ts';
import { encodeFragmentTable, encodeKeyFrameIndex } from '../src/recording/fragment-table.ts';
import { latestRun } from '../src/retention/runs.ts';
import { normaliseClip } from '../src/sim/clip-spec.ts';
import { clipPictures } from '../src/sim/clip-pictures.ts';
import { MediaCache } from '../src/sim/media-cache.ts';
import { readFile } from 'node:fs/promises';

const { values } = parseArgs({
  options: {
    cameras: { type: 'string', default: '200' },
    days: { type: 'string', default: '7' },
    data: { type: 'string' },
  },
});
const CAMERAS = Number(values.cameras);
const DAYS = Number(values.days);
const dir = values.data ?? mkdtempSync(join(tmpdir(), 'vedetta-bench-timeline-'));
const MIN = 60_000;
const DAY = 1440 * MIN;
const END = Date.UTC(2026, 2, 8, 0, 0, 0);
const START = END - DAYS * DAY;
const cams = Array.from({ length: CAMERAS }, (_, i) => `cam-${String(i + 1).padStart(3, '0')}`);

const median = (xs: number[]): number =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const p95 = (xs: number[]): number =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.95)] ?? NaN;
const ms = (x: number): string => `${x.toFixed(1)} ms`;

/** Fills the index with 1-minute segments; each camera is offline 20 minutes twice a day. */
function fill(file: string): number {
  const db = new SQLite(file);
  db.pragma('journal_mode = WAL');
  const frag = Buffer.from(encodeFragmentTable([]));
  const keys = Buffer.from(encodeKeyFrameIndex([]));
  const seg =
    db.prepare(`insert into segments (camera_id, stream, path, start_ms, end_ms, duration_90k,
    size_bytes, frame_count, codec, codec_string, width, height, state, closed_by, init_sha256, sha256,
    fragments_sha256, signature, key_fingerprint, key_frames, fragments, updated_ms)
    values (?, 'main', ?, ?, ?, 5400000, 30000000, 1500, 'h264', 'avc1.640028', 1920, 1080, 'complete',
    'writer', ?, ?, ?, 'sig', ?, ?, ?, ?)`);
  const gap = db.prepare(
    `insert into gaps (camera_id, stream, start_ms, end_ms, cause, message) values (?, 'main', ?, ?, ?, ?)`,
  );
  const h = 'a'.repeat(64);
  let n = 0;
  db.transaction(() => {
    for (const [c, cam] of cams.entries()) {
      for (let m = 0; m < DAYS * 1440; m++) {
        const inDay = m % 1440;
        const offset = (c * 7) % 600;
        const off1 = inDay >= 180 + offset && inDay < 200 + offset;
        const off2 = inDay >= 900 + offset && inDay < 920 + offset;
        const t = START + m * MIN;
        if (off1 || off2) {
          if (inDay === 180 + offset || inDay === 900 + offset)
            gap.run(cam, t, t + 20 * MIN, 'offline', 'camera unreachable');
          continue;
        }
        seg.run(cam, `${cam}/main/x/${t}.mp4`, t, t + MIN, h, h, h, h, keys, frag, t + MIN);
        n++;
      }
    }
  })();
  db.close();
  return n;
}

async function timelineBench(): Promise<void> {
  const file = join(dir, 'timeline.sqlite');
  const db0 = await openDatabase<Schema>({ kind: 'sqlite', path: file });
  await migrateToLatest(db0);
  await db0.destroy();
  let t = performance.now();
  const rows = fill(file);
  console.log(
    `index: ${CAMERAS} cameras x ${DAYS} days = ${rows} segments (setup ${((performance.now() - t) / 1000).toFixed(1)} s)`,
  );
  const db = await openDatabase<Schema>({ kind: 'sqlite', path: file });
  const clock = new FakeClock(END);
  const index = new TimelineIndex(
    { recordingDb: db, latestDeletionRun: () => latestRun(db) },
    clock,
  );
  t = performance.now();
  const tables = { recordingDb: db, holdsDb: db };
  const result = await timelines(tables, index, cams, START, END, END);
  const cold = performance.now() - t;
  const spans = result.reduce((n, c) => n + c.spans.length, 0);
  const gaps = result.reduce((n, c) => n + c.gaps.length, 0);
  const times: number[] = [];
  for (let i = 0; i < 30; i++) {
    if (i % 3 === 0) {
      // new segments keep arriving between requests
      await db
        .insertInto('segments')
        .values(
          cams.slice(0, 50).map((cam) => ({
            camera_id: cam,
            stream: 'main' as const,
            path: `${cam}/main/new/${i}.mp4`,
            start_ms: END + i * MIN,
            end_ms: END + (i + 1) * MIN,
            duration_90k: 5_400_000,
            size_bytes: 1,
            frame_count: 1,
            codec: 'h264' as const,
            codec_string: 'avc1.640028',
            width: 1920,
            height: 1080,
            state: 'complete' as const,
            closed_by: 'writer' as const,
            init_sha256: 'a'.repeat(64),
            sha256: 'a'.repeat(64),
            fragments_sha256: 'a'.repeat(64),
            signature: 's',
            key_fingerprint: 'a'.repeat(64),
            key_frames: Buffer.from(encodeKeyFrameIndex([])),
            fragments: Buffer.from(encodeFragmentTable([])),
            updated_ms: END,
          })),
        )
        .execute();
    }
    t = performance.now();
    await timelines(tables, index, cams, START, END + 60 * MIN, END + 60 * MIN);
    times.push(performance.now() - t);
  }
  console.log(`timeline of ${CAMERAS} cameras x ${DAYS} days: ${spans} spans, ${gaps} gaps`);
  console.log(`  cold (first request, builds the span index): ${ms(cold)}`);
  console.log(
    `  warm: median ${ms(median(times))}, p95 ${ms(p95(times))} (target < 100 ms) ${median(times) < 100 ? 'OK' : 'OVER TARGET'}`,
  );
  await db.destroy();
}

async function seekBench(): Promise<void> {
  const spec = normaliseClip({
    codec: 'h264',
    width: 1280,
    height: 720,
    fps: 25,
    gopSeconds: 2,
    loopSeconds: 10,
    bitrateKbps: 4000,
    label: 'seek',
  });
  const clipFile = await new MediaCache().ensure(spec);
  const clip = clipPictures('h264', new Uint8Array(await readFile(clipFile)));
  const db = await openDatabase<Schema>({ kind: 'sqlite', path: join(dir, 'seek.sqlite') });
  await migrateToLatest(db);
  const storage = join(dir, 'recordings');
  const T0 = Date.UTC(2026, 2, 1, 10, 0, 0);
  await recordSynthetic({
    db,
    storageRoot: storage,
    key: loadOrCreateInstallationKey(join(dir, 'keys')),
    cameraId: 'cam-001',
    clip: { params: clip.params, pictures: clip.pictures, fps: 25 },
    fromMs: T0,
    toMs: T0 + 10 * MIN,
  });
  const files = new RecordedFiles(storage);
  const times: number[] = [];
  for (let i = 0; i < 40; i++) {
    const at = T0 + 5000 + ((i * 7919) % (9 * MIN));
    const t = performance.now();
    const segs = await listMedia(db, 'cam-001', at - 5 * MIN, at + 5 * MIN);
    const seg = segs.find((s) => s.startMs <= at && s.endMs > at);
    if (!seg) throw new Error('no segment at the instant');
    const rel = at - seg.startMs;
    let f = seg.fragments.findLastIndex((x) => x[0] <= rel);
    while (f > 0 && seg.fragments[f]?.[2] !== 1) f--;
    const row = await db
      .selectFrom('segments')
      .selectAll()
      .where('id', '=', seg.id)
      .executeTakeFirstOrThrow();
    await initBytes(files, row);
    const target = seg.fragments.findLastIndex((x) => x[0] <= rel);
    await fragmentBytes(files, row, f, target - f + 1);
    times.push(performance.now() - t);
  }
  console.log(
    `seek to first frame (server side: listing, init, fragments from the key frame before the instant):`,
  );
  console.log(
    `  median ${ms(median(times))}, p95 ${ms(p95(times))} (target < 300 ms) ${p95(times) < 300 ? 'OK' : 'OVER TARGET'}`,
  );
  await db.destroy();
}

try {
  console.log(`timeline benchmark, ${cpus().length} CPU(s), data in ${dir}`);
  await timelineBench();
  await seekBench();
} finally {
  if (values.data === undefined) rmSync(dir, { recursive: true, force: true });
}
