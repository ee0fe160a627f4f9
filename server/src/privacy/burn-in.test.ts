/**
 * Burn-in on a real clip: ffmpeg makes a white H.264 clip, `burnInMasks` re-encodes it with two
 * masks, and a decoded frame is checked pixel by pixel: black inside the masks, white outside.
 * (The export module calls the same function; this test exercises it on a generated clip.)
 */
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ffmpegPath } from '../app/ffmpeg.ts';
import { burnInMasks, burnInMasksImage } from './burn-in.ts';
import { pointInPolygon, type Polygon } from './polygon.ts';

const run = promisify(execFile);
const W = 160;
const H = 96;

async function grayFrame(file: string, index: number): Promise<Buffer> {
  const { stdout } = await run(
    ffmpegPath(),
    [
      '-hide_banner',
      '-loglevel',
      'error',
      '-i',
      file,
      '-vf',
      `select=eq(n\\,${index})`,
      '-frames:v',
      '1',
      '-f',
      'rawvideo',
      '-pix_fmt',
      'gray',
      '-',
    ],
    { encoding: 'buffer', maxBuffer: 16 * 1024 * 1024 },
  );
  return stdout;
}

describe('burnInMasks', () => {
  it('paints the masks into every frame of an exported clip', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'vedetta-'));
    const input = path.join(dir, 'clip.mp4');
    const output = path.join(dir, 'masked.mp4');
    await run(ffmpegPath(), [
      '-hide_banner',
      '-loglevel',
      'error',
      '-y',
      '-f',
      'lavfi',
      '-i',
      `color=c=white:s=${W}x${H}:r=10:d=1`,
      '-c:v',
      'libx264',
      '-pix_fmt',
      'yuv420p',
      input,
    ]);
    const window: Polygon = [
      [0.1, 0.1],
      [0.45, 0.1],
      [0.45, 0.6],
      [0.1, 0.6],
    ];
    const door: Polygon = [
      [0.6, 0.9],
      [0.75, 0.3],
      [0.9, 0.9],
    ];
    await burnInMasks({
      inputPath: input,
      outputPath: output,
      polygons: [window, door],
      width: W,
      height: H,
    });

    for (const index of [0, 9]) {
      const frame = await grayFrame(output, index);
      expect(frame.length).toBe(W * H);
      let masked = 0;
      let clear = 0;
      for (let y = 0; y < H; y++) {
        for (let x = 0; x < W; x++) {
          // Pixels whose 5x5 neighbourhood is all on one side (codec blur stays at the edges).
          const side = (dx: number, dy: number) => {
            const nx = (x + 0.5 + dx) / W;
            const ny = (y + 0.5 + dy) / H;
            return pointInPolygon(nx, ny, window) || pointInPolygon(nx, ny, door);
          };
          const here = side(0, 0);
          if (
            [-2, 2].some((d) => side(d, 0) !== here || side(0, d) !== here || side(d, d) !== here)
          )
            continue;
          const v = frame[y * W + x] ?? -1;
          if (here) {
            expect(v, `masked pixel ${x},${y} of frame ${index}`).toBeLessThan(24);
            masked++;
          } else {
            expect(v, `clear pixel ${x},${y} of frame ${index}`).toBeGreaterThan(230);
            clear++;
          }
        }
      }
      expect(masked).toBeGreaterThan(1000);
      expect(clear).toBeGreaterThan(5000);
    }
  });

  it('masks a still image (PNG and JPEG)', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'vedetta-'));
    const poly: Polygon = [
      [0, 0],
      [0.5, 0],
      [0.5, 1],
      [0, 1],
    ];
    for (const format of ['png', 'jpeg'] as const) {
      const src = path.join(dir, `white.${format === 'png' ? 'png' : 'jpg'}`);
      await run(ffmpegPath(), [
        '-hide_banner',
        '-loglevel',
        'error',
        '-y',
        '-f',
        'lavfi',
        '-i',
        `color=c=white:s=${W}x${H}`,
        '-frames:v',
        '1',
        src,
      ]);
      const masked = await burnInMasksImage({
        image: await readFile(src),
        format,
        polygons: [poly],
        width: W,
        height: H,
      });
      const out = path.join(dir, `masked.${format === 'png' ? 'png' : 'jpg'}`);
      await writeFile(out, masked);
      const frame = await grayFrame(out, 0);
      expect(frame[Math.floor(H / 2) * W + 10], `${format} left half`).toBeLessThan(24);
      expect(frame[Math.floor(H / 2) * W + W - 10], `${format} right half`).toBeGreaterThan(230);
    }
  });
});
