/**
 * Masked live streams benchmark (`npm run bench:masking`): the CPU of one masked stream (the
 * ffmpeg the masking module runs: decode, mask overlay, libx264 ultrafast/zerolatency encode)
 * at 1080p and 720p (and 360p, a typical sub-stream, which the wall watches), fed in real time (25 fps) from a generated clip (testsrc2, 2 s GOP), with
 * the baselines in the same run: the same ffmpeg re-encoding without the overlay, and a plain
 * copy (`-c:v copy`: what forwarding the camera's own stream through ffmpeg would cost); and,
 * for comparison, the overlay of a full-size mask picture instead of the masks' rectangle. CPU is
 * ffmpeg's on-CPU time (every thread, `/proc/PID/task/TID/schedstat`) over the measured window,
 * in % of one core; the output rate says whether the encoder kept up with real time. The
 * derived figure: masked streams a 2-core server sustains with 20 % of it kept for the rest.
 * Options: `--seconds N` per measure (default 15), `--warmup N` (default 3). Stops by itself.
 */
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { ffmpegPath } from '../src/app/ffmpeg.ts';
import { AnnexBReader } from '../src/live/index.ts';
import { maskImage, maskedEncodeArgs } from '../src/masking/index.ts';
import { toAnnexB } from '../src/media/index.ts';
import { maskImagePam, type Polygon } from '../src/privacy/index.ts';
import { clipPictures, type ClipPictures } from '../src/sim/clip-pictures.ts';
import { cpuNs } from './proc-stats.ts';

const run = promisify(execFile);
const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '15' },
    warmup: { type: 'string', default: '3' },
  },
});
const seconds = Number(values.seconds);
const warmup = Number(values.warmup);
const FPS = 25;
const dir = mkdtempSync(join(tmpdir(), 'vedetta-bench-masking-'));

/** A typical set of masks: two windows and a doorway, about 17 % of the picture. */
const MASKS: Polygon[] = [
  [
    [0.05, 0.1],
    [0.25, 0.1],
    [0.25, 0.4],
    [0.05, 0.4],
  ],
  [
    [0.6, 0.05],
    [0.85, 0.05],
    [0.85, 0.3],
    [0.6, 0.3],
  ],
  [
    [0.4, 0.55],
    [0.5, 0.5],
    [0.55, 0.95],
    [0.42, 0.95],
  ],
];

type Mode = 'masked' | 'masked-full' | 're-encode' | 'copy';

/** The mask pictures of one picture size: the module's rectangle and a full-size one (A/B). */
interface Images {
  rect: { path: string; x: number; y: number };
  full: string;
}

interface Measure {
  /** On-CPU time over wall time, % of one core. */
  cpuPct: number;
  /** Pictures encoded per second (NaN for the copy). */
  outFps: number;
  /**
   * On-CPU time per picture encoded × 25 fps, % of one core: what real time costs, also when a
   * loaded machine kept the encoder from keeping up (then `cpuPct` is what it got, not needed).
   */
  realtimePct: number;
}

/** A 10 s testsrc2 clip at `width`x`height`, 25 fps, 2 s GOP, `kbps`, as a camera sends it. */
async function clip(width: number, height: number, kbps: number): Promise<ClipPictures> {
  const file = join(dir, `clip-${height}.h264`);
  await run(ffmpegPath(), [
    ...['-v', 'error', '-y', '-f', 'lavfi', '-i', `testsrc2=size=${width}x${height}:rate=${FPS}`],
    ...['-t', '10', '-c:v', 'libx264', '-preset', 'veryfast', '-pix_fmt', 'yuv420p'],
    ...['-g', '50', '-keyint_min', '50', '-sc_threshold', '0', '-bf', '0'],
    ...['-b:v', `${kbps}k`, '-maxrate', `${kbps}k`, '-bufsize', `${kbps}k`],
    ...['-x264-params', 'repeat-headers=1', '-f', 'h264', file],
  ]);
  return clipPictures('h264', new Uint8Array(readFileSync(file)));
}

function argsOf(mode: Mode, images: Images): string[] {
  const { rect } = images;
  if (mode === 'masked') {
    return maskedEncodeArgs({ codec: 'h264', imagePath: rect.path, x: rect.x, y: rect.y });
  }
  if (mode === 'masked-full') return maskedEncodeArgs({ codec: 'h264', imagePath: images.full });
  const args = maskedEncodeArgs({ codec: 'h264', imagePath: rect.path, overlay: false });
  if (mode === 're-encode') return args;
  const from = args.indexOf('-map');
  const to = args.indexOf('-x264-params');
  return [...args.slice(0, from), '-map', '0:v', '-c:v', 'copy', ...args.slice(to + 2)];
}

