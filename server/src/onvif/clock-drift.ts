/**
 * The periodic check of ONVIF cameras' clocks: every `intervalMs` (on the injected clock) it
 * reads each camera's GetSystemDateAndTime and reports a drift beyond `thresholdSeconds` as a
 * raised condition (told again only when it moves by more than the threshold), and a camera back in sync (or no longer an ONVIF camera) as cleared. An
 * unreachable camera keeps its last state (being offline is another alarm's business).
 */
import type { Clock, Logger, TimerHandle } from '../app/index.ts';

/** One camera to check. */
export interface ClockCheckTarget {
  readonly cameraId: string;
  readonly deviceUrl: string;
}

/** A camera's clock outside the tolerance. */
export interface ClockDrift {
  readonly cameraId: string;
  /** deviceTime − serverTime, whole seconds (negative: the camera is behind). */
  readonly driftSeconds: number;
}

/** What the monitor is made with. */
export interface ClockDriftMonitorOptions {
  readonly clock: Clock;
  readonly logger: Logger;
  readonly intervalMs: number;
  readonly thresholdSeconds: number;
  /** The cameras to check now (read again at every round). */
  readonly targets: () => Promise<readonly ClockCheckTarget[]>;
  /** Reads one camera's offset (device − server, ms); throws when it cannot. */
  readonly readOffsetMs: (target: ClockCheckTarget) => Promise<number>;
  readonly onDrift: (drift: ClockDrift) => void;
  readonly onInSync: (cameraId: string) => void;
}

/** A running monitor. */
export interface ClockDriftMonitor {
  /** Runs one round now (tests; also the first round at start). */
  checkNow(): Promise<void>;
  /** The cameras out of sync now. */
  drifting(): ClockDrift[];
  stop(): void;
}

/** Starts the monitor; the first round runs at once. */
export function startClockDriftMonitor(options: ClockDriftMonitorOptions): ClockDriftMonitor {
  const { clock, logger } = options;
  const out = new Map<string, ClockDrift>();
  let timer: TimerHandle | undefined;
  let stopped = false;
  let running: Promise<void> | undefined;

  async function round(): Promise<void> {
    const targets = await options.targets();
    const ids = new Set(targets.map((t) => t.cameraId));
    for (const id of [...out.keys()]) {
      if (!ids.has(id)) {
        out.delete(id);
        options.onInSync(id);
      }
    }
    for (const t of targets) {
      if (stopped) return;
      let offsetMs: number;
      try {
        offsetMs = await options.readOffsetMs(t);
      } catch (err) {
        logger.debug({ err, cameraId: t.cameraId }, 'onvif clock check: camera not read');
        continue;
      }
      const driftSeconds = Math.round(offsetMs / 1000);
      if (Math.abs(driftSeconds) > options.thresholdSeconds) {
        const before = out.get(t.cameraId);
        // Told again only when the drift moved by more than the threshold (not at each jitter).
        if (
          before === undefined ||
          Math.abs(before.driftSeconds - driftSeconds) > options.thresholdSeconds
        ) {
          out.set(t.cameraId, { cameraId: t.cameraId, driftSeconds });
          options.onDrift({ cameraId: t.cameraId, driftSeconds });
        }
      } else if (out.delete(t.cameraId)) {
        options.onInSync(t.cameraId);
      }
    }
  }

  function checkNow(): Promise<void> {
    running ??= round()
      .catch((err: unknown) => logger.warn({ err }, 'onvif clock check failed'))
      .finally(() => {
        running = undefined;
      });
    return running;
  }

  function schedule(): void {
    if (stopped) return;
    timer = clock.setTimeout(() => {
      void checkNow().then(schedule);
    }, options.intervalMs);
  }

  void checkNow().then(schedule);
  return {
    checkNow,
    drifting: () => [...out.values()],
    stop() {
      stopped = true;
      timer?.cancel();
    },
  };
}
