/**
 * The alarms panel's state, pure: the active alarms by key, and the recent changes (newest first,
 * bounded), from the server's `alarms` snapshot and `raised`/`cleared` events.
 */

/** An alarm as the server sends it. */
export interface Alarm {
  key: string;
  kind: 'camera_offline' | 'recording_gap' | 'disk_pressure' | 'other';
  severity: 'warning' | 'critical';
  message: string;
  cameraIds: string[];
  sinceMs: number;
}

/** One change seen by the panel. */
export interface AlarmHistoryEntry {
  type: 'raised' | 'cleared';
  alarm: Alarm;
  atMs: number;
}

/** The panel's state. */
export interface AlarmState {
  active: Alarm[];
  history: AlarmHistoryEntry[];
}

/** Most history entries kept. */
export const HISTORY_LIMIT = 100;

/** The empty state. */
export const EMPTY_ALARMS: AlarmState = { active: [], history: [] };

const KINDS = new Set(['camera_offline', 'recording_gap', 'disk_pressure', 'other']);

/** Reads one alarm from untrusted JSON; undefined when malformed. */
export function parseAlarm(value: unknown): Alarm | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const a = value as Record<string, unknown>;
  if (typeof a.key !== 'string' || typeof a.message !== 'string') return undefined;
  if (typeof a.kind !== 'string' || !KINDS.has(a.kind)) return undefined;
  return {
    key: a.key,
    kind: a.kind as Alarm['kind'],
    severity: a.severity === 'critical' ? 'critical' : 'warning',
    message: a.message,
    cameraIds: Array.isArray(a.cameraIds) ? a.cameraIds.filter((c) => typeof c === 'string') : [],
    sinceMs: typeof a.sinceMs === 'number' ? a.sinceMs : 0,
  };
}

/** The state after the server's snapshot. */
export function withSnapshot(state: AlarmState, alarms: Alarm[]): AlarmState {
  return { ...state, active: [...alarms].sort((a, b) => a.sinceMs - b.sinceMs) };
}

/** The state after one change. */
export function withChange(
  state: AlarmState,
  type: 'raised' | 'cleared',
  alarm: Alarm,
  atMs: number,
): AlarmState {
  const others = state.active.filter((a) => a.key !== alarm.key);
  const active =
    type === 'raised' ? [...others, alarm].sort((a, b) => a.sinceMs - b.sinceMs) : others;
  const history = [{ type, alarm, atMs }, ...state.history].slice(0, HISTORY_LIMIT);
  return { active, history };
}
