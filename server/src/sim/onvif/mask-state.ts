/**
 * The privacy masks a simulated camera keeps in memory while it runs (Media2 masks): polygons in
 * ONVIF's normalised space — x and y in [-1, 1], origin in the middle, y UP — as the camera
 * stores them, each on the camera's video source configuration, with a type (`Color`,
 * `Pixelated`, `Blurred`), an optional colour and an enabled flag. Limits as a device states
 * them in GetMaskOptions: at most `MAX_MASKS` masks of `MAX_MASK_POINTS` points.
 */

/** At most this many masks per camera (GetMaskOptions `MaxMasks`). */
export const MAX_MASKS = 8;
/** At most this many points per mask (GetMaskOptions `MaxPoints`). */
export const MAX_MASK_POINTS = 16;
/** The mask types the simulated cameras offer. */
export const MASK_TYPES = ['Color', 'Pixelated', 'Blurred'] as const;

/** A mask type. */
export type SimMaskType = (typeof MASK_TYPES)[number];

/** One mask as given to the simulator (ONVIF space: x, y in [-1, 1], y up). */
export interface SimMaskInput {
  points: readonly (readonly [number, number])[];
  type?: SimMaskType;
  /** YCbCr colour (X = Y′, Y = Cb, Z = Cr), for `Color` masks. */
  color?: { x: number; y: number; z: number };
  enabled?: boolean;
}

/** A stored mask. */
export interface SimMask {
  token: string;
  configurationToken: string;
  points: [number, number][];
  type: SimMaskType;
  color: { x: number; y: number; z: number } | undefined;
  enabled: boolean;
}

/** Why a mask is refused (the service answers `ter:InvalidArgVal`). */
export class MaskRefusal extends Error {}

function checked(input: SimMaskInput): Omit<SimMask, 'token' | 'configurationToken'> {
  const n = input.points.length;
  if (n < 3 || n > MAX_MASK_POINTS) {
    throw new MaskRefusal(`a mask needs 3 to ${MAX_MASK_POINTS} points, got ${n}`);
  }
  const points = input.points.map(([x, y]): [number, number] => {
    if (!Number.isFinite(x) || !Number.isFinite(y) || Math.abs(x) > 1 || Math.abs(y) > 1) {
      throw new MaskRefusal(`point (${x}, ${y}) is outside [-1, 1]`);
    }
    return [x, y];
  });
  const type = input.type ?? 'Color';
  if (!MASK_TYPES.includes(type)) throw new MaskRefusal(`unknown mask type ${String(type)}`);
  return { points, type, color: input.color, enabled: input.enabled ?? true };
}

/** The masks of one camera's video source configuration. */
export class MaskState {
  private readonly masks: SimMask[] = [];
  private next = 1;

  constructor(
    /** The video source configuration every mask belongs to. */
    readonly configurationToken: string,
    initial: readonly SimMaskInput[] = [],
  ) {
    for (const m of initial) this.create(m);
  }

  /** Every mask (copies), optionally one token's. */
  list(token?: string): SimMask[] {
    return this.masks
      .filter((m) => token === undefined || m.token === token)
      .map((m) => ({ ...m, points: m.points.map(([x, y]): [number, number] => [x, y]) }));
  }

  /** Adds a mask; its token. */
  create(input: SimMaskInput): string {
    if (this.masks.length >= MAX_MASKS) {
      throw new MaskRefusal(`at most ${MAX_MASKS} masks`);
    }
    const token = `mask-${this.next++}`;
    this.masks.push({ token, configurationToken: this.configurationToken, ...checked(input) });
    return token;
  }

  /** Replaces a mask; false when there is none with that token. */
  set(token: string, input: SimMaskInput): boolean {
    const i = this.masks.findIndex((m) => m.token === token);
    if (i < 0) return false;
    this.masks[i] = { token, configurationToken: this.configurationToken, ...checked(input) };
    return true;
  }

  /** Removes a mask; false when there is none with that token. */
  delete(token: string): boolean {
    const i = this.masks.findIndex((m) => m.token === token);
    if (i < 0) return false;
    this.masks.splice(i, 1);
    return true;
  }
}
