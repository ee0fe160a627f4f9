/**
 * Vedetta's privacy masks compared with the camera's own (ONVIF Media2 masks), pure: both sets
 * are rasterised on the same grid (`rasterizeMasks`, a cell hidden when its centre is inside a
 * polygon — the rule burn-in and the overlay follow) and counted cell by cell. For each Vedetta
 * mask, the share of its area the camera also hides; for each enabled camera mask, the share of
 * its area no Vedetta mask hides; and a verdict.
 *
 * Tolerance: the two sets are drawn by different hands (and cameras round polygons to their own
 * grid), so a difference counts only when it is more than `tolerance` (default 5 %) of the mask's
 * own area, counted in cells of a 320 × 180 grid. A Vedetta mask is "covered" when the camera
 * hides at least 95 % of it; a camera mask "hides more" when over 5 % of it lies outside every
 * Vedetta mask. A mask smaller than one cell's centre-to-centre spacing may rasterise to no cell:
 * it counts as covered (and hides nothing more).
 */
import type { Polygon } from './polygon.ts';
import { rasterizeMasks } from './raster.ts';

/** The comparison's answer in one word. */
export const MASK_VERDICTS = [
  'match',
  'camera_hides_less',
  'camera_hides_more',
  'differs',
  'camera_has_none',
  'not_supported',
] as const;

/** One of `MASK_VERDICTS`. */
export type MaskVerdict = (typeof MASK_VERDICTS)[number];

/** The comparison grid: 16:9 cells, fine enough for a mask of a few pixels of a 720p picture. */
export const COMPARE_GRID = { width: 320, height: 180 } as const;
/** Default tolerance: the share of a mask's own area a difference must exceed. */
export const DEFAULT_TOLERANCE = 0.05;

/** A camera mask as the comparison takes it. */
export interface CameraMaskShape {
  token: string;
  points: Polygon;
  /** Disabled masks hide nothing and are left out of the comparison. */
  enabled: boolean;
}

/** A Vedetta mask as the comparison takes it. */
export interface VedettaMaskShape {
  id: string;
  label: string;
  points: Polygon;
}

/** How much of one Vedetta mask the camera hides. */
export interface VedettaMaskCoverage {
  id: string;
  label: string;
  /** The mask's area, share of the picture (0…1). */
  areaShare: number;
  /** The share of the mask's area the camera hides too (0…1). */
  coveredShare: number;
  /** True when the camera hides it within the tolerance. */
  covered: boolean;
}

/** How much one camera mask hides beyond Vedetta's masks. */
export interface CameraMaskExtra {
  token: string;
  areaShare: number;
  /** The share of the camera mask's area no Vedetta mask hides (0…1). */
  extraShare: number;
  /** True when that is beyond the tolerance. */
  hidesMore: boolean;
}

/** The comparison. */
export interface MaskComparison {
  verdict: MaskVerdict;
  vedetta: VedettaMaskCoverage[];
  /** The enabled camera masks only; the disabled ones are counted in `disabledCameraMasks`. */
  camera: CameraMaskExtra[];
  disabledCameraMasks: number;
  /** Vedetta masks the camera does not cover (the "areas not covered"). */
  uncoveredCount: number;
  /** Camera masks that hide area no Vedetta mask hides. */
  extraCount: number;
  tolerance: number;
}

/** Options of `compareMasks`. */
export interface CompareOptions {
  tolerance?: number;
  grid?: { width: number; height: number };
}

function count(mask: Uint8Array): number {
  let n = 0;
  for (const v of mask) n += v;
  return n;
}

function overlap(a: Uint8Array, b: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < a.length; i++) n += (a[i] ?? 0) & (b[i] ?? 0);
  return n;
}

/**
 * Compares the two sets. `not_supported` (the camera cannot tell) is the caller's verdict; this
 * gives `camera_has_none` when Vedetta has masks and the camera no enabled one, `match` when
 * neither has any.
 */
export function compareMasks(
  vedettaMasks: readonly VedettaMaskShape[],
  cameraMasks: readonly CameraMaskShape[],
  options: CompareOptions = {},
): MaskComparison {
  const tolerance = options.tolerance ?? DEFAULT_TOLERANCE;
  const { width, height } = options.grid ?? COMPARE_GRID;
  const cells = width * height;
  const enabled = cameraMasks.filter((m) => m.enabled);
  const cameraAll = rasterizeMasks(
    enabled.map((m) => m.points),
    width,
    height,
  );
  const vedettaAll = rasterizeMasks(
    vedettaMasks.map((m) => m.points),
    width,
    height,
  );
  const differs = (part: number, whole: number): boolean => part > 0 && part > tolerance * whole;

  const vedetta = vedettaMasks.map((m): VedettaMaskCoverage => {
    const own = rasterizeMasks([m.points], width, height);
    const area = count(own);
    const hidden = overlap(own, cameraAll);
    return {
      id: m.id,
      label: m.label,
      areaShare: area / cells,
      coveredShare: area === 0 ? 1 : hidden / area,
      covered: !differs(area - hidden, area),
    };
  });
  const camera = enabled.map((m): CameraMaskExtra => {
    const own = rasterizeMasks([m.points], width, height);
    const area = count(own);
    const extra = area - overlap(own, vedettaAll);
    return {
      token: m.token,
      areaShare: area / cells,
      extraShare: area === 0 ? 0 : extra / area,
      hidesMore: differs(extra, area),
    };
  });
  const uncoveredCount = vedetta.filter((v) => !v.covered).length;
  const extraCount = camera.filter((c) => c.hidesMore).length;
  let verdict: MaskVerdict;
  if (enabled.length === 0 && vedettaMasks.length > 0) verdict = 'camera_has_none';
  else if (uncoveredCount > 0 && extraCount > 0) verdict = 'differs';
  else if (uncoveredCount > 0) verdict = 'camera_hides_less';
  else if (extraCount > 0) verdict = 'camera_hides_more';
  else verdict = 'match';
  return {
    verdict,
    vedetta,
    camera,
    disabledCameraMasks: cameraMasks.length - enabled.length,
    uncoveredCount,
    extraCount,
    tolerance,
  };
}
