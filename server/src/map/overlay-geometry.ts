/**
 * Where an image overlay's corners fall on the map, from two or three of its pixels whose
 * positions are known. The fit is done in Web Mercator metres (the map's own projection, where a
 * plan keeps its shape): two points give a similarity (scale, rotation, shift), three an affine
 * placement (any parallelogram). Pure functions, no I/O.
 */

/** A geographic position in degrees. */
export interface LatLon {
  lat: number;
  lon: number;
}

/** A pixel of the image, from its top-left corner, and where it is on the ground. */
export interface OverlayPoint {
  pixel: readonly [number, number];
  lat: number;
  lon: number;
}

/** The image's corners on the map. */
export interface OverlayCorners {
  topLeft: LatLon;
  topRight: LatLon;
  bottomLeft: LatLon;
  bottomRight: LatLon;
}

const EARTH_RADIUS_M = 6_378_137;
const DEG = Math.PI / 180;

/** Web Mercator metres (x east, y north) of a position. */
export function toMercator(p: LatLon): [number, number] {
  return [
    EARTH_RADIUS_M * p.lon * DEG,
    EARTH_RADIUS_M * Math.log(Math.tan(Math.PI / 4 + (p.lat * DEG) / 2)),
  ];
}

/** The position of Web Mercator metres. */
export function fromMercator([x, y]: readonly [number, number]): LatLon {
  return {
    lat: (2 * Math.atan(Math.exp(y / EARTH_RADIUS_M)) - Math.PI / 2) / DEG,
    lon: x / EARTH_RADIUS_M / DEG,
  };
}

/** Maps an image pixel `[x, y]` to Mercator metres. */
type PixelToMercator = (px: readonly [number, number]) => [number, number];

/**
 * The similarity through two points: pixels as complex numbers `x − i·y` (y grows downwards in
 * an image, northwards on the map), `m = a·p + b`.
 */
function similarity(p1: OverlayPoint, p2: OverlayPoint): PixelToMercator {
  const [m1x, m1y] = toMercator(p1);
  const [m2x, m2y] = toMercator(p2);
  const q1 = [p1.pixel[0], -p1.pixel[1]] as const;
  const q2 = [p2.pixel[0], -p2.pixel[1]] as const;
  const dqx = q2[0] - q1[0];
  const dqy = q2[1] - q1[1];
  const den = dqx * dqx + dqy * dqy;
  if (den === 0) throw new RangeError('the two points must be different pixels');
  const dmx = m2x - m1x;
  const dmy = m2y - m1y;
  // a = dm / dq (complex division)
  const ax = (dmx * dqx + dmy * dqy) / den;
  const ay = (dmy * dqx - dmx * dqy) / den;
  return ([x, y]) => {
    const qx = x - q1[0];
    const qy = -y - q1[1];
    return [m1x + ax * qx - ay * qy, m1y + ax * qy + ay * qx];
  };
}

/** The affine map through three points (they must not be on one line, in pixels). */
function affine(p1: OverlayPoint, p2: OverlayPoint, p3: OverlayPoint): PixelToMercator {
  const m1 = toMercator(p1);
  const m2 = toMercator(p2);
  const m3 = toMercator(p3);
  const ux = p2.pixel[0] - p1.pixel[0];
  const uy = p2.pixel[1] - p1.pixel[1];
  const vx = p3.pixel[0] - p1.pixel[0];
  const vy = p3.pixel[1] - p1.pixel[1];
  const det = ux * vy - uy * vx;
  if (Math.abs(det) < 1e-9) throw new RangeError('the three points must not be on one line');
  return ([x, y]) => {
    const dx = x - p1.pixel[0];
    const dy = y - p1.pixel[1];
    // (dx, dy) = s·u + t·v
    const s = (dx * vy - dy * vx) / det;
    const t = (ux * dy - uy * dx) / det;
    return [
      m1[0] + s * (m2[0] - m1[0]) + t * (m3[0] - m1[0]),
      m1[1] + s * (m2[1] - m1[1]) + t * (m3[1] - m1[1]),
    ];
  };
}

/**
 * The corners of a `width`×`height` image pinned by `points` (two: similarity; three: affine).
 * Throws a RangeError for coincident or collinear points.
 */
export function overlayCorners(
  size: { width: number; height: number },
  points: readonly OverlayPoint[],
): OverlayCorners {
  const [a, b, c] = points;
  if (a === undefined || b === undefined || points.length > 3) {
    throw new RangeError('an overlay needs two or three points');
  }
  const toM = c === undefined ? similarity(a, b) : affine(a, b, c);
  const at = (x: number, y: number): LatLon => fromMercator(toM([x, y]));
  const { width: w, height: h } = size;
  return { topLeft: at(0, 0), topRight: at(w, 0), bottomLeft: at(0, h), bottomRight: at(w, h) };
}
