/**
 * The two recorders the ingest benchmark compares, behind one interface: Vedetta's recording
 * process (`ingest-recorder.ts`, one process for every camera) and the baseline, one
 * `ffmpeg -rtsp_transport tcp -i URL -c copy -f segment -segment_time 10 -segment_format mp4`
 * process per camera.
 */
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ffmpegPath } from '../src/app/ffmpeg.ts';
import { serverNodeFlags } from '../src/app/node-flags.ts';
import { Child } from './children.ts';

/** The repository root (the benchmark's children run from there). */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** What a recorder is asked to record. */
export interface RecorderTarget {
  /** `rtsp://127.0.0.1:PORT`; camera `id` is at `<rtspBase>/<id>`. */
  rtspBase: string;
  ids: readonly string[];
  /** An empty folder for what it writes. */
  dir: string;
  /** Node's `--cpu-prof` output folder for Vedetta's process, if profiling. */
  profileDir?: string;
  /**
   * Node/V8 options for Vedetta's process; default: the server's own (`serverNodeFlags()`, the
   * flags the `vedetta` command runs with).
   */
  nodeOptions?: readonly string[];
  /** The ffmpeg binary of the baseline (default: `ffmpegPath()`). */
  ffmpegBin?: string;
  /** Vedetta's `IngestOptions.readBatchMs` (default: the ingest's own default). */
  readBatchMs?: number;
}

/** Running recorders of every camera of a target. */
export interface Recorders {
  /** The processes to measure. */
  readonly pids: readonly number[];
  /** Resolves when every camera records (or the wait ran out, with a note). */
  ready(timeoutMs: number): Promise<void>;
  /** Stops cleanly (segments closed), with a deadline; then nothing of it runs. */
  stop(timeoutMs: number): Promise<void>;
  /** Observations for the report (warnings, errors, the index's own counts). */
  readonly notes: string[];
  /** Figures the recorder reported about itself, if any. */
  readonly summary: Record<string, unknown> | undefined;
}

/** `stop` runs once; later calls wait for that run. */
function once(run: (timeoutMs: number) => Promise<void>): (timeoutMs: number) => Promise<void> {
  let running: Promise<void> | undefined;
  return (timeoutMs) => (running ??= run(timeoutMs));
}

/** Starts Vedetta's recording process for the target. */
export function startVedetta(t: RecorderTarget): Recorders {
  const nodeFlags = [
    ...(t.nodeOptions ?? serverNodeFlags()),
    ...(t.profileDir === undefined ? [] : ['--cpu-prof', '--cpu-prof-dir', t.profileDir]),
  ];
  const child = new Child(
    'vedetta recorder',
    process.execPath,
    [
      ...nodeFlags,
      'server/bin/run-ts.mjs',
      'server/bench/ingest-recorder.ts',
      '--data',
      t.dir,
      '--url',
      t.rtspBase,
      '--ids',
      t.ids.join(','),
      ...(t.readBatchMs === undefined ? [] : ['--read-batch-ms', String(t.readBatchMs)]),
    ],
    { cwd: REPO_ROOT },
  );
  const notes: string[] = [];
  return {
    pids: [child.pid],
    notes,
    get summary() {
      return child.received('summary')?.['summary'] as Record<string, unknown> | undefined;
    },
    async ready(timeoutMs) {
      const msg = await child.message('ready', timeoutMs);
      const r = msg['ready'] as { cameras: number; online: number };
      if (r.online < r.cameras) notes.push(`only ${r.online}/${r.cameras} cameras online at start`);
    },
    stop: once(async (timeoutMs) => {
      const code = await child.stop('SIGTERM', timeoutMs);
      if (code !== 0) notes.push(`recorder exit code ${String(code)}: ${child.tailText()}`);
      if (child.otherLines > 0) {
        notes.push(
          `recorder logged ${child.otherLines} warning/error lines, last: ${child.tail.at(-1) ?? ''}`,
        );
      }
    }),
  };
}

/** Starts one ffmpeg per camera, each writing `<dir>/<id>/OUT%03d.mp4`. */
export function startFfmpegs(t: RecorderTarget): Recorders {
  const bin = t.ffmpegBin ?? ffmpegPath();
  const children = t.ids.map((id) => {
    const out = join(t.dir, id);
    mkdirSync(out, { recursive: true });
    const args = ['-nostdin', '-hide_banner', '-loglevel', 'error'];
    args.push('-rtsp_transport', 'tcp', '-i', `${t.rtspBase}/${id}`, '-c', 'copy');
    args.push('-f', 'segment', '-segment_time', '10', '-segment_format', 'mp4');
    args.push(join(out, 'OUT%03d.mp4'));
    return {
      out,
      child: new Child(`ffmpeg ${id}`, bin, args, { stdio: ['ignore', 'pipe', 'pipe'] }),
    };
  });
  const notes: string[] = [];
  return {
    pids: children.map((c) => c.child.pid),
    notes,
    summary: undefined,
    async ready(timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      const writing = (): number =>
        children.filter((c) => c.child.done || readdirSync(c.out).length > 0).length;
      while (writing() < children.length && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      const n = writing();
      if (n < children.length)
        notes.push(`only ${n}/${children.length} ffmpeg processes writing at start`);
      const dead = children.filter((c) => c.child.done);
      if (dead.length > 0)
        notes.push(`${dead.length} ffmpeg exited early: ${dead[0]?.child.tailText() ?? ''}`);
    },
    stop: once(async (timeoutMs) => {
      const codes = await Promise.all(children.map((c) => c.child.stop('SIGINT', timeoutMs)));
      const bad = codes.filter((c) => c !== 0 && c !== 255).length;
      if (bad > 0) notes.push(`${bad} ffmpeg processes did not exit cleanly`);
      const noisy = children.filter((c) => c.child.otherLines > 0);
      if (noisy.length > 0) {
        notes.push(
          `${noisy.length} ffmpeg processes printed errors, e.g.: ${noisy[0]?.child.tail.at(-1) ?? ''}`,
        );
      }
    }),
  };
}
