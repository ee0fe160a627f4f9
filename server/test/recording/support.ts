/**
 * Test support for the recording tests: real encoded video (from the simulator's clip cache) as
 * stream events, ffmpeg/ffprobe checks of recorded files, and a file system whose writes fail or
 * hang on demand (a full or slow disk, without filling a real volume).
 */
import type { VedettaDb } from '../../src/compose/schema.ts';
import type { Schema } from '../../src/compose/schema.ts';
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { ffmpegPath, ffprobePath } from '../../src/app/ffmpeg.ts';
import { openDatabase } from '../../src/db/database.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import {
  loadOrCreateInstallationKey,
  type InstallationKey,
} from '../../src/keys/installation-key.ts';
import type { StreamEvent, StreamInfo } from '../../src/ingest/types.ts';
import { groupAccessUnits, splitAnnexB } from '../../src/media/bits/index.ts';
import { codecInfo } from '../../src/media/mp4/index.ts';
import type { CodecParams, VideoCodec } from '../../src/media/types.ts';
import {
  nodeRecordingFs,
  type RecordingFs,
  type SegmentFileHandle,
} from '../../src/recording/recording-fs.ts';
import { MediaCache } from '../../src/sim/media-cache.ts';
import { normaliseClip } from '../../src/sim/clip-spec.ts';

const run = promisify(execFile);

/**
 * A fresh folder with a migrated SQLite database (added to `dbs`, for the caller to destroy), a
 * storage root in it and an installation key: what a recorder writes with.
 */
export async function recordingStore(
  dbs: VedettaDb[],
): Promise<{ db: VedettaDb; root: string; key: InstallationKey }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'vedetta-'));
  const db = await openDatabase<Schema>({ kind: 'sqlite', path: path.join(dir, 'db.sqlite') });
  dbs.push(db);
  await migrateToLatest(db);
  const key = loadOrCreateInstallationKey(path.join(dir, 'keys'));
  return { db, root: path.join(dir, 'rec'), key };
}

/** A small encoded clip as pictures, with its stream info. */
export interface ClipFrames {
  info: StreamInfo;
  frames: { nalus: Uint8Array[]; isKey: boolean }[];
  fps: number;
}

/** Loads (encoding on first use) a small clip: 320x240, 25 fps, 1 s GOP, 4 s loop. */
export async function loadClip(codec: VideoCodec): Promise<ClipFrames> {
  const spec = normaliseClip({
    codec,
    width: 320,
    height: 240,
    fps: 25,
    gopSeconds: 1,
    loopSeconds: 4,
    label: 'rec-test',
  });
  const file = await new MediaCache().ensure(spec);
  const nalus = splitAnnexB(await readFile(file));
  const pictures = groupAccessUnits(nalus, codec);
  const type = (n: Uint8Array): number =>
    codec === 'h264' ? (n[0] ?? 0) & 0x1f : ((n[0] ?? 0) >> 1) & 0x3f;
  const find = (t: number): Uint8Array => {
    const n = nalus.find((x) => type(x) === t);
    if (!n) throw new Error(`clip has no NAL unit of type ${t}`);
    return n;
  };
  const params: CodecParams =
    codec === 'h264'
      ? { codec, sps: find(7), pps: find(8) }
      : { codec, vps: find(32), sps: find(33), pps: find(34) };
  const ci = codecInfo(params);
  return {
    info: { params, width: ci.width, height: ci.height, codecString: ci.codecString },
    frames: pictures.map((p) => ({ nalus: p.nalus, isKey: p.isKey })),
    fps: spec.fps,
  };
}

/** `count` frame events looping over the clip, from pts `firstPts` and wall `wall0`. */
export function clipEvents(
  clip: ClipFrames,
  count: number,
  opts: { firstIndex?: number; wall0: number; firstPts?: number },
): StreamEvent[] {
  const step = 90_000 / clip.fps;
  const out: StreamEvent[] = [];
  for (let i = 0; i < count; i++) {
    const k = (opts.firstIndex ?? 0) + i;
    const pic = clip.frames[k % clip.frames.length];
    if (!pic) throw new Error('empty clip');
    const pts90k = (opts.firstPts ?? 0) + i * step;
    out.push({
      type: 'frame',
      frame: {
        codec: clip.info.params.codec,
        nalus: pic.nalus,
        isKey: pic.isKey,
        rtpTimestamp: pts90k >>> 0,
        pts90k,
        wallMs: opts.wall0 + (i * 1000) / clip.fps,
      },
    });
  }
  return out;
}

/** ffmpeg's complaints about a file (`-v error`, decoding every frame); '' when it is clean. */
export async function ffmpegErrors(file: string): Promise<string> {
  const { stderr } = await run(ffmpegPath(), ['-v', 'error', '-i', file, '-f', 'null', '-'], {
    maxBuffer: 16 * 1024 * 1024,
  });
  return stderr.trim();
}

/** The file's duration as ffprobe reports it, seconds. */
export async function ffprobeDuration(file: string): Promise<number> {
  const { stdout } = await run(ffprobePath(), [
    '-v',
    'error',
    '-show_entries',
    'format=duration',
    '-of',
    'default=nw=1:nk=1',
    file,
  ]);
  return Number(stdout.trim());
}

/** An errno-style error, as node:fs raises. */
export function fsError(code: string, message: string): Error {
  return Object.assign(new Error(`${code}: ${message}`), { code });
}

/**
 * The real file system, except that writes fail with `failWith` once `failAfterWrites` writes
 * have succeeded (a disk filling up), and hang while `hold` is set (a disk that cannot keep up).
 */
export class FaultyFs implements RecordingFs {
  writes = 0;
  failAfterWrites = Number.POSITIVE_INFINITY;
  failWith = 'ENOSPC';
  /** When set, writes wait for it to resolve. */
  hold: Promise<void> | undefined;
  private readonly real = nodeRecordingFs;

  mkdirp(dir: string): Promise<void> {
    return this.real.mkdirp(dir);
  }
  async createExclusive(path: string): Promise<SegmentFileHandle> {
    const h = await this.real.createExclusive(path);
    return {
      write: async (data, position) => {
        if (this.hold) await this.hold;
        if (this.writes >= this.failAfterWrites) {
          // A full disk takes part of the write before refusing the rest.
          const all = Buffer.concat(data);
          await h.write([all.subarray(0, Math.floor(all.length / 2))], position);
          throw fsError(this.failWith, 'no space left on device, write');
        }
        this.writes++;
        await h.write(data, position);
      },
      truncate: (size) => h.truncate(size),
      sync: () => h.sync(),
      close: () => h.close(),
    };
  }
  readFile(path: string): Promise<Uint8Array> {
    return this.real.readFile(path);
  }
  sizeOf(path: string): Promise<number | undefined> {
    return this.real.sizeOf(path);
  }
  truncate(path: string, size: number): Promise<void> {
    return this.real.truncate(path, size);
  }
  unlink(path: string): Promise<void> {
    return this.real.unlink(path);
  }
  list(dir: string): Promise<string[]> {
    return this.real.list(dir);
  }
  freeBytes(path: string): Promise<number> {
    return this.real.freeBytes(path);
  }
}
