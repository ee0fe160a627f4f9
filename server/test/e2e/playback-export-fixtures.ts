/**
 * Shared fixtures of the playback and export tests: a migrated SQLite database in a temp folder,
 * an installation key, and recordings of the camera simulator's clip (clock and frame number
 * burned in) written through the real recorder at chosen wall times, with gaps.
 */
import type { VedettaDb } from '../../src/compose/schema.ts';
import type { Schema } from '../../src/compose/schema.ts';
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { ffmpegPath, ffprobePath } from '../../src/app/ffmpeg.ts';
import { openDatabase } from '../../src/db/database.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import {
  loadOrCreateInstallationKey,
  type InstallationKey,
} from '../../src/keys/installation-key.ts';
import { normaliseClip, type ClipRequest } from '../../src/sim/clip-spec.ts';
import { clipPictures } from '../../src/sim/clip-pictures.ts';
import { MediaCache } from '../../src/sim/media-cache.ts';
import { recordSynthetic, type SyntheticClip } from '../../src/playback/synthetic-recording.ts';
import { RecordedFiles } from '../../src/recording/recorded-files.ts';
import { writePackage, type PackageRequest } from '../../src/export/package-writer.ts';

const run = promisify(execFile);

/** A temp installation: folder, database, storage root, key. */
export interface Installation {
  dir: string;
  db: VedettaDb;
  storageRoot: string;
  key: InstallationKey;
}

/**
 * An export request for cam-001 ("Via Roma") from `t0` + 5 s to `t0` + 75 s, made at `t0` + 10 min
 * by a Polizia Municipale officer, for the package writer's tests.
 */
export function testPackageRequest(exportId: string, t0: number): PackageRequest {
  return {
    exportId,
    createdMs: t0 + 600_000,
    timeZone: 'Europe/Rome',
    cameras: [{ id: 'cam-001', name: 'Via Roma' }],
    fromMs: t0 + 5_000,
    toMs: t0 + 75_000,
    exporter: {
      userId: 'u1',
      username: 'rossi',
      displayName: 'Mario Rossi',
      agencyId: 'pm',
      agencyName: 'Polizia Municipale',
    },
    reason: 'test',
    caseReference: 'RGNR 1/2026',
    recipient: 'Procura',
  };
}

/** Creates a temp installation with a migrated SQLite database. */
export async function tempInstallation(): Promise<Installation> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'vedetta-pbx-'));
  const db = await openDatabase<Schema>({ kind: 'sqlite', path: path.join(dir, 'vedetta.sqlite') });
  await migrateToLatest(db);
  const key = loadOrCreateInstallationKey(path.join(dir, 'keys'));
  return { dir, db, storageRoot: path.join(dir, 'recordings'), key };
}

/**
 * Records 30 s of cam-001 from `t0` into the installation and writes an evidence package of
 * 2 s to 25 s of it as `<dir>/<name>.zip`; returns the package's path.
 */
export async function recordAndExport(
  inst: Installation,
  name: string,
  t0: number,
): Promise<string> {
  await recordSynthetic({
    db: inst.db,
    storageRoot: inst.storageRoot,
    key: inst.key,
    cameraId: 'cam-001',
    clip: await loadTestClip(),
    fromMs: t0,
    toMs: t0 + 30_000,
  });
  const zip = path.join(inst.dir, `${name}.zip`);
  await writePackage(
    { recordingDb: inst.db, files: new RecordedFiles(inst.storageRoot), key: inst.key },
    { ...testPackageRequest(name, t0), fromMs: t0 + 2_000, toMs: t0 + 25_000 },
    zip,
  );
  return zip;
}

/** The clip the tests record: the simulator's, small, 1 s GOP. */
export const TEST_CLIP: ClipRequest = {
  codec: 'h264',
  width: 320,
  height: 180,
  fps: 25,
  gopSeconds: 1,
  loopSeconds: 4,
  label: 'cam-001',
};

/** Loads (encoding on first use, like the simulator) a clip as pictures, and its file. */
export async function loadTestClip(
  req: ClipRequest = TEST_CLIP,
): Promise<SyntheticClip & { file: string }> {
  const spec = normaliseClip(req);
  const file = await new MediaCache().ensure(spec);
  const pictures = clipPictures(spec.codec, new Uint8Array(await readFile(file)));
  return { params: pictures.params, pictures: pictures.pictures, fps: spec.fps, file };
}

