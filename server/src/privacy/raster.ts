/**
 * Rasterises privacy masks for a picture of a given size: a pixel is masked when its centre is
 * inside any polygon (even-odd rule per polygon, union across polygons). The result feeds the
 * burn-in image; it is the same rule the web app's SVG overlay follows, so what an operator sees
 * masked live is what an export hides.
 */
import type { Polygon } from './polygon.ts';

/** One byte per pixel, row-major: 1 where masked, 0 elsewhere. */
export function rasterizeMasks(
  polygons: readonly Polygon[],
  width: number,
  height: number,
): Uint8Array {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width <= 0 || height <= 0) {
    throw new RangeError(`picture size ${width}x${height} is not a positive integer size`);
  }
  const out = new Uint8Array(width * height);
  for (const poly of polygons) {
    for (let py = 0; py < height; py++) {
      const ny = (py + 0.5) / height;
      // Where the row through the pixel centres crosses the polygon's edges (even-odd spans).
      const xs: number[] = [];
      for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) {
        const a = poly[i];
        const b = poly[j];
        if (!a || !b || a[1] > ny === b[1] > ny) continue;
        xs.push(((b[0] - a[0]) * (ny - a[1])) / (b[1] - a[1]) + a[0]);
      }
      xs.sort((m, n) => m - n);
      for (let k = 0; k + 1 < xs.length; k += 2) {
        // Pixels whose centre (px + 0.5) / width lies in [xs[k], xs[k + 1]).
        const from = Math.max(0, Math.ceil((xs[k] ?? 0) * width - 0.5));
        const to = Math.min(width - 1, Math.ceil((xs[k + 1] ?? 0) * width - 0.5) - 1);
        if (to >= from) out.fill(1, py * width + from, py * width + to + 1);
      }
    }
  }
  return out;
}

/**
 * A PAM image (Netpbm P7, RGB_ALPHA) of the masks: opaque `rgb` where masked, transparent
 * elsewhere. ffmpeg reads it as an ordinary image input.
 */
export function maskImagePam(
  polygons: readonly Polygon[],
  width: number,
  height: number,
  rgb: readonly [number, number, number] = [0, 0, 0],
): Uint8Array {
  const mask = rasterizeMasks(polygons, width, height);
  const header = new TextEncoder().encode(
    `P7\nWIDTH ${width}\nHEIGHT ${height}\nDEPTH 4\nMAXVAL 255\nTUPLTYPE RGB_ALPHA\nENDHDR\n`,
  );
  const out = new Uint8Array(header.length + mask.length * 4);
  out.set(header, 0);
  for (let i = 0; i < mask.length; i++) {
    const o = header.length + i * 4;
    out[o] = rgb[0];
    out[o + 1] = rgb[1];
    out[o + 2] = rgb[2];
    out[o + 3] = mask[i] === 1 ? 255 : 0;
  }
  return out;
}
