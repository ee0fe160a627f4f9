/**
 * Generates simulated camera clips with ffmpeg on first use and keeps them in a cache folder,
 * keyed by their parameters, so that tests, the demo and benchmarks encode each clip once.
 * Files appear atomically (written under a temporary name, then renamed), so that several
 * processes sharing the folder never read a half-written clip. Encodes run one at a time: the
 * machine is small and ffmpeg already uses every core.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { AppError, ffmpegPath, silentLogger } from '../app/index.ts';
import type { Logger } from '../app/index.ts';
import type { ClipSpec } from './clip-spec.ts';
import { clipKey } from './clip-spec.ts';
import type { ClipFonts } from './ffmpeg-args.ts';
import { clipArgs } from './ffmpeg-args.ts';

const FONT_DIR = '/usr/share/fonts/truetype/dejavu';

/** The default cache folder: `<tmp>/vedetta-sim-cache`. */
export function defaultCacheDir(): string {
  return path.join(os.tmpdir(), 'vedetta-sim-cache');
}

/** The DejaVu fonts when installed, else undefined (clips then carry no text). */
export function findFonts(dir = FONT_DIR): ClipFonts | undefined {
  const sans = path.join(dir, 'DejaVuSans.ttf');
  const mono = path.join(dir, 'DejaVuSansMono.ttf');
  if (!existsSync(sans)) return undefined;
  return { sans, mono: existsSync(mono) ? mono : sans };
}

/** Options of a media cache. */
export interface MediaCacheOptions {
  /** Cache folder; `defaultCacheDir()` when omitted. */
  dir?: string;
  logger?: Logger;
  /** Fonts for burned-in text; found under /usr/share/fonts when omitted, `null` for none. */
  fonts?: ClipFonts | null;
  /** Longest time one encode may take; 10 minutes by default. */
  encodeTimeoutMs?: number;
}

function runFfmpeg(args: string[], timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(ffmpegPath(), args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      if (stderr.length < 4000) stderr += chunk;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(new AppError('internal', `cannot run ffmpeg: ${err.message}`, undefined, err));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else {
        const why = signal !== null ? `killed by ${signal}` : `exit code ${String(code)}`;
        reject(
          new AppError('internal', `ffmpeg failed to encode a clip (${why}): ${stderr.trim()}`),
        );
      }
    });
  });
}

/** A folder of generated clips, each made once. */
export class MediaCache {
  readonly dir: string;
  private readonly logger: Logger;
  private readonly fonts: ClipFonts | undefined;
  private readonly encodeTimeoutMs: number;
  private readonly pending = new Map<string, Promise<string>>();
  private queue: Promise<unknown> = Promise.resolve();
  private warnedNoFont = false;

  constructor(opts: MediaCacheOptions = {}) {
    this.dir = opts.dir ?? defaultCacheDir();
    this.logger = opts.logger ?? silentLogger();
    this.fonts = opts.fonts === null ? undefined : (opts.fonts ?? findFonts());
    this.encodeTimeoutMs = opts.encodeTimeoutMs ?? 600_000;
  }

  /** The path the clip has (or will have) in the cache. */
  pathOf(spec: ClipSpec): string {
    const ext = spec.codec === 'h264' ? 'h264' : 'h265';
    const textVariant = this.fonts === undefined ? '-notext' : '';
    return path.join(this.dir, `${clipKey(spec)}${textVariant}.${ext}`);
  }

  /** The path of the clip's Annex B file, encoding it first if it is not cached yet. */
  ensure(spec: ClipSpec): Promise<string> {
    const file = this.pathOf(spec);
    const known = this.pending.get(file);
    if (known !== undefined) return known;
    const made = existsSync(file) ? Promise.resolve(file) : this.enqueue(spec, file);
    this.pending.set(file, made);
    made.catch(() => this.pending.delete(file));
    return made;
  }

  private enqueue(spec: ClipSpec, file: string): Promise<string> {
    const run = this.queue.then(() => this.encode(spec, file));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async encode(spec: ClipSpec, file: string): Promise<string> {
    if (existsSync(file)) return file;
    await mkdir(this.dir, { recursive: true });
    if (this.fonts === undefined && !this.warnedNoFont) {
      this.warnedNoFont = true;
      this.logger.warn(
        { fontDir: FONT_DIR },
        'no DejaVu font found: simulated clips show the testsrc pattern and its frame counter, without name or clock',
      );
    }
    const unique = `${process.pid}-${Math.random().toString(36).slice(2)}`;
    const tmpFile = `${file}.${unique}.tmp`;
    const labelFile = `${file}.${unique}.label.txt`;
    await writeFile(labelFile, spec.label, 'utf8');
    const started = Date.now();
    this.logger.info({ clip: path.basename(file), ...spec }, 'encoding simulated camera clip');
    try {
      await runFfmpeg(clipArgs(spec, this.fonts, labelFile, tmpFile), this.encodeTimeoutMs);
      await rename(tmpFile, file);
    } finally {
      await rm(tmpFile, { force: true });
      await rm(labelFile, { force: true });
    }
    this.logger.info(
      { clip: path.basename(file), ms: Date.now() - started },
      'simulated camera clip ready',
    );
    return file;
  }
}
