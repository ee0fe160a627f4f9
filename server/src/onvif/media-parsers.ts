/**
 * Readers of the Media (ver10) and Media2 (ver20) services' answers: profiles with their video
 * encoder (codec, resolution, frame rate), and media URIs. Pure; failures are
 * `OnvifError('protocol')` naming the operation.
 */
import { OnvifError } from './errors.ts';
import { child, find, findAll, textAt, type XmlNode } from './xml.ts';

/** A media profile's video encoding. */
export interface MediaProfile {
  readonly token: string;
  readonly name: string;
  /** `h264`, `h265`, `jpeg`, `mpeg4`, or the device's word lower-cased; null: no video encoder. */
  readonly codec: string | null;
  readonly width: number | null;
  readonly height: number | null;
  /** The encoder's frame-rate limit; null when not stated. */
  readonly fps: number | null;
}

function positive(text: string | undefined): number | null {
  if (text === undefined || !/^\d+(\.\d+)?$/.test(text)) return null;
  const n = Number(text);
  return n > 0 && n < 100_000 ? n : null;
}

function codecOf(encoding: string | undefined): string | null {
  if (encoding === undefined || encoding === '') return null;
  const e = encoding.toLowerCase();
  if (e === 'h264' || e === 'h.264') return 'h264';
  if (e === 'h265' || e === 'h.265' || e === 'hevc') return 'h265';
  return e.slice(0, 20);
}

function profileOf(p: XmlNode, encoder: XmlNode | undefined, op: string): MediaProfile {
  const token = p.attrs.token;
  if (token === undefined || token === '') {
    throw new OnvifError('protocol', op, 'a profile has no token');
  }
  const resolution = child(encoder, 'Resolution');
  return {
    token,
    name: textAt(p, 'Name') ?? token,
    codec: codecOf(textAt(encoder, 'Encoding') ?? encoder?.attrs.Encoding),
    width: positive(textAt(resolution, 'Width')),
    height: positive(textAt(resolution, 'Height')),
    fps: positive(textAt(child(encoder, 'RateControl'), 'FrameRateLimit')),
  };
}

/** `trt:GetProfilesResponse` (Media ver10) → profiles. */
export function parseMediaProfiles(response: XmlNode): MediaProfile[] {
  return findAll(response, 'Profiles').map((p) =>
    profileOf(p, child(p, 'VideoEncoderConfiguration'), 'GetProfiles'),
  );
}

/** `tr2:GetProfilesResponse` (Media2 ver20) → profiles. */
export function parseMedia2Profiles(response: XmlNode): MediaProfile[] {
  return findAll(response, 'Profiles').map((p) =>
    profileOf(p, child(child(p, 'Configurations'), 'VideoEncoder'), 'GetProfiles (Media2)'),
  );
}

/**
 * `GetStreamUriResponse` / `GetSnapshotUriResponse`, either version (ver10 wraps it in
 * `MediaUri/Uri`, ver20 answers `Uri`) → the URI, checked to be one of `schemes`.
 */
export function parseMediaUri(
  response: XmlNode,
  operation: string,
  schemes: readonly string[],
): string {
  const uri =
    (child(response, 'MediaUri') !== undefined
      ? textAt(child(response, 'MediaUri'), 'Uri')
      : (textAt(response, 'Uri') ?? find(response, 'Uri')?.text)) ?? '';
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    throw new OnvifError(
      'protocol',
      operation,
      `the answer has no valid Uri: ${uri.slice(0, 200)}`,
    );
  }
  if (!schemes.includes(url.protocol.replace(':', ''))) {
    throw new OnvifError(
      'protocol',
      operation,
      `unexpected URI scheme ${url.protocol} in ${uri.slice(0, 200)}`,
    );
  }
  return uri;
}
