/**
 * Snapshots (`.../snapshot.jpg`): one JPEG still per camera — for a dome, per quantised view, so
 * that a still shows where it points — rendered by ffmpeg on first request and kept in memory.
 */
import { spawn } from 'node:child_process';
import { AppError, ffmpegPath } from '../../app/index.ts';
import type { PtzView } from '../ptz-view.ts';
import { viewFilter } from '../ptz-view.ts';

function renderJpeg(filter: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const args = ['-hide_banner', '-nostdin', '-v', 'error', '-f', 'lavfi', '-i', filter];
    args.push('-frames:v', '1', '-c:v', 'mjpeg', '-q:v', '5', '-f', 'image2pipe', 'pipe:1');
    const child = spawn(ffmpegPath(), args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let err = '';
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (s: string) => {
      if (err.length < 2000) err += s;
    });
    child.on('error', (e) => reject(new AppError('internal', `cannot run ffmpeg: ${e.message}`)));
    child.on('close', (code) => {
      if (code === 0) resolve(Buffer.concat(out));
      else reject(new AppError('internal', `ffmpeg failed to render a snapshot: ${err.trim()}`));
    });
  });
}

/** Renders and caches snapshots. */
export class Snapshots {
  private readonly cache = new Map<string, Promise<Buffer>>();

  /** The JPEG of a picture size, for a dome's view when given. */
  jpeg(width: number, height: number, view: PtzView | undefined): Promise<Buffer> {
    const key = `${width}x${height}:${view === undefined ? 'fixed' : `${view.pan},${view.tilt},${view.zoom}`}`;
    let made = this.cache.get(key);
    if (made === undefined) {
      const filter =
        view === undefined
          ? `testsrc2=size=${width}x${height}:rate=1`
          : viewFilter(view, width, height, 1);
      made = renderJpeg(filter);
      made.catch(() => this.cache.delete(key));
      this.cache.set(key, made);
    }
    return made;
  }
}
