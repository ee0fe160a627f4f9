/**
 * Fault injection on the simulator's cameras: the programmatic API behind `sim.faults`, also used
 * by the HTTP control endpoint. A fault applies to both streams of a camera, except a resolution
 * change, which switches the main stream (or the sub-stream when asked) to a clip of another size
 * at its next key frame, with new parameter sets.
 */
import type { Clock, Logger } from '../app/index.ts';
import { invalidArgument } from '../app/index.ts';
import { alternateSize } from './camera-config.ts';
import { VIDEO_CLOCK_RATE } from './prepared-clip.ts';
import type { ClipLoader, SimCamera } from './simulator.ts';

/** A picture size. */
export interface Size {
  width: number;
  height: number;
}

/** Fault injection per camera. Durations are in seconds of the simulator's clock. */
export interface SimulatorFaults {
  /**
   * Closes every connection to the camera now; with `refuseSeconds`, refuses new ones (closes
   * them unanswered) for that long. Returns the number of sessions closed.
   */
  disconnect(cameraId: string, opts?: { refuseSeconds?: number }): number;
  /** Closes the camera's connections and refuses new ones until `restore`. */
  offline(cameraId: string): void;
  /** Ends every fault in force on the camera (a timestamp offset stays). */
  restore(cameraId: string): void;
  /** Stops sending media for `seconds`, keeping connections open; resumes at a key frame. */
  stall(cameraId: string, seconds: number): void;
  /** Overwrites random bytes in `fraction` (0..1, default 0.05) of the RTP payloads for `seconds`. */
  corrupt(cameraId: string, seconds: number, fraction?: number): void;
  /** Adds `seconds` (default 3600, may be negative) to every later RTP timestamp of the camera. */
  timestampJump(cameraId: string, seconds?: number): void;
  /**
   * Switches the stream to a clip of another size (default: 1080p <-> 720p, or back to the
   * configured size), encoding it first if needed. Resolves with the new size.
   */
  resolutionChange(cameraId: string, opts?: Partial<Size> & { sub?: boolean }): Promise<Size>;
}

/** What the fault API works on. */
export interface FaultContext {
  camera(id: string): SimCamera;
  clock: Clock;
  logger: Logger;
  loader: ClipLoader;
}

function seconds(name: string, value: number): number {
  if (!Number.isFinite(value) || value < 0 || value > 7 * 86_400) {
    throw invalidArgument(
      `'${name}' must be a number of seconds between 0 and 604800, got ${value}`,
    );
  }
  return value;
}

/** Builds the fault API over the simulator's cameras. */
export function createFaults(ctx: FaultContext): SimulatorFaults {
  const now = (): number => ctx.clock.monotonicMs();
  const closeAll = (c: SimCamera): number => c.main.disconnectAll() + (c.sub?.disconnectAll() ?? 0);
  const log = (cameraId: string, fault: string, extra: Record<string, unknown> = {}): void =>
    ctx.logger.info({ camera: cameraId, fault, ...extra }, 'simulated camera fault');
  return {
    disconnect(cameraId, opts = {}) {
      const c = ctx.camera(cameraId);
      const refuse = seconds('refuseSeconds', opts.refuseSeconds ?? 0);
      if (refuse > 0)
        c.faults.offlineUntilMs = Math.max(c.faults.offlineUntilMs, now() + refuse * 1000);
      log(cameraId, 'disconnect', { refuseSeconds: refuse });
      return closeAll(c);
    },
    offline(cameraId) {
      const c = ctx.camera(cameraId);
      c.faults.offlineUntilMs = Infinity;
      log(cameraId, 'offline');
      closeAll(c);
    },
    restore(cameraId) {
      ctx.camera(cameraId).faults.restore();
      log(cameraId, 'restore');
    },
    stall(cameraId, secs) {
      const c = ctx.camera(cameraId);
      c.faults.stallUntilMs = now() + seconds('seconds', secs) * 1000;
      log(cameraId, 'stall', { seconds: secs });
    },
    corrupt(cameraId, secs, fraction = 0.05) {
      const c = ctx.camera(cameraId);
      if (!(fraction > 0 && fraction <= 1)) {
        throw invalidArgument(`'fraction' must be in (0, 1], got ${fraction}`);
      }
      c.faults.corruptUntilMs = now() + seconds('seconds', secs) * 1000;
      c.faults.corruptFraction = fraction;
      log(cameraId, 'corrupt', { seconds: secs, fraction });
    },
    timestampJump(cameraId, secs = 3600) {
      const c = ctx.camera(cameraId);
      if (!Number.isFinite(secs) || Math.abs(secs) > 86_400) {
        throw invalidArgument(`'seconds' must be within one day, got ${secs}`);
      }
      const ticks = Math.round(secs * VIDEO_CLOCK_RATE);
      c.faults.timestampOffsetTicks = (c.faults.timestampOffsetTicks + ticks) % 2 ** 32;
      log(cameraId, 'timestamp-jump', { seconds: secs });
    },
    async resolutionChange(cameraId, opts = {}) {
      const c = ctx.camera(cameraId);
      const mount = opts.sub === true ? c.sub : c.main;
      const req = opts.sub === true ? c.plan.sub : c.plan.main;
      if (mount === undefined || req === undefined) {
        throw invalidArgument(`camera ${cameraId} has no sub-stream`);
      }
      const current = { width: mount.clip.spec.width, height: mount.clip.spec.height };
      const alt = alternateSize(current, req);
      const size = { width: opts.width ?? alt.width, height: opts.height ?? alt.height };
      const clip = await ctx.loader.load({
        ...req,
        ...size,
        bitrateKbps:
          size.width === req.width && size.height === req.height ? req.bitrateKbps : undefined,
        label: c.plan.labelFor(size.width, size.height),
      });
      if (clip.spec.fps !== mount.clip.spec.fps) {
        throw invalidArgument('a resolution change must keep the frame rate');
      }
      mount.clip = clip;
      log(cameraId, 'resolution-change', { ...size, sub: opts.sub === true });
      return size;
    },
  };
}
