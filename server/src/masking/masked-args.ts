/**
 * The ffmpeg command of a masked stream (pure): the camera's pictures (H.264 or H.265 Annex B)
 * on stdin, the mask image (PAM, RGBA, the stream's picture size) as a second input read once,
 * overlaid on every picture, H.264 Annex B with delimiters on stdout.
 *
 * The mask is one picture of the masks' bounding rectangle (`mask-image.ts`), not a full-size
 * one, and not a looped one (`-loop 1`, as the export burn-in does): `overlay`
 * repeats the last picture of an input that has ended (`eof_action=repeat`), so the image is
 * decoded once instead of at the frame rate. The video's times are moved to start at 0 (the
 * mask's time) so that no picture ever comes before the mask and leaves unmasked.
 */
import type { VideoCodec } from '../media/index.ts';

/** Output key frame interval, pictures (2 s at 25 fps; a late viewer waits at most that). */
export const MASKED_GOP_PICTURES = 50;

/**
 * The filter graph: the mask picture (input 1) over the video (input 0) with its top-left corner
 * at (`x`, `y`); output label `[masked]`. The overlay works in 4:2:0 (`format=yuv420`), the
 * video's own format: `format=auto` cost a quarter more CPU per stream (design/masking.md).
 */
export function maskedFilter(x: number, y: number): string {
  return (
    '[1:v]format=rgba[vedetta_mask];[0:v]setpts=PTS-STARTPTS[vedetta_video];' +
    `[vedetta_video][vedetta_mask]overlay=x=${x}:y=${y}:eof_action=repeat:format=yuv420,` +
    'format=yuv420p[masked]'
  );
}

/** What the command varies on. */
export interface MaskedArgsOptions {
  /** The camera stream's codec (the input format). */
  codec: VideoCodec;
  /** The mask picture (PAM, `mask-image.ts`): the masks' rectangle of the stream's picture. */
  imagePath: string;
  /** Where the mask picture's top-left corner goes, pixels (default 0, 0). */
  x?: number;
  y?: number;
  /** Draw the mask (true) or only decode and encode (false: the benchmark's baseline). */
  overlay?: boolean;
  /** Output key frame interval, pictures (default `MASKED_GOP_PICTURES`). */
  gopPictures?: number;
}

/** ffmpeg arguments of a masked stream (or, with `overlay: false`, of a plain re-encode). */
export function maskedEncodeArgs(opts: MaskedArgsOptions): string[] {
  const overlay = opts.overlay ?? true;
  const video = overlay
    ? ['-i', opts.imagePath, '-filter_complex', maskedFilter(opts.x ?? 0, opts.y ?? 0)].concat([
        '-map',
        '[masked]',
      ])
    : ['-map', '0:v', '-pix_fmt', 'yuv420p'];
  return [
    '-hide_banner',
    '-loglevel',
    'error',
    // (`-fflags nobuffer` is left out: with a second input it makes ffmpeg encode nothing.)
    '-flags',
    'low_delay',
    '-probesize',
    '32',
    '-analyzeduration',
    '0',
    '-thread_queue_size',
    '512',
    '-f',
    opts.codec === 'h265' ? 'hevc' : 'h264',
    '-i',
    'pipe:0',
    ...video,
    '-an',
    '-vsync',
    '0',
    '-c:v',
    'libx264',
    '-preset',
    'ultrafast',
    '-tune',
    'zerolatency',
    '-bf',
    '0',
    '-g',
    String(opts.gopPictures ?? MASKED_GOP_PICTURES),
    '-x264-params',
    'aud=1:repeat-headers=1',
    '-f',
    'h264',
    'pipe:1',
  ];
}
