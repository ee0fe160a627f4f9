import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../../src/app/clock.ts';
import { silentLogger } from '../../src/app/logger.ts';
import type { VedettaDb } from '../../src/compose/schema.ts';
import type { StreamEvent } from '../../src/ingest/types.ts';
import type { InstallationKey } from '../../src/keys/installation-key.ts';
import { toAvcc } from '../../src/media/bits/avcc.ts';
import { readFragmentSamples, scanFragments } from '../../src/media/mp4/index.ts';
import { decodeFragmentTable } from '../../src/recording/fragment-table.ts';
import { nodeRecordingFs, type RecordingFs } from '../../src/recording/recording-fs.ts';
import {
  chainDigest,
  signStatement,
  statementBytes,
  verifyStatement,
} from '../../src/recording/statement.ts';
import { StreamRecorder } from '../../src/recording/stream-recorder.ts';
import { statementOfRow, verifySegmentFile } from '../../src/recording/verify.ts';
import { publicKeyFromPem } from '../../src/keys/installation-key.ts';
import {
  clipEvents,
  FaultyFs,
  ffmpegErrors,
  ffprobeDuration,
  loadClip,
  recordingStore,
  type ClipFrames,
} from './support.ts';

const T0 = Date.UTC(2026, 2, 1, 10, 0, 0);
let h264: ClipFrames;
let h265: ClipFrames;

beforeAll(async () => {
  h264 = await loadClip('h264');
  h265 = await loadClip('h265');
});

interface Rig {
  db: VedettaDb;
  root: string;
  key: InstallationKey;
  clock: FakeClock;
  recorder: StreamRecorder;
}

const dbs: VedettaDb[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.destroy();
});

async function rig(fs: RecordingFs = nodeRecordingFs, maxQueuedBytes?: number): Promise<Rig> {
  const { db, root, key } = await recordingStore(dbs);
  const clock = new FakeClock(T0);
  const recorder = new StreamRecorder({
    db,
    fs,
    storageRoot: root,
    key,
    clock,
    logger: silentLogger(),
    cameraId: 'cam-1',
    stream: 'main',
    segmenter: { segmentTargetMs: 2_000 },
    maxQueuedBytes,
  });
  return { db, root, key, clock, recorder };
}

function feed(r: StreamRecorder, events: StreamEvent[]): void {
  for (const e of events) r.onEvent(e);
}

async function segments(db: VedettaDb) {
  return db.selectFrom('segments').selectAll().orderBy('start_ms').execute();
}

async function gaps(db: VedettaDb) {
  return db.selectFrom('gaps').selectAll().orderBy('start_ms').execute();
}

