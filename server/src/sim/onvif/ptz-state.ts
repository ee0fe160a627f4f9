/**
 * The pan/tilt/zoom state of a simulated PTZ dome: a position that integrates velocity over time
 * (ContinuousMove until Stop or its timeout), clamped to pan and tilt in [-1, 1] and zoom in
 * [0, 1]; absolute and relative moves; presets and a home position that persist while the
 * simulator runs. Pure: time is passed in (monotonic milliseconds).
 */

/** A PTZ position in ONVIF's generic spaces. */
export interface PtzPosition {
  pan: number;
  tilt: number;
  zoom: number;
}

/** A velocity per axis, -1..1 (zoom too: negative zooms out). */
export type PtzVelocity = PtzPosition;

/** A stored preset. */
export interface PtzPreset {
  token: string;
  name: string;
  position: PtzPosition;
}

/** Units per second at full speed (velocity 1). */
export const FULL_SPEED_PER_S = 0.5;

const clamp = (v: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, v));

/** Clamps a position into the device's range. */
export function clampPosition(p: PtzPosition): PtzPosition {
  return { pan: clamp(p.pan, -1, 1), tilt: clamp(p.tilt, -1, 1), zoom: clamp(p.zoom, 0, 1) };
}

const ZERO: PtzVelocity = { pan: 0, tilt: 0, zoom: 0 };

/** One dome's PTZ state. */
export class PtzState {
  private base: PtzPosition = { pan: 0, tilt: 0, zoom: 0 };
  private velocity: PtzVelocity = ZERO;
  private sinceMs = 0;
  private untilMs = Infinity;
  private home: PtzPosition = { pan: 0, tilt: 0, zoom: 0 };
  private readonly presets = new Map<string, PtzPreset>();
  private nextPreset = 1;

  /** The position at `nowMs`. */
  position(nowMs: number): PtzPosition {
    const seconds = (Math.min(nowMs, this.untilMs) - this.sinceMs) / 1000;
    const step = seconds * FULL_SPEED_PER_S;
    return clampPosition({
      pan: this.base.pan + this.velocity.pan * step,
      tilt: this.base.tilt + this.velocity.tilt * step,
      zoom: this.base.zoom + this.velocity.zoom * step,
    });
  }

  /** Whether pan/tilt and zoom are still changing at `nowMs`. */
  moving(nowMs: number): { panTilt: boolean; zoom: boolean } {
    if (nowMs >= this.untilMs) return { panTilt: false, zoom: false };
    const p = this.position(nowMs);
    const free = (v: number, x: number, lo: number, hi: number): boolean =>
      v !== 0 && !((v < 0 && x <= lo) || (v > 0 && x >= hi));
    return {
      panTilt: free(this.velocity.pan, p.pan, -1, 1) || free(this.velocity.tilt, p.tilt, -1, 1),
      zoom: free(this.velocity.zoom, p.zoom, 0, 1),
    };
  }

  /** Starts moving at `velocity` (axes left undefined keep their current velocity). */
  continuousMove(v: Partial<PtzVelocity>, nowMs: number, timeoutMs?: number): void {
    const current = this.untilMs > nowMs ? this.velocity : ZERO;
    this.base = this.position(nowMs);
    this.velocity = {
      pan: clamp(v.pan ?? current.pan, -1, 1),
      tilt: clamp(v.tilt ?? current.tilt, -1, 1),
      zoom: clamp(v.zoom ?? current.zoom, -1, 1),
    };
    this.sinceMs = nowMs;
    this.untilMs = timeoutMs === undefined ? Infinity : nowMs + timeoutMs;
  }

  /** Stops pan/tilt and/or zoom. */
  stop(nowMs: number, panTilt = true, zoom = true): void {
    const current = this.untilMs > nowMs ? this.velocity : ZERO;
    this.base = this.position(nowMs);
    this.velocity = {
      pan: panTilt ? 0 : current.pan,
      tilt: panTilt ? 0 : current.tilt,
      zoom: zoom ? 0 : current.zoom,
    };
    this.sinceMs = nowMs;
  }

  /** Jumps to a position (the simulated dome moves instantly), stopping any motion. */
  moveTo(p: Partial<PtzPosition>, nowMs: number): void {
    const here = this.position(nowMs);
    this.base = clampPosition({ ...here, ...p });
    this.velocity = ZERO;
    this.sinceMs = nowMs;
    this.untilMs = Infinity;
  }

  /** Moves by a translation. */
  moveBy(d: Partial<PtzPosition>, nowMs: number): void {
    const here = this.position(nowMs);
    this.moveTo(
      {
        pan: here.pan + (d.pan ?? 0),
        tilt: here.tilt + (d.tilt ?? 0),
        zoom: here.zoom + (d.zoom ?? 0),
      },
      nowMs,
    );
  }

  /** The presets, in creation order. */
  listPresets(): PtzPreset[] {
    return [...this.presets.values()];
  }

  /** Stores the current position as a preset (a new one, or over `token`); returns its token. */
  setPreset(nowMs: number, name: string | undefined, token?: string): string {
    const t = token ?? `preset-${this.nextPreset++}`;
    const existing = this.presets.get(t);
    this.presets.set(t, {
      token: t,
      name: name ?? existing?.name ?? t,
      position: this.position(nowMs),
    });
    return t;
  }

  /** The preset of a token, if any. */
  preset(token: string): PtzPreset | undefined {
    return this.presets.get(token);
  }

  /** Removes a preset; false when there was none. */
  removePreset(token: string): boolean {
    return this.presets.delete(token);
  }

  /** Goes home. */
  gotoHome(nowMs: number): void {
    this.moveTo(this.home, nowMs);
  }

  /** Makes the current position home. */
  setHome(nowMs: number): void {
    this.home = this.position(nowMs);
  }
}
