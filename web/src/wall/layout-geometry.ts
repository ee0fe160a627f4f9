/**
 * The wall's layouts and where each tile sits, pure: square grids of 1, 4, 9 and 16 tiles, and
 * the operations-room layouts of one big tile with small ones around it — 1+5 (a 3×3 grid, the
 * big tile 2×2 top left), 1+7 (4×4, the big tile 3×3 top left), 1+12 (4×4, the big tile 2×2 in
 * the middle, twelve around). Tile 0 is the big one. The CSS grid places each tile by its rect;
 * arrow keys move the selection to the neighbouring tile.
 */

/** Layout names, as the server stores them (`server/src/views/layouts.ts`). */
export const LAYOUTS = ['1', '4', '9', '16', '1+5', '1+7', '1+12'] as const;

/** One layout. */
export type Layout = (typeof LAYOUTS)[number];

/** Most places a view keeps. */
export const MAX_PLACES = 16;

/** Where a tile sits: 1-based grid column and row, and how many it spans. */
export interface TileRect {
  col: number;
  row: number;
  colSpan: number;
  rowSpan: number;
}

/** A layout's grid: its size and the rect of each tile, in tile order. */
export interface LayoutGeometry {
  columns: number;
  rows: number;
  tiles: TileRect[];
}

/** True when `value` names a layout. */
export function isLayout(value: unknown): value is Layout {
  return (LAYOUTS as readonly unknown[]).includes(value);
}

/** How many tiles a layout shows. */
export function tileCountOf(layout: Layout): number {
  const [big, small] = layout.split('+');
  return Number(big) + (small === undefined ? 0 : Number(small));
}

const cell = (col: number, row: number): TileRect => ({ col, row, colSpan: 1, rowSpan: 1 });

function square(n: number): LayoutGeometry {
  const tiles: TileRect[] = [];
  for (let r = 1; r <= n; r++) for (let c = 1; c <= n; c++) tiles.push(cell(c, r));
  return { columns: n, rows: n, tiles };
}

/** A big tile spanning `span` cells at (col,row) in an n×n grid; every other cell a small tile. */
function bigAndSmall(n: number, span: number, col: number, row: number): LayoutGeometry {
  const tiles: TileRect[] = [{ col, row, colSpan: span, rowSpan: span }];
  const inBig = (c: number, r: number) => c >= col && c < col + span && r >= row && r < row + span;
  for (let r = 1; r <= n; r++)
    for (let c = 1; c <= n; c++) if (!inBig(c, r)) tiles.push(cell(c, r));
  return { columns: n, rows: n, tiles };
}

/** The grid of a layout. */
export function geometryOf(layout: Layout): LayoutGeometry {
  switch (layout) {
    case '1':
      return square(1);
    case '4':
      return square(2);
    case '9':
      return square(3);
    case '16':
      return square(4);
    case '1+5':
      return bigAndSmall(3, 2, 1, 1);
    case '1+7':
      return bigAndSmall(4, 3, 1, 1);
    case '1+12':
      return bigAndSmall(4, 2, 2, 2);
  }
}

/** An arrow key's direction. */
export type Direction = 'left' | 'right' | 'up' | 'down';

/**
 * The tile next to tile `from` in `direction`: among the tiles touching its side, the one whose
 * middle is nearest to its middle; `from` itself at the edge of the grid.
 */
export function neighbourOf(layout: Layout, from: number, direction: Direction): number {
  const { tiles } = geometryOf(layout);
  const a = tiles[from];
  if (a === undefined) return 0;
  const mid = (r: TileRect) => ({ x: r.col + r.colSpan / 2, y: r.row + r.rowSpan / 2 });
  const overlaps = (s1: number, l1: number, s2: number, l2: number) => s1 < s2 + l2 && s2 < s1 + l1;
  const touching = tiles
    .map((b, i) => ({ b, i }))
    .filter(({ b }) => {
      switch (direction) {
        case 'right':
          return b.col === a.col + a.colSpan && overlaps(a.row, a.rowSpan, b.row, b.rowSpan);
        case 'left':
          return b.col + b.colSpan === a.col && overlaps(a.row, a.rowSpan, b.row, b.rowSpan);
        case 'down':
          return b.row === a.row + a.rowSpan && overlaps(a.col, a.colSpan, b.col, b.colSpan);
        case 'up':
          return b.row + b.rowSpan === a.row && overlaps(a.col, a.colSpan, b.col, b.colSpan);
      }
    });
  const m = mid(a);
  let best = from;
  let bestDistance = Infinity;
  for (const { b, i } of touching) {
    const d = Math.abs(mid(b).x - m.x) + Math.abs(mid(b).y - m.y);
    if (d < bestDistance) {
      best = i;
      bestDistance = d;
    }
  }
  return best;
}
