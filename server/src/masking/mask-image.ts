/**
 * The mask picture a masked stream overlays (pure): only the rectangle that holds the masks,
 * with its place in the picture. Overlaying a full-size picture would blend every pixel of every
 * frame; the rectangle costs in proportion to the masks' extent. The rectangle's corner and size
 * are even, so it lines up with the chroma of 4:2:0 video. Pixels follow `rasterizeMasks` (the
 * rule of the browser overlay and of exports).
 */
import { rasterizeMasks, type Polygon } from '../privacy/index.ts';

/** A PAM (RGBA) picture of the masks' bounding rectangle and where it goes. */
export interface MaskImage {
  pam: Uint8Array;
  /** Top-left corner in the picture, pixels (even). */
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The masks of a `width`x`height` picture as an opaque-where-masked rectangle (`rgb` colour). */
export function maskImage(
  polygons: readonly Polygon[],
  width: number,
  height: number,
  rgb: readonly [number, number, number] = [0, 0, 0],
): MaskImage {
  const mask = rasterizeMasks(polygons, width, height);
  let x0 = width;
  let y0 = height;
  let x1 = -1;
  let y1 = -1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (mask[y * width + x] !== 1) continue;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
    }
  }
  if (x1 < 0) {
    // No masked pixel: a transparent 2x2 picture in the corner.
    x0 = 0;
    y0 = 0;
    x1 = 1;
    y1 = 1;
  }
  const x = x0 - (x0 % 2);
  const y = y0 - (y0 % 2);
  const w = Math.min(width - x, x1 + 1 - x + ((x1 + 1 - x) % 2));
  const h = Math.min(height - y, y1 + 1 - y + ((y1 + 1 - y) % 2));
  const header = new TextEncoder().encode(
    `P7\nWIDTH ${w}\nHEIGHT ${h}\nDEPTH 4\nMAXVAL 255\nTUPLTYPE RGB_ALPHA\nENDHDR\n`,
  );
  const pam = new Uint8Array(header.length + w * h * 4);
  pam.set(header, 0);
  for (let row = 0; row < h; row++) {
    for (let col = 0; col < w; col++) {
      const o = header.length + (row * w + col) * 4;
      pam[o] = rgb[0];
      pam[o + 1] = rgb[1];
      pam[o + 2] = rgb[2];
      pam[o + 3] = mask[(y + row) * width + x + col] === 1 ? 255 : 0;
    }
  }
  return { pam, x, y, width: w, height: h };
}
