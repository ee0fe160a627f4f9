/**
 * Ingest benchmark (`npm run bench:ingest`): records N simulated 1080p H.264 cameras (~2 Mbit/s,
 * 25 fps, GOP 2 s) for a fixed window with Vedetta's recording process (ingest + recorder +
 * SQLite index + installation key, `ingest-recorder.ts`), then with one ffmpeg per camera
 * (`-rtsp_transport tcp -c copy -f segment -segment_time 10 -segment_format mp4`), both from the
 * same simulator in a process of its own (its CPU is not counted). Prints CPU (% of one core,
 * from the threads' schedstat), peak PSS and RSS, frames sent vs recorded and bytes written.
 *
 * Options: `--cameras 10,50,200`, `--seconds 30` (window), `--warmup 10`, `--only
 * vedetta|ffmpeg`, `--profile DIR` (node --cpu-prof of Vedetta's process),
 * `--node-options="--flag ..."` (an extra Vedetta run with these Node/V8 options instead of the
 * server's own, those on the first line of `bin/vedetta.mjs`; `--node-options=` runs V8's defaults),
 * `--unbatched` (an extra Vedetta run whose reads are not batched, `readBatchMs: 0`),
 * `--ffmpeg BIN[,BIN]` (the baseline's binaries, each a run of its own; default `ffmpegPath()`:
 * the system's ffmpeg, else the static build of `@ffmpeg-installer/ffmpeg`; `bundled` names the
 * latter).
 * Targets at 200 cameras: no lost frames; CPU at most 1/3 of the baseline (aim 1/5); memory under
 * 1/5 of the baseline's total PSS. Every child process and temporary folder is removed at exit.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { bundledFfmpegPath, ffmpegPath } from '../src/app/ffmpeg.ts';
import { serverNodeFlags } from '../src/app/node-flags.ts';
import { Child, killAllChildren } from './children.ts';
import { runPhase, type PhaseResult } from './ingest-phase.ts';
import { REPO_ROOT, startFfmpegs, startVedetta } from './ingest-recorders.ts';
import { comparison, notesOf, TABLE_HEAD, tableRow } from './ingest-report.ts';
import { loadAverage } from './proc-stats.ts';
import { SimClient } from './sim-client.ts';

const { values } = parseArgs({
  options: {
    cameras: { type: 'string', default: '10,50,200' },
    seconds: { type: 'string', default: '30' },
    warmup: { type: 'string', default: '10' },
    only: { type: 'string' },
    profile: { type: 'string' },
    'node-options': { type: 'string' },
    ffmpeg: { type: 'string' },
    unbatched: { type: 'boolean', default: false },
  },
});

function positive(name: string, text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > 3600) {
    throw new Error(`--${name} must be a whole number from 1 to 3600, got ${JSON.stringify(text)}`);
  }
  return n;
}
const counts = values.cameras.split(',').map((c) => positive('cameras', c.trim()));
const windowMs = positive('seconds', values.seconds) * 1000;
const warmupMs = positive('warmup', values.warmup) * 1000;
if (values.only !== undefined && values.only !== 'vedetta' && values.only !== 'ffmpeg') {
  throw new Error(`--only must be vedetta or ffmpeg, got ${JSON.stringify(values.only)}`);
}
const profileDir = values.profile === undefined ? undefined : resolve(values.profile);
if (profileDir !== undefined) mkdirSync(profileDir, { recursive: true });

const root = mkdtempSync(join(tmpdir(), 'vedetta-bench-ingest-'));
const cleanup = (): void => {
  killAllChildren();
  rmSync(root, { recursive: true, force: true });
};
process.on('exit', cleanup);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.error(`\n${signal}: stopping children, removing ${root}`);
    process.exit(130);
  });
}

const ffmpegBins = (values.ffmpeg ?? ffmpegPath())
  .split(',')
  .map((b) => b.trim())
  .filter((b) => b !== '')
  .map((b) => (b === 'bundled' ? bundledFfmpegPath() : b));
/** `ffmpeg version X` → X, shortened (the static build's version is a long git describe). */
const versionOf = (bin: string): string =>
  (execFileSync(bin, ['-version'], { encoding: 'utf8' }).split('\n')[0] ?? '')
    .replace(/^ffmpeg version (\S+).*$/, '$1')
    .slice(0, 24);
