/**
 * Decodes one picture to a JPEG or PNG with ffmpeg: the pictures from a key frame up to the one
 * wanted are fed as an Annex B elementary stream (parameter sets first), and ffmpeg outputs only
 * the wanted one. Nothing is re-encoded on the recording side; this is the one place where video
 * is decoded for an image.
 */
import { spawn } from 'node:child_process';
import { AppError, invalidArgument, ffmpegPath } from '../app/index.ts';
import { toAnnexB } from '../media/index.ts';
import type { CodecParams } from '../media/index.ts';

/** Image formats of a still. */
export type StillFormat = 'jpeg' | 'png';

/** What to decode: the pictures from a key frame, in decoding order, and which one to output. */
export interface StillInput {
  params: CodecParams;
  /** Each picture's NAL units (no start codes, no length prefixes), the first a key frame. */
  pictures: readonly (readonly Uint8Array[])[];
  /** Index of the wanted picture in output (presentation) order. */
  index: number;
  format: StillFormat;
  /** Scale the picture to this width in pixels (height kept in ratio, even); full size if absent. */
  width?: number;
}

/** Media type of a still format. */
export function stillMediaType(format: StillFormat): string {
  return format === 'png' ? 'image/png' : 'image/jpeg';
}

/** Parses a `format` parameter; `invalid_argument` naming it otherwise. */
export function parseStillFormat(value: string | undefined): StillFormat {
  if (value === undefined || value === 'jpeg' || value === 'jpg') return 'jpeg';
  if (value === 'png') return 'png';
  throw invalidArgument(`format: must be jpeg or png, got '${value}'`, { key: 'format' });
}

/** The encoded image. Rejects with `internal` when ffmpeg fails or times out. */
export function decodeStill(input: StillInput, timeoutMs = 20_000): Promise<Buffer> {
  const p = input.params;
  const sets = p.codec === 'h264' ? [p.sps, p.pps] : [p.vps, p.sps, p.pps];
  const stream = Buffer.concat([
    toAnnexB(sets),
    ...input.pictures.map((nalus) => toAnnexB([...nalus])),
  ]);
  const args = [
    '-v',
    'error',
    '-f',
    p.codec === 'h264' ? 'h264' : 'hevc',
    '-i',
    'pipe:0',
    '-vf',
    `select=eq(n\\,${input.index})` + (input.width ? `,scale=${input.width}:-2` : ''),
    '-frames:v',
    '1',
    '-vsync',
    '0',
    '-f',
    'image2pipe',
    ...(input.format === 'png'
      ? ['-c:v', 'png']
      : ['-c:v', 'mjpeg', '-q:v', '2', '-pix_fmt', 'yuvj420p']),
    'pipe:1',
  ];
  return new Promise((resolve, reject) => {
    const child = spawn(ffmpegPath(), args, { stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.stdin.on('error', () => undefined); // ffmpeg may exit before reading everything
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(new AppError('internal', `ffmpeg could not start: ${e.message}`));
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      const image = Buffer.concat(out);
      if (code === 0 && image.length > 0) resolve(image);
      else {
        const msg = Buffer.concat(err).toString('utf8').trim().split('\n').slice(-2).join(' ');
        reject(
          new AppError('internal', `ffmpeg could not decode the picture: ${msg || `exit ${code}`}`),
        );
      }
    });
    child.stdin.end(stream);
  });
}
