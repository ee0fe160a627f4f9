import { appendFileSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../../src/app/clock.ts';
import { silentLogger } from '../../src/app/logger.ts';
import type { VedettaDb } from '../../src/compose/schema.ts';
import { nodeRecordingFs } from '../../src/recording/recording-fs.ts';
import { repairRecordings } from '../../src/recording/repair.ts';
import { segmentRelativePath } from '../../src/recording/segment-path.ts';
import { statementVersion, verifyStatement } from '../../src/recording/statement.ts';
import { StreamRecorder } from '../../src/recording/stream-recorder.ts';
import { statementOfRow, verifySegmentFile } from '../../src/recording/verify.ts';
import { clipEvents, ffmpegErrors, loadClip, recordingStore, type ClipFrames } from './support.ts';

const T0 = Date.UTC(2026, 2, 1, 10, 0, 0);
let clip: ClipFrames;
const dbs: VedettaDb[] = [];

beforeAll(async () => {
  clip = await loadClip('h264');
});
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.destroy();
});

/** A migrated SQLite database, a storage root and a key in a fresh folder; the repair's deps. */
async function setup() {
  const { db, root, key } = await recordingStore(dbs);
  const clock = new FakeClock(T0 + 60_000);
  const deps = { db, fs: nodeRecordingFs, storageRoot: root, key, clock, logger: silentLogger() };
  return { db, root, key, deps };
}

describe('repairRecordings', () => {
  it('cuts torn tails, indexes orphan files, signs them as repaired and opens restart gaps', async () => {
    const { db, root, key, deps } = await setup();
    // A recorder "crashes" mid-segment: its writes reach the disk, it never closes.
    const recorder = new StreamRecorder({ ...deps, cameraId: 'cam-1', stream: 'main' });
    recorder.onEvent({ type: 'started', info: clip.info, atMs: T0 });
    for (const e of clipEvents(clip, 80, { wall0: T0 })) recorder.onEvent(e);
    await recorder.drain();
    const writing = await db.selectFrom('segments').selectAll().executeTakeFirstOrThrow();
    expect(writing.state).toBe('writing');
    const file = path.join(root, writing.path);
    const goodSize = statSync(file).size;
    // The fragment being appended when the process died: a moof header and part of its body.
    appendFileSync(file, Buffer.from([0, 0, 0x40, 0, 0x6d, 0x6f, 0x6f, 0x66, 1, 2, 3]));
    // Another stream's file created just before the crash, its row never inserted.
    const orphanRel = segmentRelativePath('cam-2', 'main', T0 + 1000);
    const orphan = path.join(root, orphanRel);
    await nodeRecordingFs.mkdirp(path.dirname(orphan));
    writeFileSync(orphan, readFileSync(file).subarray(0, goodSize + 5));
    // And one that died during its very first write: no complete fragment, no video.
    const emptyRel = segmentRelativePath('cam-3', 'main', T0 + 2000);
    await nodeRecordingFs.mkdirp(path.dirname(path.join(root, emptyRel)));
    writeFileSync(path.join(root, emptyRel), readFileSync(file).subarray(0, 300));

    const report = await repairRecordings(deps);
    expect(report.repaired.sort()).toEqual([writing.path, orphanRel].sort());
    expect(report.removed).toEqual([emptyRel]);
    expect(report.tornBytes).toBe(11 + 5);

    const rows = await db.selectFrom('segments').selectAll().orderBy('camera_id').execute();
    expect(rows).toHaveLength(2);
    for (const s of rows) {
      expect(s.state).toBe('complete');
      expect(s.closed_by).toBe('repair');
      // 75 frames: three complete one-second fragments; the fourth was still being gathered.
      expect(s.frame_count).toBe(75);
      expect(s.end_ms - s.start_ms).toBe(3000);
      const f = path.join(root, s.path);
      expect(statSync(f).size).toBe(goodSize);
      expect(await ffmpegErrors(f)).toBe('');
      // Signed with statement v2 (no whole-file digest), marked repaired.
      expect(s.sha256).toBeNull();
      const statement = statementOfRow(s);
      expect(statement).toMatchObject({ repaired: true });
      expect(statement && statementVersion(statement)).toBe(2);
      expect(statement && verifyStatement(key, statement, s.signature ?? '')).toBe(true);
      expect(await verifySegmentFile(root, s, key)).toMatchObject({ ok: true, problems: [] });
    }
    const gaps = await db.selectFrom('gaps').selectAll().orderBy('camera_id').execute();
    expect(gaps.map((g) => [g.camera_id, g.cause, g.start_ms - T0, g.end_ms])).toEqual([
      ['cam-1', 'restart', 3000, null],
      ['cam-2', 'restart', 4000, null],
    ]);
    expect(gaps[0]?.message).toMatch(/11 bytes of a torn fragment cut/);
    // A second run finds nothing left to do.
    expect(await repairRecordings(deps)).toEqual({ repaired: [], tornBytes: 0, removed: [] });
  });

  it('signs only bytes the segment digest covers: a box after the fragments is cut', async () => {
    const { db, root, key, deps } = await setup();
    const recorder = new StreamRecorder({ ...deps, cameraId: 'cam-1', stream: 'main' });
    recorder.onEvent({ type: 'started', info: clip.info, atMs: T0 });
    for (const e of clipEvents(clip, 80, { wall0: T0 })) recorder.onEvent(e);
    await recorder.drain();
    const writing = await db.selectFrom('segments').selectAll().executeTakeFirstOrThrow();
    const file = path.join(root, writing.path);
    const goodSize = statSync(file).size;
    // A whole box, but not a fragment: the chain of fragment digests would not cover it.
    appendFileSync(file, Buffer.from([0, 0, 0, 12, 0x66, 0x72, 0x65, 0x65, 1, 2, 3, 4]));

    const report = await repairRecordings(deps);
    expect(report).toEqual({ repaired: [writing.path], tornBytes: 12, removed: [] });
    expect(statSync(file).size).toBe(goodSize);
    const s = await db.selectFrom('segments').selectAll().executeTakeFirstOrThrow();
    expect(s).toMatchObject({ state: 'complete', size_bytes: goodSize, sha256: null });
    expect(await verifySegmentFile(root, s, key)).toMatchObject({ ok: true, problems: [] });
  });
});
