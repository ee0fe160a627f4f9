/**
 * Helpers of the masking tests: decode pictures to grey-level frames with ffmpeg, and check a
 * masked frame against its source frame (inside the masks: the mask colour; outside: the source).
 */
import { execFile } from 'node:child_process';
import { ffmpegPath } from '../../src/app/ffmpeg.ts';
import type { StreamEvent, TimedAccessUnit } from '../../src/ingest/types.ts';
import { toAnnexB, type CodecParams } from '../../src/media/index.ts';
import { pointInPolygon, type Polygon } from '../../src/privacy/polygon.ts';

/** Frames of a list of events. */
export function framesOf(events: readonly StreamEvent[]): TimedAccessUnit[] {
  return events.flatMap((e) => (e.type === 'frame' ? [e.frame] : []));
}

/** Decodes pictures (the first a key frame) into grey frames of `width`x`height`. */
export async function decodeGray(
  pictures: readonly { nalus: Uint8Array[] }[],
  params: CodecParams | undefined,
  width: number,
  height: number,
): Promise<Buffer[]> {
  const head =
    params === undefined
      ? []
      : params.codec === 'h265'
        ? [params.vps, params.sps, params.pps]
        : [params.sps, params.pps];
  const chunks = pictures.map((p, i) => toAnnexB(i === 0 ? [...head, ...p.nalus] : p.nalus));
  const input = Buffer.concat(chunks);
  const format = params?.codec === 'h265' ? 'hevc' : 'h264';
  const child = execFile(
    ffmpegPath(),
    [
      '-hide_banner',
      '-loglevel',
      'error',
      '-f',
      format,
      '-i',
      'pipe:0',
      '-f',
      'rawvideo',
      '-pix_fmt',
      'gray',
      '-',
    ],
    { encoding: 'buffer', maxBuffer: 256 * 1024 * 1024 },
  );
  const out = new Promise<Buffer>((resolve, reject) => {
    const parts: Buffer[] = [];
    child.stdout?.on('data', (d: Buffer) => parts.push(d));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve(Buffer.concat(parts)) : reject(new Error(`ffmpeg exited ${code}`)),
    );
  });
  child.stdin?.end(input);
  const all = await out;
  const size = width * height;
  const frames: Buffer[] = [];
  for (let o = 0; o + size <= all.length; o += size) frames.push(all.subarray(o, o + size));
  return frames;
}

/** What `compareMasked` found. */
export interface MaskedComparison {
  /** Pixels well inside a mask, and the brightest of them in the masked frame. */
  masked: number;
  maxMasked: number;
  /** Mean grey of those pixels in the source frame (to show there was something to hide). */
  sourceMeanMasked: number;
  /** Pixels well outside every mask, and their mean absolute difference from the source. */
  clear: number;
  meanDiffClear: number;
}

/** Compares a masked frame with its source frame, pixel by pixel, away from the masks' edges. */
export function compareMasked(
  masked: Buffer,
  source: Buffer,
  polygons: readonly Polygon[],
  width: number,
  height: number,
): MaskedComparison {
  const inside = (x: number, y: number): boolean =>
    polygons.some((p) => pointInPolygon((x + 0.5) / width, (y + 0.5) / height, p));
  const r: MaskedComparison = {
    masked: 0,
    maxMasked: 0,
    sourceMeanMasked: 0,
    clear: 0,
    meanDiffClear: 0,
  };
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const here = inside(x, y);
      // Codec blur stays near the edges: only pixels whose 4-pixel neighbourhood is on one side.
      if ([-4, 4].some((d) => inside(x + d, y) !== here || inside(x, y + d) !== here)) continue;
      const m = masked[y * width + x] ?? 0;
      const s = source[y * width + x] ?? 0;
      if (here) {
        r.masked++;
        r.maxMasked = Math.max(r.maxMasked, m);
        r.sourceMeanMasked += s;
      } else {
        r.clear++;
        r.meanDiffClear += Math.abs(m - s);
      }
    }
  }
  r.sourceMeanMasked /= Math.max(1, r.masked);
  r.meanDiffClear /= Math.max(1, r.clear);
  return r;
}

/** The source pictures matching masked ones (same pts), from a list of fed frames. */
export function sourcesOf(
  fed: readonly TimedAccessUnit[],
  masked: readonly TimedAccessUnit[],
): TimedAccessUnit[] {
  const byPts = new Map(fed.map((f) => [f.pts90k, f]));
  return masked.map((m) => {
    const s = byPts.get(m.pts90k);
    if (s === undefined) throw new Error(`no source picture at pts ${m.pts90k}`);
    return s;
  });
}
