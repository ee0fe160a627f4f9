/**
 * What the system tells the alarm console: a condition raised (a camera offline, the disk
 * filling), or ended. The composition turns the live alarm feed and the retention board into
 * these calls (`compose/alarm-sources.ts`), so this module imports neither.
 */
import type { AlarmKind } from './api-shapes.ts';
import type { AlarmPriority } from './tables.ts';

/** A system condition that holds now. */
export interface SystemAlarm {
  /** Stable key of the condition, e.g. `camera.offline:cam-001`; one open alarm per key. */
  readonly key: string;
  readonly kind: AlarmKind;
  readonly priority: AlarmPriority;
  /** In words (English, for the log and as a fallback). */
  readonly message: string;
  /** The message's parameters, for the interface to word it. */
  readonly params?: Readonly<Record<string, string | number>>;
  readonly cameraIds?: readonly string[];
  /** When the condition began (e.g. a camera event's time), UTC ms; default: now. */
  readonly eventMs?: number;
}

/** Where the system's alarms go: what the alarm console offers the composition. */
export interface SystemAlarmSink {
  /** A condition holds: opens an alarm, or re-raises the open one of the same key. */
  raised(alarm: SystemAlarm): Promise<void>;
  /** A condition ended: the open alarm of the key gets `clearedMs`; it stays open. */
  cleared(key: string): Promise<void>;
  /** Only these conditions hold now (at start-up): the others' open alarms are cleared. */
  reconcile(activeKeys: ReadonlySet<string>): Promise<void>;
}
