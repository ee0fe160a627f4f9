/**
 * Alarms raised by retention and disk pressure: a failed deletion run, a volume below its
 * low-water mark, a volume holding only held recordings, recording stopped for lack of space.
 * `AlarmSink` is what this module needs; `AlarmBoard` is a small in-process implementation that
 * keeps the active alarms (one per key), logs each change and tells listeners, for the status API
 * and for whichever alarm feed the live module offers.
 */
import type { Clock, Logger } from '../app/index.ts';

/** How bad it is. */
export type AlarmSeverity = 'warning' | 'critical';

/** An active alarm. */
export interface Alarm {
  /** Stable key: raising the same key again updates it, clearing it ends it. */
  key: string;
  /** What kind, e.g. `storage.low`, `storage.held_only`, `recording.stopped_disk`, `retention.failed`. */
  kind: string;
  severity: AlarmSeverity;
  /** For operators, in words. */
  message: string;
  /** Cameras concerned, if any. */
  cameraIds: string[];
  /** When it was first raised (UTC ms). */
  sinceMs: number;
}

/** Where alarms go. */
export interface AlarmSink {
  raise(alarm: Omit<Alarm, 'sinceMs' | 'cameraIds'> & { cameraIds?: string[] }): void;
  clear(key: string): void;
}

/** Active alarms in memory, logged as they change. */
export class AlarmBoard implements AlarmSink {
  private readonly alarms = new Map<string, Alarm>();
  private readonly listeners = new Set<(alarm: Alarm, active: boolean) => void>();

  constructor(
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  raise(a: Omit<Alarm, 'sinceMs' | 'cameraIds'> & { cameraIds?: string[] }): void {
    const prev = this.alarms.get(a.key);
    const alarm: Alarm = {
      ...a,
      cameraIds: a.cameraIds ?? [],
      sinceMs: prev?.sinceMs ?? this.clock.nowMs(),
    };
    this.alarms.set(a.key, alarm);
    if (!prev || prev.message !== alarm.message) {
      const fields = { alarm: alarm.kind, cameras: alarm.cameraIds };
      if (alarm.severity === 'critical') this.logger.error(fields, alarm.message);
      else this.logger.warn(fields, alarm.message);
      for (const l of this.listeners) l(alarm, true);
    }
  }

  clear(key: string): void {
    const alarm = this.alarms.get(key);
    if (!alarm) return;
    this.alarms.delete(key);
    this.logger.info({ alarm: alarm.kind }, `alarm cleared: ${alarm.message}`);
    for (const l of this.listeners) l(alarm, false);
  }

  /** The active alarms, oldest first. */
  active(): Alarm[] {
    return [...this.alarms.values()].sort((a, b) => a.sinceMs - b.sinceMs);
  }

  /** True when an alarm with this key is active. */
  has(key: string): boolean {
    return this.alarms.has(key);
  }

  /** Calls `fn` on every raise (active true) and clear (false); returns the unsubscribe. */
  onChange(fn: (alarm: Alarm, active: boolean) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }
}