const serverFlags = serverNodeFlags();
const baselines = ffmpegBins.map((bin) => ({ bin, version: versionOf(bin) }));
console.log(
  `ingest benchmark: 1080p H.264 ~2 Mbit/s 25 fps GOP 2 s; cameras ${counts.join(', ')}; ` +
    `window ${windowMs / 1000} s after ${warmupMs / 1000} s warm-up`,
);
console.log(
  `machine: ${cpus()[0]?.model ?? 'cpu'} (${cpus().length} cores), Node ${process.version}, ` +
    `Vedetta's Node flags ${serverFlags.join(' ')}; ` +
    `ffmpeg ${baselines.map((b) => `${b.version} (${b.bin})`).join(', ')}; load average ${loadAverage().join(' ')}`,
);

const sim = new Child(
  'simulator',
  process.execPath,
  ['server/bin/run-ts.mjs', 'server/bench/ingest-sim.ts', '--cameras', String(Math.max(...counts))],
  { cwd: REPO_ROOT },
);
const ready = await sim.message('ports', 20 * 60_000); // the first run encodes the clip
const ports = ready['ports'] as { rtsp: number; control: number };
const allIds = ready['ids'] as string[];
const client = new SimClient(ports.control);
const rtspBase = `rtsp://127.0.0.1:${ports.rtsp}`;

/** Baseline rows are named `ffmpeg x N` (and the version, when more than one binary runs). */
const isBaseline = (r: PhaseResult): boolean => r.who.startsWith('ffmpeg x N');
const nodeOptions = values['node-options']?.split(' ').filter((o) => o !== '');
const results: PhaseResult[] = [];
const who = [
  ...(values.only !== 'ffmpeg' ? [{ name: 'vedetta', start: startVedetta }] : []),
  ...(values.only !== 'ffmpeg' && nodeOptions
    ? [
        {
          name: `vedetta ${nodeOptions.length > 0 ? nodeOptions.join(' ') : '(V8 defaults)'}`,
          start: startVedetta,
          nodeOptions,
        },
      ]
    : []),
  ...(values.only !== 'ffmpeg' && values.unbatched
    ? [{ name: 'vedetta (reads not batched)', start: startVedetta, readBatchMs: 0 }]
    : []),
  ...(values.only !== 'vedetta'
    ? baselines.map((b) => ({
        name: baselines.length > 1 ? `ffmpeg x N ${b.version}` : 'ffmpeg x N',
        start: startFfmpegs,
        ffmpegBin: b.bin,
      }))
    : []),
];
for (const n of counts) {
  for (const [i, w] of who.entries()) {
    const dir = join(root, `run-${n}-${i}`);
    mkdirSync(dir);
    const r = await runPhase(
      w.name,
      w.start,
      {
        rtspBase,
        ids: allIds.slice(0, n),
        dir,
        ...(profileDir ? { profileDir } : {}),
        ...('nodeOptions' in w ? { nodeOptions: w.nodeOptions } : {}),
        ...('ffmpegBin' in w ? { ffmpegBin: w.ffmpegBin } : {}),
        ...('readBatchMs' in w ? { readBatchMs: w.readBatchMs } : {}),
      },
      { sim: client, simPid: sim.pid, warmupMs, windowMs },
    );
    rmSync(dir, { recursive: true, force: true });
    results.push(r);
    console.log(`${tableRow(r)}   (load ${loadAverage().join(' ')})`);
    await new Promise((resolveWait) => setTimeout(resolveWait, 3000));
  }
}
await sim.stop('SIGTERM', 10_000);

console.log(`\nload average at the end: ${loadAverage().join(' ')}\n`);
console.log([...TABLE_HEAD, ...results.map(tableRow)].join('\n'));
console.log('');
for (const n of counts) {
  for (const f of results.filter((r) => r.cameras === n && isBaseline(r))) {
    for (const v of results.filter((r) => r.cameras === n && !isBaseline(r))) {
      console.log(comparison(v, f).join('\n'));
    }
  }
}
const notes = results.flatMap(notesOf);
if (notes.length > 0) console.log(`\nnotes:\n${notes.map((n) => `- ${n}`).join('\n')}`);
if (profileDir !== undefined) console.log(`\nCPU profiles of Vedetta's process in ${profileDir}`);
