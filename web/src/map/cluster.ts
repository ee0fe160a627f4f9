/**
 * Grid clustering of markers at one zoom: points (in the map's pixel coordinates at that zoom)
 * that fall in the same square cell are drawn as one numbered marker. Cells are fixed in map
 * pixels, so panning does not regroup and only a zoom does. Pure; fast enough for thousands of
 * cameras (one pass, a Map of cells).
 */

/** A point to cluster. */
export interface PixelPoint {
  id: string;
  x: number;
  y: number;
}

/** One marker to draw: a single point, or a cluster of several. */
export interface ClusterGroup {
  /** The points' ids, in input order. */
  ids: string[];
  /** Mean position of the points, in pixels. */
  x: number;
  y: number;
}

/** Groups `points` by `cellPx`-wide cells; a cell with one point gives a group of one. */
export function clusterPoints(points: readonly PixelPoint[], cellPx: number): ClusterGroup[] {
  const cells = new Map<string, { ids: string[]; sx: number; sy: number }>();
  for (const p of points) {
    const key = `${Math.floor(p.x / cellPx)}:${Math.floor(p.y / cellPx)}`;
    const cell = cells.get(key);
    if (cell === undefined) cells.set(key, { ids: [p.id], sx: p.x, sy: p.y });
    else {
      cell.ids.push(p.id);
      cell.sx += p.x;
      cell.sy += p.y;
    }
  }
  return [...cells.values()].map((c) => ({
    ids: c.ids,
    x: c.sx / c.ids.length,
    y: c.sy / c.ids.length,
  }));
}
