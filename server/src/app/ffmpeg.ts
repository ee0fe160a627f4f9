/**
 * Where the ffmpeg and ffprobe binaries are. The system's binaries win when they are on the PATH;
 * otherwise the static builds shipped by `@ffmpeg-installer/ffmpeg` and `@ffprobe-installer/ffprobe`.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

/** The first executable called `name` on the PATH, or undefined. */
function onPath(name: string): string | undefined {
  const dirs = (process.env['PATH'] ?? '').split(path.delimiter).filter((d) => d !== '');
  for (const dir of dirs) {
    const candidate = path.join(dir, name);
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}

/** The `path` property of an installer package's export. */
function installerPath(pkg: string): string {
  const mod: unknown = require(pkg);
  if (typeof mod === 'object' && mod !== null && 'path' in mod && typeof mod.path === 'string') {
    return mod.path;
  }
  throw new Error(`${pkg} did not report a binary path`);
}

/** Absolute path (or PATH name) of the ffmpeg binary to run. */
export function ffmpegPath(): string {
  return onPath('ffmpeg') ?? bundledFfmpegPath();
}

/** The static ffmpeg build shipped by `@ffmpeg-installer/ffmpeg`, whatever the PATH holds. */
export function bundledFfmpegPath(): string {
  return installerPath('@ffmpeg-installer/ffmpeg');
}

/** Absolute path (or PATH name) of the ffprobe binary to run. */
export function ffprobePath(): string {
  return onPath('ffprobe') ?? installerPath('@ffprobe-installer/ffprobe');
}
