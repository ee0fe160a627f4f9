/**
 * The simulated cameras a simulator serves: given one by one or as a count (`cam-001` ...
 * `cam-NNN`), each with a main stream and a 640x360 sub-stream, and the clips they need. Decides
 * what text each clip carries: the camera's own id and name when there are few cameras (one
 * encode each), a shared label when there are many (one encode per picture size).
 */
import { invalidArgument } from '../app/index.ts';
import type { VideoCodec } from '../media/index.ts';
import type { ClipRequest } from './clip-spec.ts';

/** One simulated camera, as configured. */
export interface SimCameraConfig {
  /** Mount name, e.g. `cam-001`: letters, digits, `-`, `_`, `.`. */
  id: string;
  codec: VideoCodec;
  width: number;
  height: number;
  fps?: number;
  gopSeconds?: number;
  bitrateKbps?: number;
  /** Human name burned into the picture, e.g. `Via Roma / Piazza Verdi`. */
  name?: string;
  /** The sub-stream's size (640x360 by default); `false` for no sub-stream. */
  sub?: { width: number; height: number } | false;
}

/** A camera with its clips decided. */
export interface PlannedCamera {
  id: string;
  config: SimCameraConfig;
  main: ClipRequest;
  sub: ClipRequest | undefined;
  /** The label of this camera's clip of another size (for resolution changes). */
  labelFor(width: number, height: number): string;
}

/** Cameras beyond this count share clips (labelled by size) unless told otherwise. */
export const DEFAULT_MAX_LABELLED = 32;

const ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

/** `count` cameras named `cam-001`..., all alike. */
export function numberedCameras(
  count: number,
  base: Omit<SimCameraConfig, 'id'> = { codec: 'h264', width: 1920, height: 1080 },
): SimCameraConfig[] {
  if (!Number.isInteger(count) || count < 1 || count > 10_000) {
    throw invalidArgument(`'cameras' must be a count between 1 and 10000, got ${count}`);
  }
  const digits = Math.max(3, String(count).length);
  return Array.from({ length: count }, (_, i) => ({
    ...base,
    id: `cam-${String(i + 1).padStart(digits, '0')}`,
  }));
}

/** Checks the cameras and decides their clips. `labelled`: burn per-camera names or not. */
export function planCameras(
  cameras: readonly SimCameraConfig[],
  labelled?: boolean,
): PlannedCamera[] {
  if (cameras.length === 0) throw invalidArgument(`'cameras' must not be empty`);
  const perCamera = labelled ?? cameras.length <= DEFAULT_MAX_LABELLED;
  const seen = new Set<string>();
  return cameras.map((c, i) => {
    if (!ID.test(c.id)) {
      throw invalidArgument(
        `'cameras[${i}].id' must be letters, digits, '-', '_' or '.', got ${JSON.stringify(c.id)}`,
      );
    }
    if (seen.has(c.id)) throw invalidArgument(`'cameras[${i}].id' ${c.id} is used twice`);
    seen.add(c.id);
    const common = { codec: c.codec, fps: c.fps, gopSeconds: c.gopSeconds };
    const label = (w: number, h: number): string =>
      perCamera ? `${c.id}${c.name ? `  ${c.name}` : ''}` : `Vedetta sim ${w}x${h}`;
    const main: ClipRequest = {
      ...common,
      width: c.width,
      height: c.height,
      bitrateKbps: c.bitrateKbps,
      label: label(c.width, c.height),
    };
    const subSize = c.sub === undefined ? { width: 640, height: 360 } : c.sub;
    const sub: ClipRequest | undefined =
      subSize === false
        ? undefined
        : { ...common, ...subSize, label: label(subSize.width, subSize.height) };
    return { id: c.id, config: c, main, sub, labelFor: label };
  });
}

/** The size a resolution-change fault switches to when none is given: 1080p <-> 720p, else half. */
export function alternateSize(
  current: { width: number; height: number },
  configured: { width: number; height: number },
): { width: number; height: number } {
  if (current.width !== configured.width || current.height !== configured.height) {
    return { width: configured.width, height: configured.height };
  }
  if (configured.width === 1920 && configured.height === 1080) return { width: 1280, height: 720 };
  if (configured.width === 1280 && configured.height === 720) return { width: 1920, height: 1080 };
  const even = (n: number): number => Math.max(2, Math.round(n / 4) * 2);
  return { width: even(configured.width), height: even(configured.height) };
}