describe('StreamRecorder', () => {
  for (const codec of ['h264', 'h265'] as const) {
    it(`records ${codec} into signed segments that ffmpeg decodes cleanly`, async () => {
      const clip = codec === 'h264' ? h264 : h265;
      const { db, root, key, recorder } = await rig();
      feed(recorder, [
        { type: 'started', info: clip.info, atMs: T0 },
        ...clipEvents(clip, 130, { wall0: T0 }),
      ]);
      await recorder.stop();
      const rows = await segments(db);
      // 2 s segments cut at the 1 s key frames: 0-2, 2-4, 4-5.2 s.
      expect(rows.map((s) => [s.start_ms - T0, s.end_ms - T0, s.frame_count])).toEqual([
        [0, 2000, 50],
        [2000, 4000, 50],
        [4000, 5200, 30],
      ]);
      for (const s of rows) {
        expect(s.state).toBe('complete');
        expect(s.codec).toBe(codec);
        const file = path.join(root, s.path);
        const bytes = readFileSync(file);
        expect(s.size_bytes).toBe(bytes.length);
        // Statement v2: each byte hashed once, no whole-file digest.
        expect(s.sha256).toBeNull();
        expect(await ffmpegErrors(file)).toBe('');
        const seconds = await ffprobeDuration(file);
        expect(Math.abs(seconds * 1000 - (s.end_ms - s.start_ms))).toBeLessThan(
          (s.end_ms - s.start_ms) / 100,
        );
        // The fragment table points at the fragments, with their hashes.
        const table = decodeFragmentTable(s.fragments);
        const scan = scanFragments(bytes);
        expect(table.map((f) => [f.byteOffset, f.sizeBytes])).toEqual(
          scan.fragments.map((f) => [f.start, f.end - f.start]),
        );
        for (const f of table) {
          const piece = bytes.subarray(f.byteOffset, f.byteOffset + f.sizeBytes);
          expect(createHash('sha256').update(piece).digest('hex')).toBe(
            Buffer.from(f.sha256).toString('hex'),
          );
        }
        const init = bytes.subarray(0, table[0]?.byteOffset);
        const initSha = createHash('sha256').update(init).digest();
        expect(s.init_sha256).toBe(initSha.toString('hex'));
        // The fragments lie back to back after the init, up to the last byte: the chain covers
        // every byte of the file.
        expect(table.map((f) => f.byteOffset)).toEqual(
          table.map((_, i) => init.length + table.slice(0, i).reduce((n, f) => n + f.sizeBytes, 0)),
        );
        expect(table.reduce((n, f) => n + f.sizeBytes, init.length)).toBe(bytes.length);
        expect(s.fragments_sha256).toBe(
          chainDigest(
            initSha,
            table.map((f) => f.sha256),
          ),
        );
        const statement = {
          cameraId: s.camera_id,
          stream: s.stream,
          path: s.path,
          startMs: s.start_ms,
          endMs: s.end_ms,
          sizeBytes: s.size_bytes,
          frameCount: s.frame_count,
          initSha256: s.init_sha256 ?? '',
          fragmentsSha256: s.fragments_sha256 ?? '',
          repaired: false,
        };
        expect(new TextDecoder().decode(statementBytes(statement))).toMatch(
          /^vedetta-segment-statement\/2\n/,
        );
        expect(verifyStatement(key, statement, s.signature ?? '')).toBe(true);
        expect(s.key_fingerprint).toBe(key.fingerprint);
      }
      expect(recorder.status()).toMatchObject({ state: 'stopped', segmentsWritten: 3 });
    });
  }

  it('verifies a segment offline and pinpoints a changed fragment', async () => {
    const { db, root, key, recorder } = await rig();
    feed(recorder, [
      { type: 'started', info: h264.info, atMs: T0 },
      ...clipEvents(h264, 50, { wall0: T0 }),
    ]);
    await recorder.stop();
    const [s] = await segments(db);
    if (!s) throw new Error('no segment');
    const pub = publicKeyFromPem(key.publicKeyPem);
    expect(await verifySegmentFile(root, s, pub)).toEqual({
      ok: true,
      signatureValid: true,
      fileMatches: true,
      changedFragments: [],
      problems: [],
    });
    const file = path.join(root, s.path);
    const bytes = readFileSync(file);
    const second = decodeFragmentTable(s.fragments)[1];
    if (!second) throw new Error('one fragment only');
    const at = second.byteOffset + second.sizeBytes - 10;
    bytes[at] = (bytes[at] ?? 0) ^ 0xff;
    writeFileSync(file, bytes);
    const after = await verifySegmentFile(root, s, pub);
    expect(after).toMatchObject({ ok: false, signatureValid: true, fileMatches: false });
    expect(after.changedFragments).toEqual([1]);
    expect(await verifySegmentFile(root, { ...s, end_ms: s.end_ms + 1 }, pub)).toMatchObject({
      signatureValid: false,
    });
  });

  it('detects any changed byte of a v2 segment: init, fragment boundary, tail', async () => {
    const { db, root, key, recorder } = await rig();
    feed(recorder, [
      { type: 'started', info: h264.info, atMs: T0 },
      ...clipEvents(h264, 50, { wall0: T0 }),
    ]);
    await recorder.stop();
    const [s] = await segments(db);
    if (!s) throw new Error('no segment');
    expect(s.sha256).toBeNull();
    const pub = publicKeyFromPem(key.publicKeyPem);
    const file = path.join(root, s.path);
    const original = readFileSync(file);
    const table = decodeFragmentTable(s.fragments);
    const second = table[1];
    if (!second) throw new Error('one fragment only');
    const flipped = (at: number): Buffer => {
      const b = Buffer.from(original);
      b[at] = (b[at] ?? 0) ^ 0x01;
      return b;
    };
    const cases: [string, Buffer, number[]][] = [
      ['a byte of the init segment (ftyp)', flipped(9), []],
      ['the first byte of a fragment', flipped(second.byteOffset), [1]],
      ['the last byte of the file', flipped(original.length - 1), [table.length - 1]],
      ['a byte appended', Buffer.concat([original, Buffer.from([0])]), []],
      ['the last byte cut', original.subarray(0, original.length - 1), [table.length - 1]],
    ];
    for (const [what, bytes, changed] of cases) {
      writeFileSync(file, bytes);
      const r = await verifySegmentFile(root, s, pub);
      expect({ what, ...r }).toMatchObject({
        what,
        ok: false,
        signatureValid: true,
        fileMatches: false,
        changedFragments: changed,
      });
    }
    writeFileSync(file, original);
    expect((await verifySegmentFile(root, s, pub)).ok).toBe(true);
  });

  it('still verifies a v1 segment (whole-file sha256 in its row and statement)', async () => {
    const { db, root, key, recorder } = await rig();
    feed(recorder, [
      { type: 'started', info: h264.info, atMs: T0 },
      ...clipEvents(h264, 50, { wall0: T0 }),
    ]);
    await recorder.stop();
    const [v2] = await segments(db);
    const statement = v2 && statementOfRow(v2);
    if (!v2 || !statement) throw new Error('no segment');
    // The row as the recorder completed it before statement v2: file digest, v1 signature.
    const file = path.join(root, v2.path);
    const original = readFileSync(file);
    const sha256 = createHash('sha256').update(original).digest('hex');
    const v1Statement = { ...statement, sha256 };
    const v1 = { ...v2, sha256, signature: signStatement(key, v1Statement) };
    expect(statementOfRow(v1)).toEqual(v1Statement);
    expect(new TextDecoder().decode(statementBytes(v1Statement))).toMatch(
      /^vedetta-segment-statement\/1\n/,
    );
    const pub = publicKeyFromPem(key.publicKeyPem);
    expect(await verifySegmentFile(root, v1, pub)).toEqual({
      ok: true,
      signatureValid: true,
      fileMatches: true,
      changedFragments: [],
      problems: [],
    });
    // Its v1 signature does not pass for the v2 statement, nor the v2 one for v1.
    expect(await verifySegmentFile(root, { ...v1, signature: v2.signature }, pub)).toMatchObject({
      signatureValid: false,
    });
    expect(await verifySegmentFile(root, { ...v2, signature: v1.signature }, pub)).toMatchObject({
      signatureValid: false,
    });
    // The whole-file digest is checked too: a row whose file digest is wrong does not match.
    const wrong = { ...v1Statement, sha256: 'e'.repeat(64) };
    expect(
      await verifySegmentFile(
        root,
        { ...v1, sha256: wrong.sha256, signature: signStatement(key, wrong) },
        pub,
      ),
    ).toMatchObject({ ok: false, signatureValid: true, fileMatches: false, changedFragments: [] });
    // And a changed byte of a fragment is found and pinpointed, as for v2.
    const second = decodeFragmentTable(v1.fragments)[1];
    if (!second) throw new Error('one fragment only');
    const bytes = Buffer.from(original);
    const at = second.byteOffset + 100;
    bytes[at] = (bytes[at] ?? 0) ^ 0x01;
    writeFileSync(file, bytes);
    expect(await verifySegmentFile(root, v1, pub)).toMatchObject({
      ok: false,
      signatureValid: true,
      fileMatches: false,
      changedFragments: [1],
    });
  });

  it('records a gap with the stop cause and closes it when video returns', async () => {
    const { db, recorder } = await rig();
    feed(recorder, [
      { type: 'started', info: h264.info, atMs: T0 },
      ...clipEvents(h264, 40, { wall0: T0 }),
      { type: 'stopped', cause: 'stall', atMs: T0 + 6_000, message: 'no media for 5 s' },
    ]);
    expect(recorder.status().openGap).toMatchObject({ cause: 'stall', startMs: T0 + 1600 });
    feed(recorder, [
      { type: 'started', info: h264.info, atMs: T0 + 9_000 },
      ...clipEvents(h264, 30, { wall0: T0 + 9_100 }),
    ]);
    await recorder.stop('restart');
    expect(
      (await gaps(db)).map((g) => [g.cause, g.start_ms - T0, g.end_ms && g.end_ms - T0]),
    ).toEqual([
      ['stall', 1600, 9_100],
      ['restart', 10_300, null],
    ]);
  });

  it('ends the segment cleanly on ENOSPC, records a disk gap and resumes later', async () => {
    const fs = new FaultyFs();
    fs.failAfterWrites = 3;
    const { db, root, clock, recorder } = await rig(fs);
    // Writes: A1, A2, B1 succeed; B2 (sent when frame 100 opens segment C) fails.
    feed(recorder, [
      { type: 'started', info: h264.info, atMs: T0 },
      ...clipEvents(h264, 110, { wall0: T0 }),
    ]);
    await recorder.drain();
    const status = recorder.status();
    expect(status.state).toBe('error');
    expect(status.lastError?.message).toMatch(/disk error: ENOSPC/);
    const rows = await segments(db);
    expect(rows.map((s) => [s.state, s.start_ms - T0, s.end_ms - T0, s.frame_count])).toEqual([
      ['complete', 0, 2000, 50],
      ['complete', 2000, 3000, 25],
    ]);
    for (const s of rows) expect(await ffmpegErrors(path.join(root, s.path))).toBe('');
    expect(await gaps(db)).toMatchObject([{ cause: 'disk', start_ms: T0 + 3000, end_ms: null }]);
    // Frames during the retry pause are not recorded.
    feed(
      recorder,
      clipEvents(h264, 15, { firstIndex: 110, firstPts: 110 * 3600, wall0: T0 + 4400 }),
    );
    expect(recorder.status().state).toBe('error');
    // Space comes back; after the pause recording resumes at the next key frame.
    fs.failAfterWrites = Number.POSITIVE_INFINITY;
    clock.advance(10_000);
    feed(
      recorder,
      clipEvents(h264, 60, { firstIndex: 125, firstPts: 125 * 3600, wall0: T0 + 5000 }),
    );
    expect(recorder.status().state).toBe('recording');
    await recorder.stop();
    const after = await segments(db);
    expect(after.map((s) => s.start_ms - T0)).toEqual([0, 2000, 5000, 7000]);
    expect((await gaps(db))[0]).toMatchObject({ cause: 'disk', end_ms: T0 + 5000 });
  });

  it('writes every frame as it came while fragments wait for a slow disk (no sample memory reused early)', async () => {
    const fs = new FaultyFs();
    let release: () => void = () => undefined;
    fs.hold = new Promise<void>((r) => (release = r));
    const { db, root, recorder } = await rig(fs);
    const events: StreamEvent[] = [
      { type: 'started', info: h264.info, atMs: T0 },
      ...clipEvents(h264, 130, { wall0: T0 }),
    ];
    feed(recorder, events);
    // Nothing reached the disk yet: every fragment so far waits while the segmenter goes on
    // filling sample buffers.
    const waiting = recorder.status().queuedBytes;
    fs.hold = undefined;
    release();
    await recorder.stop();
    const sent = events.flatMap((e) => (e.type === 'frame' ? [toAvcc(e.frame.nalus)] : []));
    const written: Uint8Array[] = [];
    let fragments = 0;
    for (const row of await segments(db)) {
      const file = readFileSync(path.join(root, row.path));
      for (const f of scanFragments(file).fragments) {
        fragments++;
        for (const s of readFragmentSamples(file, f)) {
          written.push(file.subarray(s.offset, s.offset + s.size));
        }
      }
    }
    expect(fragments).toBeGreaterThanOrEqual(5);
    expect(waiting).toBeGreaterThan(0);
    expect(written).toHaveLength(sent.length);
    const differing = written.findIndex(
      (w, i) => !Buffer.from(w).equals(sent[i] ?? new Uint8Array()),
    );
    expect(differing).toBe(-1);
  });

  it('refuses to grow memory when the disk cannot keep up', async () => {
    const fs = new FaultyFs();
    let release: () => void = () => undefined;
    fs.hold = new Promise<void>((r) => (release = r));
    const { db, clock, recorder } = await rig(fs, 64 * 1024);
    feed(recorder, [
      { type: 'started', info: h264.info, atMs: T0 },
      ...clipEvents(h264, 100, { wall0: T0 }),
    ]);
    const status = recorder.status();
    expect(status.state).toBe('error');
    expect(status.queuedBytes).toBeLessThanOrEqual(64 * 1024);
    expect(status.lastError?.message).toMatch(/disk too slow/);
    fs.hold = undefined;
    release();
    await recorder.drain();
    clock.advance(10_000);
    feed(
      recorder,
      clipEvents(h264, 30, { firstIndex: 100, firstPts: 100 * 3600, wall0: T0 + 4000 }),
    );
    await recorder.stop();
    const g = await gaps(db);
    expect(g[0]).toMatchObject({ cause: 'disk', end_ms: T0 + 4000 });
    expect(g[0]?.message).toMatch(/disk too slow/);
    const rows = await segments(db);
    expect(rows.every((s) => s.state === 'complete')).toBe(true);
    expect(rows.at(-1)?.start_ms).toBe(T0 + 4000);
  });
});
