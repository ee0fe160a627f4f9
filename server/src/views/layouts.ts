/**
 * The wall layouts a view may have, and how many tiles each shows: square grids of 1, 4, 9 and
 * 16, and the operations-room layouts of one big tile with 5, 7 or 12 small ones around it. The
 * web app draws them (`web/src/wall/layout-geometry.ts`); the server only counts tiles.
 */

/** Layout names, as stored and sent: the tile count, or `1+N` for a big tile and N small. */
export const LAYOUTS = ['1', '4', '9', '16', '1+5', '1+7', '1+12'] as const;

/** One layout. */
export type Layout = (typeof LAYOUTS)[number];

/** Most places a view keeps (the largest layout's tiles). */
export const MAX_TILES = 16;

/** How many tiles a layout shows. */
export function tileCountOf(layout: Layout): number {
  const [big, small] = layout.split('+');
  return Number(big) + (small === undefined ? 0 : Number(small));
}
