/**
 * The timeline's in-memory span index follows the recording index — new segments, a segment
 * being written and then completed, a retention run deleting segments — and a live still is the
 * newest frame the camera's hub delivered (a real hub fed the simulator's clip, with its last GOP
 * cached), compared pixel for pixel with the simulator's source picture.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../../src/app/clock.ts';
import { silentLogger } from '../../src/app/logger.ts';
import { StreamHub } from '../../src/ingest/hub.ts';
import { streamInfoOf } from '../../src/playback/synthetic-recording.ts';
import { timelines } from '../../src/playback/timeline.ts';
import { TimelineIndex } from '../../src/playback/timeline-index.ts';
import { encodeFragmentTable, encodeKeyFrameIndex } from '../../src/recording/fragment-table.ts';
import { latestRun } from '../../src/retention/runs.ts';
import { liveStill } from '../../src/stills/live-still.ts';
import {
  clipFrameGray,
  imageGray,
  loadTestClip,
  meanAbsDiff,
  tempInstallation,
  type Installation,
} from './playback-export-fixtures.ts';

const T0 = Date.UTC(2026, 2, 1, 10, 0, 0);
const MIN = 60_000;

describe('timeline index and live stills', () => {
  let inst: Installation;
  let n = 0;
  const insert = async (
    camera: string,
    startMs: number,
    endMs: number,
    state: 'writing' | 'complete' = 'complete',
  ) => {
    n++;
    const r = await inst.db
      .insertInto('segments')
      .values({
        camera_id: camera,
        stream: 'main',
        path: `${camera}/main/x/${n}.mp4`,
        start_ms: startMs,
        end_ms: endMs,
        duration_90k: (endMs - startMs) * 90,
        size_bytes: 1,
        frame_count: 1,
        codec: 'h264',
        codec_string: 'avc1.42c00d',
        width: 320,
        height: 180,
        state,
        closed_by: state === 'complete' ? 'writer' : null,
        init_sha256: 'a'.repeat(64),
        sha256: state === 'complete' ? 'a'.repeat(64) : null,
        fragments_sha256: state === 'complete' ? 'a'.repeat(64) : null,
        signature: state === 'complete' ? 's' : null,
        key_fingerprint: state === 'complete' ? 'a'.repeat(64) : null,
        key_frames: Buffer.from(encodeKeyFrameIndex([])),
        fragments: Buffer.from(encodeFragmentTable([])),
        updated_ms: endMs,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return Number(r.id);
  };

  beforeAll(async () => {
    inst = await tempInstallation();
  });
  afterAll(async () => {
    await inst.db.destroy();
  });

  it('follows new, growing, completed and deleted segments', async () => {
    const clock = new FakeClock(T0 + 60 * MIN);
    const index = new TimelineIndex(
      { recordingDb: inst.db, latestDeletionRun: () => latestRun(inst.db) },
      clock,
    );
    for (let m = 0; m < 10; m++) await insert('cam-a', T0 + m * MIN, T0 + (m + 1) * MIN);
    await inst.db
      .insertInto('gaps')
      .values({
        camera_id: 'cam-a',
        stream: 'main',
        start_ms: T0 + 10 * MIN,
        end_ms: T0 + 12 * MIN,
        cause: 'offline',
        message: 'down',
      })
      .execute();
    const span = async () =>
      (
        await timelines(
          { recordingDb: inst.db, holdsDb: inst.db },
          index,
          ['cam-a'],
          T0 - MIN,
          T0 + 60 * MIN,
          clock.nowMs(),
        )
      )[0];
    expect((await span())?.spans).toEqual([[T0, T0 + 10 * MIN]]);
    // A new run after the gap, its last segment still being written.
    await insert('cam-a', T0 + 12 * MIN, T0 + 13 * MIN);
    const writing = await insert('cam-a', T0 + 13 * MIN, T0 + 13 * MIN + 20_000, 'writing');
    let tl = await span();
    expect(tl?.spans).toEqual([
      [T0, T0 + 10 * MIN],
      [T0 + 12 * MIN, T0 + 13 * MIN + 20_000],
    ]);
    expect(tl?.gaps.map((g) => g.cause)).toEqual(['offline']);
    // It grows and completes.
    await inst.db
      .updateTable('segments')
      .set({
        end_ms: T0 + 14 * MIN,
        state: 'complete',
        closed_by: 'writer',
        sha256: 'a'.repeat(64),
        fragments_sha256: 'a'.repeat(64),
        signature: 's',
        key_fingerprint: 'a'.repeat(64),
      })
      .where('id', '=', writing)
      .execute();
    tl = await span();
    expect(tl?.spans[1]).toEqual([T0 + 12 * MIN, T0 + 14 * MIN]);
    // Retention deletes the first five minutes: a new run rebuilds the camera's spans.
    await inst.db
      .deleteFrom('segments')
      .where('camera_id', '=', 'cam-a')
      .where('start_ms', '<', T0 + 5 * MIN)
      .execute();
    await inst.db
      .insertInto('retention_runs')
      .values({
        kind: 'retention',
        state: 'ok',
        started_ms: clock.nowMs(),
        finished_ms: clock.nowMs(),
        segments_deleted: 5,
        bytes_deleted: 5,
        segments_held: 0,
        cameras_json: '{}',
        error: null,
      })
      .execute();
    tl = await span();
    expect(tl?.spans[0]).toEqual([T0 + 5 * MIN, T0 + 10 * MIN]);
    // A hole no gap row explains is reported as such.
    await insert('cam-a', T0 + 20 * MIN, T0 + 21 * MIN);
    tl = await span();
    expect(tl?.gaps.map((g) => [g.fromMs, g.toMs, g.cause])).toEqual([
      [T0 + 10 * MIN, T0 + 12 * MIN, 'offline'],
      [T0 + 14 * MIN, T0 + 20 * MIN, 'unrecorded'],
    ]);
  });

  it('takes a live still: the newest frame of the cached GOP', async () => {
    const clip = await loadTestClip();
    const clock = new FakeClock(T0);
    const hub = new StreamHub('cam-001', 'main', {
      clock,
      logger: silentLogger(),
      gopCacheMaxBytes: 4 * 1024 * 1024,
    });
    hub.publish({ type: 'started', info: streamInfoOf(clip.params), atMs: T0 });
    const sent = 25 + 13; // into the second GOP (1 s GOP at 25 fps)
    for (let k = 0; k < sent; k++) {
      const pic = clip.pictures[k];
      if (!pic) throw new Error('short clip');
      hub.publish({
        type: 'frame',
        frame: {
          codec: 'h264',
          nalus: pic.nalus,
          rtpTimestamp: k * 3600,
          isKey: pic.isKey,
          pts90k: k * 3600,
          wallMs: T0 + k * 40,
        },
      });
    }
    const still = await liveStill(hub, clock, 'png');
    expect(still.frameMs).toBe(T0 + (sent - 1) * 40);
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'vedetta-live-still-')), 'live.png');
    writeFileSync(file, still.image);
    const image = await imageGray(file, 320, 180);
    expect(meanAbsDiff(image, await clipFrameGray(clip.file, sent - 1, 320, 180))).toBeLessThan(
      0.5,
    );
    expect(meanAbsDiff(image, await clipFrameGray(clip.file, sent - 2, 320, 180))).toBeGreaterThan(
      0.5,
    );
  });
});
