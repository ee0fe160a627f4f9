/**
 * Readers of the Media2 (ver20) privacy-mask answers: `GetMasksResponse` (`tr2:Masks`, each a
 * `tt:Mask`-shaped element with `ConfigurationToken`, `Polygon` of `Point x/y`, `Type`, `Color`,
 * `Enabled`) and the video source configuration of a profile (`GetProfiles` with `Type`
 * VideoSource). Points are turned from ONVIF's normalised space — x and y in [-1, 1], origin in
 * the middle, y UP — into Vedetta's picture space — x and y in [0, 1], origin top-left, y DOWN:
 * x' = (x + 1) / 2, y' = (1 − y) / 2. Pure; failures are `OnvifError('protocol')`.
 */
import { OnvifError } from './errors.ts';
import { child, childrenNamed, find, findAll, textAt, type XmlNode } from './xml.ts';

/** A point in Vedetta's picture space: `[x, y]`, each in [0, 1], origin top-left. */
export type PicturePoint = readonly [number, number];

/** A Media2 mask colour (`tt:Color`: X, Y, Z in the named colour space, YCbCr by default). */
export interface OnvifMaskColor {
  readonly x: number;
  readonly y: number;
  readonly z: number;
  readonly colorspace: string | null;
}

/** One camera-side privacy mask, with its polygon in Vedetta's picture space. */
export interface OnvifMask {
  /** The mask's token on the camera. */
  readonly token: string;
  /** The video source configuration the mask belongs to. */
  readonly configurationToken: string;
  /** 3 or more points, each clamped to [0, 1]. */
  readonly points: readonly PicturePoint[];
  /** `Color`, `Pixelated`, `Blurred`, or the device's own word. */
  readonly type: string;
  readonly color: OnvifMaskColor | null;
  /** A disabled mask hides nothing. */
  readonly enabled: boolean;
}

const OP = 'GetMasks';

/** The largest number of masks read from one answer (devices offer a handful). */
export const MAX_MASKS_READ = 64;
/** The largest number of points read for one mask. */
export const MAX_MASK_POINTS = 256;

const clamp01 = (v: number): number => Math.min(1, Math.max(0, v));

/** ONVIF's normalised point (x, y in [-1, 1], y up) in Vedetta's picture space (top-left, y down). */
export function onvifToPicture(x: number, y: number): PicturePoint {
  return [clamp01((x + 1) / 2), clamp01((1 - y) / 2)];
}

/** A Vedetta picture point (x, y in [0, 1], y down) in ONVIF's normalised space (y up). */
export function pictureToOnvif(x: number, y: number): PicturePoint {
  return [x * 2 - 1, 1 - y * 2];
}

function number(text: string | undefined, what: string): number {
  const n = text === undefined || text.trim() === '' ? NaN : Number(text);
  if (!Number.isFinite(n)) {
    throw new OnvifError('protocol', OP, `${what} is not a number: ${String(text).slice(0, 40)}`);
  }
  return n;
}

function colorOf(el: XmlNode | undefined): OnvifMaskColor | null {
  if (el === undefined) return null;
  const { X, Y, Z, Colorspace } = el.attrs;
  if (X === undefined || Y === undefined || Z === undefined) return null;
  return {
    x: number(X, 'Color X'),
    y: number(Y, 'Color Y'),
    z: number(Z, 'Color Z'),
    colorspace: Colorspace ?? null,
  };
}

function maskOf(el: XmlNode): OnvifMask {
  const token = el.attrs.token;
  if (token === undefined || token === '') {
    throw new OnvifError('protocol', OP, 'a mask has no token');
  }
  const polygon = child(el, 'Polygon');
  const points = childrenNamed(polygon, 'Point');
  if (points.length < 3 || points.length > MAX_MASK_POINTS) {
    throw new OnvifError(
      'protocol',
      OP,
      `mask ${token.slice(0, 64)} has ${points.length} points (3 to ${MAX_MASK_POINTS} expected)`,
    );
  }
  const enabled = (textAt(el, 'Enabled') ?? 'true').toLowerCase();
  if (enabled !== 'true' && enabled !== 'false' && enabled !== '1' && enabled !== '0') {
    throw new OnvifError('protocol', OP, `mask ${token.slice(0, 64)}: Enabled is not a boolean`);
  }
  return {
    token,
    configurationToken: textAt(el, 'ConfigurationToken') ?? '',
    points: points.map((p) =>
      onvifToPicture(number(p.attrs.x, 'Point x'), number(p.attrs.y, 'Point y')),
    ),
    type: (textAt(el, 'Type') ?? 'Color').slice(0, 40),
    color: colorOf(child(el, 'Color')),
    enabled: enabled === 'true' || enabled === '1',
  };
}

/** `tr2:GetMasksResponse` → the masks, in picture space. */
export function parseMasks(response: XmlNode): OnvifMask[] {
  if (response.name !== 'GetMasksResponse') {
    throw new OnvifError('protocol', OP, `expected GetMasksResponse, got <${response.name}>`);
  }
  const masks = childrenNamed(response, 'Masks');
  if (masks.length > MAX_MASKS_READ) {
    throw new OnvifError('protocol', OP, `${masks.length} masks (at most ${MAX_MASKS_READ} read)`);
  }
  return masks.map(maskOf);
}

/** `tr2:CreateMaskResponse` → the new mask's token. */
export function parseCreateMask(response: XmlNode): string {
  const token = (
    response.name === 'CreateMaskResponse' ? textAt(response, 'Token') : undefined
  )?.trim();
  if (token === undefined || token === '') {
    throw new OnvifError('protocol', 'CreateMask', 'no Token in the answer');
  }
  return token;
}

/**
 * `tr2:GetProfilesResponse` → the token of the first profile's video source configuration, or
 * null when the profile has none.
 */
export function parseVideoSourceConfigurationToken(response: XmlNode): string | null {
  const profile = findAll(response, 'Profiles')[0];
  const source = find(child(profile, 'Configurations'), 'VideoSource');
  const token = source?.attrs.token;
  return token === undefined || token === '' ? null : token;
}