/** ffmpeg's stderr when decoding a file completely (empty when the file is clean). */
export async function ffmpegDecodeErrors(file: string): Promise<string> {
  const { stderr } = await run(ffmpegPath(), ['-v', 'error', '-i', file, '-f', 'null', '-']);
  return stderr;
}

/** ffprobe's view of a file: format duration and the streams' codec types and frame counts. */
export async function probe(file: string): Promise<{
  duration: number;
  streams: { codec_type: string; codec_name: string; nb_frames?: string }[];
}> {
  const { stdout } = await run(ffprobePath(), [
    '-v',
    'error',
    '-print_format',
    'json',
    '-show_format',
    '-show_streams',
    file,
  ]);
  const j = JSON.parse(stdout) as {
    format: { duration: string };
    streams: { codec_type: string; codec_name: string; nb_frames?: string }[];
  };
  return { duration: Number(j.format.duration), streams: j.streams };
}

/** Decodes frame `index` (0-based) of a raw Annex B clip file to RGB pixels of the given size. */
export async function clipFrameGray(
  file: string,
  index: number,
  width: number,
  height: number,
): Promise<Buffer> {
  const { stdout } = await run(
    ffmpegPath(),
    [
      '-v',
      'error',
      '-f',
      'h264',
      '-i',
      file,
      '-vf',
      `select=eq(n\\,${index})`,
      '-frames:v',
      '1',
      '-vsync',
      '0',
      '-f',
      'rawvideo',
      '-pix_fmt',
      'rgb24',
      '-s',
      `${width}x${height}`,
      '-',
    ],
    { encoding: 'buffer', maxBuffer: 64 * 1024 * 1024 },
  );
  return stdout;
}

/** Decodes frame `index` of a video file (any container) to RGB pixels. */
export async function fileFrameGray(
  file: string,
  index: number,
  width: number,
  height: number,
): Promise<Buffer> {
  const { stdout } = await run(
    ffmpegPath(),
    [
      '-v',
      'error',
      '-i',
      file,
      '-map',
      '0:v',
      '-vf',
      `select=eq(n\\,${index})`,
      '-frames:v',
      '1',
      '-vsync',
      '0',
      '-f',
      'rawvideo',
      '-pix_fmt',
      'rgb24',
      '-s',
      `${width}x${height}`,
      '-',
    ],
    { encoding: 'buffer', maxBuffer: 64 * 1024 * 1024 },
  );
  return stdout;
}

/** Mean of the RGB bytes in one quadrant (0 top-left, 1 top-right, 2 bottom-left, 3 bottom-right). */
export function quadrantMean(rgb: Buffer, width: number, height: number, q: 0 | 1 | 2 | 3): number {
  const x0 = q % 2 === 0 ? 0 : width / 2;
  const y0 = q < 2 ? 0 : height / 2;
  let sum = 0;
  let n = 0;
  for (let y = y0 + 4; y < y0 + height / 2 - 4; y++) {
    for (let x = x0 + 4; x < x0 + width / 2 - 4; x++) {
      for (let c = 0; c < 3; c++) sum += rgb[(y * width + x) * 3 + c] ?? 0;
      n += 3;
    }
  }
  return sum / n;
}

/** Decodes an image file (JPEG/PNG) to RGB pixels. */
export async function imageGray(file: string, width: number, height: number): Promise<Buffer> {
  const { stdout } = await run(
    ffmpegPath(),
    [
      '-v',
      'error',
      '-i',
      file,
      '-f',
      'rawvideo',
      '-pix_fmt',
      'rgb24',
      '-s',
      `${width}x${height}`,
      '-',
    ],
    { encoding: 'buffer', maxBuffer: 64 * 1024 * 1024 },
  );
  return stdout;
}

/** Mean absolute difference of two equally sized images (0 = identical). */
export function meanAbsDiff(a: Buffer, b: Buffer): number {
  if (a.length !== b.length || a.length === 0) return Infinity;
  let s = 0;
  for (let i = 0; i < a.length; i++) s += Math.abs((a[i] ?? 0) - (b[i] ?? 0));
  return s / a.length;
}
