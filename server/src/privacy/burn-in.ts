/**
 * Burning privacy masks into exported video. Exports are otherwise copied without re-encoding;
 * when masks apply, the video stream is re-encoded (H.264) with each mask painted opaque, so the
 * hidden area is gone from the file and no player can show it. The mask is a PAM image of the
 * polygons at the picture's size (`maskImagePam`), overlaid by ffmpeg on every frame.
 *
 * - `prepareMaskBurnIn(polygons, width, height, dir)`: writes the image; returns the ffmpeg input
 *   arguments and the filter graph (video input 0, mask input 1, output label `[masked]`), for a
 *   caller that builds its own ffmpeg command.
 * - `burnInMasks({ inputPath, outputPath, polygons, width, height })`: the whole re-encode.
 * - `burnInMasksImage({ image, format, polygons, width, height })`: the same for a still image.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { AppError, ffmpegPath } from '../app/index.ts';
import type { Polygon } from './polygon.ts';
import { maskImagePam } from './raster.ts';

const run = promisify(execFile);

/** The label of the masked video in the filter graph. */
export const MASKED_LABEL = '[masked]';

/** What ffmpeg needs to burn masks in: extra input arguments and the filter graph. */
export interface MaskBurnIn {
  /** `-loop 1 -i <mask.pam>`: to put right after the video input. */
  inputArgs: string[];
  /** For `-filter_complex`; its output is `[masked]` (map it with `-map [masked]`). */
  filterComplex: string;
  /** The mask image written (delete it, or its folder, when done). */
  imagePath: string;
}

/**
 * The filter graph that paints the mask image (input `maskInput`) over the video (input
 * `videoInput`) on every frame and ends with the video; output label `[masked]` in
 * `pixelFormat` (yuv420p for H.264).
 */
export function ffmpegMaskFilter(videoInput = 0, maskInput = 1, pixelFormat = 'yuv420p'): string {
  return (
    `[${maskInput}:v]format=rgba[vedetta_mask];` +
    `[${videoInput}:v][vedetta_mask]overlay=shortest=1:format=auto,format=${pixelFormat}${MASKED_LABEL}`
  );
}

/** Writes the mask image for `polygons` at `width`x`height` in `dir`; what ffmpeg needs. */
export async function prepareMaskBurnIn(
  polygons: readonly Polygon[],
  width: number,
  height: number,
  dir: string,
  pixelFormat = 'yuv420p',
): Promise<MaskBurnIn> {
  const imagePath = path.join(dir, `mask-${width}x${height}.pam`);
  await writeFile(imagePath, maskImagePam(polygons, width, height));
  return {
    inputArgs: ['-loop', '1', '-i', imagePath],
    filterComplex: ffmpegMaskFilter(0, 1, pixelFormat),
    imagePath,
  };
}

/** What a burn-in needs. */
export interface BurnInOptions {
  /** The clip to mask (any container ffmpeg reads; an export's MP4). */
  inputPath: string;
  /** The MP4 to write (overwritten). */
  outputPath: string;
  /** The masks to burn in, normalised; none: the video is copied as it is. */
  polygons: readonly Polygon[];
  /** The picture size of the video (the segment's `width` and `height`). */
  width: number;
  height: number;
  /** H.264 quality (x264 CRF, default 18: visually lossless outside the masks). */
  crf?: number;
  signal?: AbortSignal;
}

/** Re-encodes `inputPath` into `outputPath` with the masks painted opaque black. */
export async function burnInMasks(opts: BurnInOptions): Promise<void> {
  const base = ['-hide_banner', '-loglevel', 'error', '-nostdin', '-y', '-i', opts.inputPath];
  const dir = await mkdtemp(path.join(tmpdir(), 'vedetta-mask-'));
  try {
    let args: string[];
    if (opts.polygons.length === 0) {
      args = [...base, '-map', '0:v', '-c', 'copy', '-movflags', '+faststart', opts.outputPath];
    } else {
      const burn = await prepareMaskBurnIn(opts.polygons, opts.width, opts.height, dir);
      args = [
        ...base,
        ...burn.inputArgs,
        '-filter_complex',
        burn.filterComplex,
        '-map',
        MASKED_LABEL,
        '-map_metadata',
        '0',
        '-c:v',
        'libx264',
        '-preset',
        'veryfast',
        '-crf',
        String(opts.crf ?? 18),
        '-movflags',
        '+faststart',
        opts.outputPath,
      ];
    }
    await run(ffmpegPath(), args, { maxBuffer: 4 * 1024 * 1024, signal: opts.signal });
  } catch (e) {
    const stderr = typeof e === 'object' && e !== null && 'stderr' in e ? String(e.stderr) : '';
    throw new AppError(
      'internal',
      `burning privacy masks in failed: ${stderr.trim() || String(e)}`,
      {},
      e,
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** What masking a still image needs. */
export interface ImageBurnInOptions {
  /** The encoded still (JPEG or PNG). */
  image: Uint8Array;
  format: 'jpeg' | 'png';
  polygons: readonly Polygon[];
  /** The still's size in pixels. */
  width: number;
  height: number;
  signal?: AbortSignal;
}

/** A still image with the masks painted opaque black, in the same format. */
export async function burnInMasksImage(opts: ImageBurnInOptions): Promise<Buffer> {
  if (opts.polygons.length === 0) return Buffer.from(opts.image);
  const dir = await mkdtemp(path.join(tmpdir(), 'vedetta-mask-'));
  try {
    const ext = opts.format === 'png' ? 'png' : 'jpg';
    const input = path.join(dir, `still.${ext}`);
    const output = path.join(dir, `masked.${ext}`);
    await writeFile(input, opts.image);
    const pixelFormat = opts.format === 'png' ? 'rgb24' : 'yuvj420p';
    const burn = await prepareMaskBurnIn(opts.polygons, opts.width, opts.height, dir, pixelFormat);
    const args = [
      '-hide_banner',
      '-loglevel',
      'error',
      '-nostdin',
      '-y',
      '-i',
      input,
      ...burn.inputArgs,
      '-filter_complex',
      burn.filterComplex,
      '-map',
      MASKED_LABEL,
      '-frames:v',
      '1',
      ...(opts.format === 'jpeg' ? ['-q:v', '2'] : []),
      output,
    ];
    await run(ffmpegPath(), args, { maxBuffer: 4 * 1024 * 1024, signal: opts.signal });
    return await readFile(output);
  } catch (e) {
    const stderr = typeof e === 'object' && e !== null && 'stderr' in e ? String(e.stderr) : '';
    throw new AppError(
      'internal',
      `masking the still failed: ${stderr.trim() || String(e)}`,
      {},
      e,
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