/** Feeds `c` in real time into one ffmpeg of `mode`; its CPU and output rate after warm-up. */
async function measure(mode: Mode, c: ClipPictures, images: Images): Promise<Measure> {
  const proc = spawn(ffmpegPath(), argsOf(mode, images), { stdio: ['pipe', 'pipe', 'pipe'] });
  const pid = proc.pid;
  if (pid === undefined) throw new Error('ffmpeg did not start');
  let stderr = '';
  proc.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-2000)));
  proc.stdin.on('error', () => undefined);
  const reader = new AnnexBReader(64 * 1024 * 1024);
  let out = 0;
  let outBytes = 0;
  proc.stdout.on('data', (d: Buffer) => {
    outBytes += d.length;
    // The copy keeps the camera's own stream (no delimiters): only the re-encodes are counted.
    if (mode !== 'copy') out += reader.push(d).length;
  });
  const t0 = performance.now();
  let k = 0;
  const timer = setInterval(() => {
    const due = Math.floor(((performance.now() - t0) / 1000) * FPS);
    for (; k <= due; k++) {
      const pic = c.pictures[k % c.pictures.length];
      if (pic === undefined) continue;
      const nalus =
        k % c.pictures.length === 0 ? [c.params.sps, c.params.pps, ...pic.nalus] : pic.nalus;
      proc.stdin.write(toAnnexB(nalus));
    }
  }, 1000 / FPS);
  const sleep = (s: number) => new Promise((r) => setTimeout(r, s * 1000));
  await sleep(warmup);
  const cpu0 = cpuNs(pid);
  const out0 = out;
  const bytes0 = outBytes;
  const w0 = performance.now();
  await sleep(seconds);
  const cpu1 = cpuNs(pid);
  const wallNs = (performance.now() - w0) * 1e6;
  const outFps = mode === 'copy' ? NaN : ((out - out0) / wallNs) * 1e9;
  const perPictureNs = (cpu1 - cpu0) / Math.max(1, out - out0);
  clearInterval(timer);
  proc.stdin.end();
  proc.kill('SIGKILL');
  if (outBytes === bytes0) throw new Error(`${mode}: ffmpeg produced nothing: ${stderr}`);
  const cpuPct = ((cpu1 - cpu0) / wallNs) * 100;
  const realtimePct = mode === 'copy' ? cpuPct : ((perPictureNs * FPS) / 1e9) * 100;
  return { cpuPct, outFps, realtimePct };
}

async function main(): Promise<void> {
  const load = (): string =>
    loadavg()
      .map((l) => l.toFixed(2))
      .join(' ');
  console.log(
    `masking benchmark: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, ffmpeg ${ffmpegPath()}, ` +
      `${seconds} s per measure after ${warmup} s, load ${load()}`,
  );
  const rows: string[] = [];
  for (const [w, h, kbps] of [
    [1920, 1080, 4000],
    [1280, 720, 2000],
    [640, 360, 800],
  ] as const) {
    const c = await clip(w, h, kbps);
    const rectImage = maskImage(MASKS, w, h);
    const images: Images = {
      rect: { path: join(dir, `mask-${h}.pam`), x: rectImage.x, y: rectImage.y },
      full: join(dir, `mask-full-${h}.pam`),
    };
    writeFileSync(images.rect.path, rectImage.pam);
    writeFileSync(images.full, maskImagePam(MASKS, w, h));
    const r: Record<Mode, Measure> = {
      copy: await measure('copy', c, images),
      're-encode': await measure('re-encode', c, images),
      masked: await measure('masked', c, images),
      'masked-full': await measure('masked-full', c, images),
    };
    const per = r.masked.realtimePct;
    const streams = Math.floor((2 * 100 * 0.8) / per);
    const fmt = (m: Measure): string =>
      `${m.realtimePct.toFixed(1)} % (measured ${m.cpuPct.toFixed(1)} %, ${m.outFps.toFixed(1)} fps out)`;
    rows.push(
      `${h}p (${kbps} kbit/s in), % of a core at 25 fps: copy ${r.copy.cpuPct.toFixed(1)} %, ` +
        `re-encode ${fmt(r['re-encode'])}, masked ${fmt(r.masked)}, masked with a ` +
        `full-size mask picture ${fmt(r['masked-full'])}; overlay adds ` +
        `${(per - r['re-encode'].realtimePct).toFixed(1)} %; a 2-core server (80 % for masking) ` +
        `sustains ${streams} masked ${h}p streams`,
    );
    console.log(rows[rows.length - 1]);
  }
  console.log(`load average after: ${load()}`);
}

main()
  .catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  })
  .finally(() => rmSync(dir, { recursive: true, force: true }));
