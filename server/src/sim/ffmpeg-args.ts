/**
 * The ffmpeg command line that encodes a simulated camera clip: a moving test pattern with the
 * camera's name, the clip clock and the frame number burned in, encoded without B-frames as an
 * Annex B elementary stream whose every GOP starts with parameter sets and an IDR picture, so
 * that the loop can restart at any GOP boundary.
 */
import type { ClipSpec } from './clip-spec.ts';
import { gopFrames, loopFrames } from './clip-spec.ts';
import { viewFilter } from './ptz-view.ts';

/** Fonts for the burned-in text, when the system has them. */
export interface ClipFonts {
  /** Proportional font for the camera's name. */
  sans: string;
  /** Monospaced font for the clock and frame counter. */
  mono: string;
}

/** Escapes a file path for use as a filter option value inside single quotes. */
function filterPath(p: string): string {
  return p.replace(/\\/g, '\\\\').replace(/'/g, "'\\''").replace(/:/g, '\\:');
}

/**
 * The video filter: testsrc2 with text when fonts are given; without fonts, `testsrc`, whose
 * pattern carries its own frame counter. `labelFile` holds the label text (read verbatim).
 */
export function videoFilter(
  spec: ClipSpec,
  fonts: ClipFonts | undefined,
  labelFile: string,
): string {
  const size = `${spec.width}x${spec.height}`;
  const view =
    spec.view === undefined ? undefined : viewFilter(spec.view, spec.width, spec.height, spec.fps);
  if (fonts === undefined) return view ?? `testsrc=size=${size}:rate=${spec.fps}`;
  const fontSize = Math.max(10, Math.round(spec.height / 22));
  const pad = Math.round(fontSize / 2);
  const box = `fontcolor=white:box=1:boxcolor=black@0.6:boxborderw=${Math.round(pad / 2)}`;
  const parts = [view ?? `testsrc2=size=${size}:rate=${spec.fps}`];
  if (spec.label !== '') {
    parts.push(
      `drawtext=fontfile='${filterPath(fonts.sans)}':textfile='${filterPath(labelFile)}'` +
        `:expansion=none:x=${pad}:y=${pad}:fontsize=${fontSize}:${box}`,
    );
  }
  const y = spec.label === '' ? pad : pad * 2 + fontSize;
  parts.push(
    `drawtext=fontfile='${filterPath(fonts.mono)}'` +
      `:text='%{pts\\:hms}  #%{frame_num}':x=${pad}:y=${y}:fontsize=${fontSize}:${box}`,
  );
  return parts.join(',');
}

/** Encoder arguments: constant GOP, no B-frames, parameter sets before every key frame. */
export function encoderArgs(spec: ClipSpec): string[] {
  const gop = gopFrames(spec);
  const rate = `${spec.bitrateKbps}k`;
  if (spec.codec === 'h264') {
    return [
      ...['-c:v', 'libx264', '-preset', 'ultrafast'],
      ...['-b:v', rate, '-maxrate', rate, '-bufsize', rate],
      ...['-g', String(gop), '-keyint_min', String(gop), '-sc_threshold', '0', '-bf', '0'],
      ...['-x264-params', 'repeat-headers=1:aud=0'],
      ...['-pix_fmt', 'yuv420p', '-f', 'h264'],
    ];
  }
  const x265 = [
    `keyint=${gop}`,
    `min-keyint=${gop}`,
    'scenecut=0',
    'bframes=0',
    'open-gop=0',
    'repeat-headers=1',
    `vbv-maxrate=${spec.bitrateKbps}`,
    `vbv-bufsize=${spec.bitrateKbps}`,
    'log-level=error',
  ].join(':');
  return [
    ...['-c:v', 'libx265', '-preset', 'ultrafast', '-b:v', rate, '-x265-params', x265],
    ...['-pix_fmt', 'yuv420p', '-f', 'hevc'],
  ];
}

/** The full argument list (after the binary) that writes the clip to `outFile`. */
export function clipArgs(
  spec: ClipSpec,
  fonts: ClipFonts | undefined,
  labelFile: string,
  outFile: string,
): string[] {
  return [
    ...['-hide_banner', '-nostdin', '-v', 'error', '-f', 'lavfi'],
    ...['-i', videoFilter(spec, fonts, labelFile)],
    ...['-frames:v', String(loopFrames(spec)), '-an'],
    ...encoderArgs(spec),
    ...['-y', outFile],
  ];
}
