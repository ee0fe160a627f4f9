/**
 * Evidence export benchmark (`npm run bench:export`): one hour of one 4 Mbit/s camera (about
 * 1.8 GB) recorded through the real recorder without waiting for real time, then exported as an
 * evidence package (progressive MP4 copied from the recorded fragments, provenance, signed
 * manifest, zip), with the time of a plain `cp` of the same segment files printed beside it as
 * the physical reference; then the offline verification of the package.
 * Options: `--minutes N` (default 60), `--kbps N` (default 4000), `--data DIR` (default a
 * temporary folder, removed afterwards), `--no-verify`, `--read-kib N` (bytes per read of the
 * recorded files, KiB; default the writer's).
 * Target: export under 5 s on the reference machine.
 */
import type { Schema } from '../src/compose/schema.ts';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { ffmpegPath } from '../src/app/ffmpeg.ts';
import { openDatabase } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { writePackage } from '../src/export/package-writer.ts';
import { verifyPackage } from '../src/export/verify/verify-package.ts';
import { loadOrCreateInstallationKey } from '../src/keys/installation-key.ts';
import { RecordedFiles } from '../src/recording/recorded-files.ts';
import { recordSynthetic } from '../src/playback/synthetic-recording.ts';
import { clipPictures } from '../src/sim/clip-pictures.ts';

const run = promisify(execFile);
const { values } = parseArgs({
  options: {
    minutes: { type: 'string', default: '60' },
    kbps: { type: 'string', default: '4000' },
    data: { type: 'string' },
    'no-verify': { type: 'boolean', default: false },
    'read-kib': { type: 'string' },
  },
});
const minutes = Number(values.minutes);
const kbps = Number(values.kbps);
const dir = values.data ?? mkdtempSync(join(tmpdir(), 'vedetta-bench-export-'));
const T0 = Date.UTC(2026, 2, 1, 10, 0, 0);
const mb = (n: number): string => `${(n / 1e6).toFixed(0)} MB`;
const secs = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;

/** A 1080p, 25 fps, 2 s GOP, 10 s clip encoded at a constant `kbps` (filler data pads it). */
async function encodeClip(): Promise<Uint8Array> {
  const file = join(dir, `clip-${kbps}.h264`);
  await run(ffmpegPath(), [
    '-v',
    'error',
    '-y',
    '-f',
    'lavfi',
    '-i',
    'testsrc2=size=1920x1080:rate=25',
    '-t',
    '10',
    '-c:v',
    'libx264',
    '-preset',
    'ultrafast',
    '-pix_fmt',
    'yuv420p',
    '-g',
    '50',
    '-keyint_min',
    '50',
    '-sc_threshold',
    '0',
    '-bf',
    '0',
    '-b:v',
    `${kbps}k`,
    '-minrate',
    `${kbps}k`,
    '-maxrate',
    `${kbps}k`,
    '-bufsize',
    `${kbps}k`,
    '-x264-params',
    'nal-hrd=cbr:repeat-headers=1',
    '-f',
    'h264',
    file,
  ]);
  return new Uint8Array(readFileSync(file));
}

async function main(): Promise<void> {
  console.log(
    `export benchmark: ${minutes} min of one ${kbps} kbit/s camera, ${cpus().length} CPU(s), data in ${dir}`,
  );
  const load = (): string =>
    loadavg()
      .map((l) => l.toFixed(2))
      .join(' ');
  const db = await openDatabase<Schema>({ kind: 'sqlite', path: join(dir, 'vedetta.sqlite') });
  await migrateToLatest(db);
  const key = loadOrCreateInstallationKey(join(dir, 'keys'));
  const storageRoot = join(dir, 'recordings');
  const clip = clipPictures('h264', await encodeClip());
  let t = performance.now();
  await recordSynthetic({
    db,
    storageRoot,
    key,
    cameraId: 'cam-001',
    clip: { params: clip.params, pictures: clip.pictures, fps: 25 },
    fromMs: T0,
    toMs: T0 + minutes * 60_000,
  });
  const recorded = await db
    .selectFrom('segments')
    .select((eb) => [eb.fn.sum<number>('size_bytes').as('bytes'), eb.fn.countAll<number>().as('n')])
    .executeTakeFirstOrThrow();
  console.log(
    `recorded (setup, not measured): ${mb(Number(recorded.bytes))} in ${recorded.n} segments, ${secs(performance.now() - t)}`,
  );

  // Each measure starts with nothing left to write back: the recording just made (and the copy
  // just removed) would otherwise be flushed by the kernel during the measure.
  await run('sync');
  console.log(`load average before the measures: ${load()}`);
  t = performance.now();
  await run('cp', ['-r', storageRoot, join(dir, 'cp-copy')]);
  const cpMs = performance.now() - t;
  rmSync(join(dir, 'cp-copy'), { recursive: true, force: true });
  await run('sync');

  const zip = join(dir, 'package.zip');
  const cpu0 = process.cpuUsage();
  t = performance.now();
  const result = await writePackage(
    { recordingDb: db, files: new RecordedFiles(storageRoot), key },
    {
      exportId: 'bench',
      createdMs: Date.now(),
      timeZone: 'Europe/Rome',
      cameras: [{ id: 'cam-001', name: 'bench' }],
      fromMs: T0,
      toMs: T0 + minutes * 60_000,
      exporter: {
        userId: 'u',
        username: 'bench',
        displayName: 'Bench',
        agencyId: 'pm',
        agencyName: 'PM',
      },
      reason: 'benchmark',
      caseReference: 'BENCH',
      recipient: 'nobody',
    },
    zip,
    { readBytes: values['read-kib'] === undefined ? undefined : Number(values['read-kib']) * 1024 },
  );
  const exportMs = performance.now() - t;
  const cpu = process.cpuUsage(cpu0);
  console.log(`plain cp of the segment files:   ${secs(cpMs)}  (${mb(Number(recorded.bytes))})`);
  console.log(
    `export as evidence package:      ${secs(exportMs)}  (${mb(result.sizeBytes)}, ${result.frames['cam-001']} frames; target < 5 s)  ${exportMs < 5000 ? 'OK' : 'OVER TARGET'}`,
  );
  console.log(
    `  ratio to cp: ${(exportMs / cpMs).toFixed(2)}x; throughput ${(result.sizeBytes / 1e6 / (exportMs / 1000)).toFixed(0)} MB/s`,
  );
  const ph = result.phasesMs;
  console.log(
    `  prepare ${secs(ph.prepare)}, video copy + hashes ${secs(ph.video)}, other files + signature + fsync ${secs(ph.finish)}; load average after: ${load()}`,
  );
  console.log(
    `  CPU used by the export (all threads): user ${secs(cpu.user / 1000)}, system ${secs(cpu.system / 1000)}`,
  );
  if (!values['no-verify']) {
    t = performance.now();
    const report = await verifyPackage(zip, { publicKeyPem: key.publicKeyPem });
    console.log(
      `offline verification:            ${secs(performance.now() - t)}  (${report.ok ? 'verified' : `FAILED: ${report.problems[0]?.message ?? ''}`})`,
    );
  }
  console.log(`package size on disk: ${mb(statSync(zip).size)}`);
  await db.destroy();
}

try {
  await main();
} finally {
  if (values.data === undefined) rmSync(dir, { recursive: true, force: true });
}
