/**
 * Privacy mask geometry: a polygon of 3 to 64 points in normalised picture coordinates — `[x, y]`
 * with x and y in [0, 1] of the picture's width and height, origin top-left — so that one mask
 * fits the main stream, the sub-stream and any displayed size. Pure functions and the JSON
 * schemas shared by the API and the service.
 */
import { z } from '@hono/zod-openapi';

/** One vertex, `[x, y]` in [0, 1]. */
export type Point = readonly [number, number];
/** A simple polygon (closed implicitly: the last point joins the first). */
export type Polygon = readonly Point[];

const unit = z.number().min(0, 'must be between 0 and 1').max(1, 'must be between 0 and 1');

/** Twice the signed area of a polygon (shoelace), in normalised units. */
export function doubleArea(p: Polygon): number {
  let s = 0;
  for (let i = 0; i < p.length; i++) {
    const a = p[i];
    const b = p[(i + 1) % p.length];
    if (a && b) s += a[0] * b[1] - b[0] * a[1];
  }
  return s;
}

/** A polygon's points as the API accepts them. */
export const polygonSchema = z
  .array(z.tuple([unit, unit]))
  .min(3, 'must have at least 3 points')
  .max(64, 'must have at most 64 points')
  .refine((p) => Math.abs(doubleArea(p)) > 1e-6, 'must enclose an area (points not all in line)')
  .openapi({
    example: [
      [0.1, 0.1],
      [0.4, 0.1],
      [0.4, 0.5],
    ],
  });

/** One mask as sent by the mask editor. */
export const maskInputSchema = z.strictObject({
  label: z.string().trim().max(200).default(''),
  points: polygonSchema,
});

/** The whole set of a camera's masks (`PUT /api/cameras/{id}/masks`): replaces what was there. */
export const maskSetSchema = z
  .strictObject({ masks: z.array(maskInputSchema).max(32, 'must have at most 32 masks') })
  .openapi('PrivacyMaskSet');

/** A mask as stored and returned. */
export const maskSchema = z
  .object({ id: z.string(), label: z.string(), points: z.array(z.tuple([z.number(), z.number()])) })
  .openapi('PrivacyMask');

/** A validated mask set. */
export type MaskSet = z.output<typeof maskSetSchema>;
/** A stored mask. */
export type PrivacyMask = z.output<typeof maskSchema>;

/** Even-odd test of a point (normalised) against a polygon. */
export function pointInPolygon(x: number, y: number, p: Polygon): boolean {
  let inside = false;
  for (let i = 0, j = p.length - 1; i < p.length; j = i++) {
    const a = p[i];
    const b = p[j];
    if (!a || !b) continue;
    if (a[1] > y !== b[1] > y && x < ((b[0] - a[0]) * (y - a[1])) / (b[1] - a[1]) + a[0]) {
      inside = !inside;
    }
  }
  return inside;
}
