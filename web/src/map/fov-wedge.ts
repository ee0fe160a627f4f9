/**
 * The outline of a camera's field of view on the map: the camera's position, then an arc of
 * `rangeM` metres from `directionDeg − angleDeg/2` to `directionDeg + angleDeg/2` (degrees
 * clockwise from north). Metres to degrees on a local flat approximation (fine for a few hundred
 * metres). Pure.
 */

/** A field of view: degrees clockwise from north, degrees, metres. */
export interface FieldOfView {
  directionDeg: number;
  angleDeg: number;
  rangeM: number;
}

const METRES_PER_DEGREE = 111_320;

/** The wedge's points as `[lat, lon]`, the camera first (a full circle when the angle is 360). */
export function wedgePoints(
  lat: number,
  lon: number,
  v: FieldOfView,
  steps = 24,
): [number, number][] {
  const full = v.angleDeg >= 360;
  const from = full ? 0 : v.directionDeg - v.angleDeg / 2;
  const span = full ? 360 : v.angleDeg;
  const cosLat = Math.cos((lat * Math.PI) / 180);
  const arc: [number, number][] = [];
  for (let i = 0; i <= steps; i++) {
    const b = ((from + (span * i) / steps) * Math.PI) / 180;
    arc.push([
      lat + (v.rangeM * Math.cos(b)) / METRES_PER_DEGREE,
      lon + (v.rangeM * Math.sin(b)) / (METRES_PER_DEGREE * cosLat),
    ]);
  }
  return full ? arc : [[lat, lon], ...arc];
}
