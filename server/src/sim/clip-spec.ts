/**
 * What a simulated clip is: codec, picture size, frame rate, GOP, bitrate, loop length and the
 * label burned into the picture. A spec is normalised once (defaults filled in, values checked) and
 * its key names the cached file, so that equal specs share one encoded file.
 */
import { createHash } from 'node:crypto';
import { invalidArgument } from '../app/index.ts';
import type { VideoCodec } from '../media/index.ts';
import type { PtzView } from './ptz-view.ts';
import { isView } from './ptz-view.ts';

/** A clip as asked for; omitted fields take defaults. */
export interface ClipRequest {
  codec: VideoCodec;
  width: number;
  height: number;
  /** Frames per second; 25 by default. */
  fps?: number;
  /** Seconds between key frames; 2 by default. */
  gopSeconds?: number;
  /** Target bitrate; about 2 Mbit/s at 1080p by default, scaled down for smaller pictures. */
  bitrateKbps?: number;
  /** Length of the loop in seconds, rounded up to whole GOPs; 10 by default. */
  loopSeconds?: number;
  /** Text burned into the picture (the camera's name); empty for none. */
  label?: string;
  /** A PTZ dome's view: the picture is this window of a larger scene (see ptz-view.ts). */
  view?: PtzView;
}

/** A clip with every field decided. */
export interface ClipSpec {
  codec: VideoCodec;
  width: number;
  height: number;
  fps: number;
  gopSeconds: number;
  bitrateKbps: number;
  loopSeconds: number;
  label: string;
  /** Absent for a fixed camera (and then absent from the cache key). */
  view?: PtzView;
}

/** The default bitrate for a picture size: 2000 kbit/s at 1080p, about 1100 at 720p, 430 at 360p. */
export function defaultBitrateKbps(width: number, height: number): number {
  const ratio = (width * height) / (1920 * 1080);
  return Math.max(100, Math.round(2000 * Math.pow(ratio, 0.7)));
}

function positiveInt(name: string, value: number, max: number): number {
  if (!Number.isInteger(value) || value <= 0 || value > max) {
    throw invalidArgument(`'${name}' must be an integer between 1 and ${max}, got ${value}`);
  }
  return value;
}

/** Fills in defaults and checks a clip request; throws `invalid_argument` naming the field. */
export function normaliseClip(req: ClipRequest): ClipSpec {
  if (req.codec !== 'h264' && req.codec !== 'h265') {
    throw invalidArgument(`'codec' must be h264 or h265, got ${String(req.codec)}`);
  }
  const width = positiveInt('width', req.width, 7680);
  const height = positiveInt('height', req.height, 4320);
  if (width % 2 !== 0 || height % 2 !== 0) {
    throw invalidArgument(`'width' and 'height' must be even, got ${width}x${height}`);
  }
  const fps = positiveInt('fps', req.fps ?? 25, 120);
  const gopSeconds = req.gopSeconds ?? 2;
  if (!(gopSeconds > 0) || !Number.isInteger(gopSeconds * fps)) {
    throw invalidArgument(
      `'gopSeconds' must be > 0 and a whole number of frames, got ${gopSeconds}`,
    );
  }
  const bitrateKbps = positiveInt(
    'bitrateKbps',
    req.bitrateKbps ?? defaultBitrateKbps(width, height),
    100_000,
  );
  const wanted = req.loopSeconds ?? 10;
  if (!(wanted > 0) || wanted > 600) {
    throw invalidArgument(`'loopSeconds' must be between 0 and 600, got ${wanted}`);
  }
  const loopSeconds = Math.ceil(wanted / gopSeconds - 1e-9) * gopSeconds;
  const label = req.label ?? '';
  if (label.length > 100 || /[\r\n]/.test(label)) {
    throw invalidArgument(`'label' must be one line of at most 100 characters`);
  }
  const spec: ClipSpec = {
    codec: req.codec,
    width,
    height,
    fps,
    gopSeconds,
    bitrateKbps,
    loopSeconds,
    label,
  };
  if (req.view !== undefined) {
    if (!isView(req.view)) throw invalidArgument(`'view' must be whole steps within range`);
    spec.view = { pan: req.view.pan, tilt: req.view.tilt, zoom: req.view.zoom };
  }
  return spec;
}

/** The frames in one GOP. */
export function gopFrames(spec: ClipSpec): number {
  return Math.round(spec.gopSeconds * spec.fps);
}

/** The frames in the whole loop. */
export function loopFrames(spec: ClipSpec): number {
  return Math.round(spec.loopSeconds * spec.fps);
}

/** A file-name-safe key that changes with any field of the spec. */
export function clipKey(spec: ClipSpec): string {
  const hash = createHash('sha256').update(JSON.stringify(spec)).digest('hex').slice(0, 12);
  return `${spec.codec}-${spec.width}x${spec.height}-${spec.fps}fps-${hash}`;
}
