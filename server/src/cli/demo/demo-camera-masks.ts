/**
 * The privacy masks some demo cameras keep on the camera itself (ONVIF Media2 masks), so that the
 * mask editor's comparison with Vedetta's own masks has something to show: `cam-001` hides the
 * window of a house, `cam-002` a window and a balcony. Points are in ONVIF's normalised space
 * (x, y in [-1, 1], origin in the middle, y UP), as the camera stores them.
 */
import type { SimMaskInput } from '../../sim/index.ts';

const DEMO_MASKS: Readonly<Record<string, readonly SimMaskInput[]>> = {
  // The upper-left window: picture x 0.2…0.35, y 0.25…0.4 (top-left origin).
  'cam-001': [
    {
      points: [
        [-0.6, 0.5],
        [-0.3, 0.5],
        [-0.3, 0.2],
        [-0.6, 0.2],
      ],
    },
  ],
  // A window (upper right) and a balcony (a slanted quadrilateral, left), pixelated.
  'cam-002': [
    {
      points: [
        [0.4, 0.6],
        [0.7, 0.6],
        [0.7, 0.2],
        [0.4, 0.2],
      ],
    },
    {
      points: [
        [-0.9, -0.1],
        [-0.5, 0],
        [-0.5, -0.4],
        [-0.9, -0.5],
      ],
      type: 'Pixelated',
    },
  ],
};

/** The demo's camera-side masks, for those of `cameraIds` that are not domes. */
export function demoCameraMasks(
  cameraIds: readonly string[],
  domes: readonly string[],
): Record<string, readonly SimMaskInput[]> {
  return Object.fromEntries(
    Object.entries(DEMO_MASKS).filter(([id]) => cameraIds.includes(id) && !domes.includes(id)),
  );
}
