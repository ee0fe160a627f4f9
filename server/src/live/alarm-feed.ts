/**
 * The operations room's alarms, as they happen: cameras offline (from ingest), recording gaps
 * (from the recorders), disk pressure and failed deletion runs (the retention module's alarm
 * board). Ingest and recording are read every `pollMs` (in memory, no I/O) while someone listens;
 * the alarm board tells us itself. Listeners get every raise and clear; a new listener starts
 * from the active set.
 */
import type { Clock, TimerHandle } from '../app/index.ts';

/** What an alarm is about, for the panel's grouping and wording. */
export type AlarmKind = 'camera_offline' | 'recording_gap' | 'disk_pressure' | 'other';

/** An active alarm. */
export interface LiveAlarm {
  /** Stable key (one active alarm per key). */
  key: string;
  kind: AlarmKind;
  severity: 'warning' | 'critical';
  message: string;
  cameraIds: string[];
  /** UTC ms when it was raised. */
  sinceMs: number;
}

/** A change: an alarm raised (or its message changed), or cleared. */
export interface AlarmChange {
  type: 'raised' | 'cleared';
  alarm: LiveAlarm;
  atMs: number;
}

/** An alarm of the retention module's board. */
export interface BoardAlarm {
  key: string;
  kind: string;
  severity: 'warning' | 'critical';
  message: string;
  cameraIds: string[];
}

/** Where the feed reads from; each part is optional. */
export interface AlarmSources {
  /** Ingest: each camera stream's connection state. */
  streamStates?: () => { cameraId: string; stream: string; state: string; message?: string }[];
  /** Recording: each recorded stream's open gap, if any. */
  recordingGaps?: () => {
    cameraId: string;
    open: { cause: string; message: string } | undefined;
  }[];
  /** The retention module's board: subscribe to raises and clears. */
  board?: {
    active(): BoardAlarm[];
    onChange(fn: (alarm: BoardAlarm, active: boolean) => void): () => void;
  };
}

/** Board kinds that mean the disk is filling up. */
const DISK_KINDS = new Set(['storage.low', 'storage.held_only', 'recording.stopped_disk']);

/** The alarm feed. */
export class AlarmFeed {
  private readonly active = new Map<string, LiveAlarm>();
  private readonly listeners = new Set<(change: AlarmChange) => void>();
  private timer: TimerHandle | undefined;
  private unsubscribeBoard: (() => void) | undefined;

  constructor(
    private readonly sources: AlarmSources,
    private readonly clock: Clock,
    private readonly pollMs = 1000,
  ) {}

  /** The active alarms, oldest first. */
  list(): LiveAlarm[] {
    if (this.listeners.size === 0) this.refresh();
    return [...this.active.values()].sort((a, b) => a.sinceMs - b.sinceMs);
  }

  /** Listens to changes; returns the unsubscribe. Polling runs while anyone listens. */
  subscribe(fn: (change: AlarmChange) => void): () => void {
    if (this.listeners.size === 0) this.startWatching();
    this.listeners.add(fn);
    return () => {
      this.listeners.delete(fn);
      if (this.listeners.size === 0) this.stopWatching();
    };
  }

  /** Stops polling and listening. */
  close(): void {
    this.listeners.clear();
    this.stopWatching();
  }

  /** Reads the sources once and reports what changed. */
  refresh(): void {
    const seen = new Set<string>();
    for (const s of this.sources.streamStates?.() ?? []) {
      if (s.stream !== 'main' || s.state !== 'offline') continue;
      const key = `camera.offline:${s.cameraId}`;
      seen.add(key);
      this.raise({
        key,
        kind: 'camera_offline',
        severity: 'critical',
        message: s.message ?? 'camera offline',
        cameraIds: [s.cameraId],
      });
    }
    for (const r of this.sources.recordingGaps?.() ?? []) {
      if (r.open === undefined) continue;
      const key = `recording.gap:${r.cameraId}`;
      seen.add(key);
      this.raise({
        key,
        kind: 'recording_gap',
        severity: 'warning',
        message: `${r.open.cause}: ${r.open.message}`,
        cameraIds: [r.cameraId],
      });
    }
    for (const a of this.sources.board?.active() ?? []) {
      seen.add(`board:${a.key}`);
      this.fromBoard(a, true);
    }
    for (const key of [...this.active.keys()]) if (!seen.has(key)) this.clear(key);
  }

  private startWatching(): void {
    this.refresh();
    this.unsubscribeBoard = this.sources.board?.onChange((a, on) => this.fromBoard(a, on));
    const tick = (): void => {
      this.refresh();
      this.timer = this.clock.setTimeout(tick, this.pollMs);
    };
    this.timer = this.clock.setTimeout(tick, this.pollMs);
  }

  private stopWatching(): void {
    this.timer?.cancel();
    this.timer = undefined;
    this.unsubscribeBoard?.();
    this.unsubscribeBoard = undefined;
  }

  private fromBoard(a: BoardAlarm, on: boolean): void {
    const key = `board:${a.key}`;
    if (!on) {
      this.clear(key);
      return;
    }
    this.raise({
      key,
      kind: DISK_KINDS.has(a.kind) ? 'disk_pressure' : 'other',
      severity: a.severity,
      message: a.message,
      cameraIds: a.cameraIds,
    });
  }

  private raise(a: Omit<LiveAlarm, 'sinceMs'>): void {
    const prev = this.active.get(a.key);
    if (prev && prev.message === a.message) return;
    const now = this.clock.nowMs();
    const alarm: LiveAlarm = { ...a, sinceMs: prev?.sinceMs ?? now };
    this.active.set(a.key, alarm);
    this.emit({ type: 'raised', alarm, atMs: now });
  }

  private clear(key: string): void {
    const alarm = this.active.get(key);
    if (!alarm) return;
    this.active.delete(key);
    this.emit({ type: 'cleared', alarm, atMs: this.clock.nowMs() });
  }

  private emit(change: AlarmChange): void {
    for (const l of this.listeners) {
      try {
        l(change);
      } catch {
        // A listener that fails (a closed stream) must not stop the others.
      }
    }
  }
}
