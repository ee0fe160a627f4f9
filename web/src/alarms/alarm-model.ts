/**
 * The console's state, pure: the alarms known by id (from the stream's snapshot, its changes and
 * any history fetched), and what the list shows: filtered by open/all, priority and camera,
 * sorted open first, then by priority, then latest first.
 */
import type { Alarm, AlarmPriority } from './alarms-api.ts';

/** The console's alarms by id. */
export type AlarmMap = ReadonlyMap<string, Alarm>;

/** What the list shows. */
export interface AlarmFilter {
  scope: 'open' | 'all';
  priority: AlarmPriority | 'any';
  /** A camera id, or '' for any. */
  camera: string;
}

/** The filter the console opens with. */
export const DEFAULT_FILTER: AlarmFilter = { scope: 'open', priority: 'any', camera: '' };

const PRIORITY_RANK: Record<AlarmPriority, number> = { high: 0, medium: 1, low: 2 };

/** Reads one alarm from untrusted JSON; undefined when malformed. */
export function parseAlarm(value: unknown): Alarm | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const a = value as Partial<Alarm>;
  if (typeof a.id !== 'string' || typeof a.kind !== 'string' || typeof a.state !== 'string') {
    return undefined;
  }
  if (!Array.isArray(a.cameraIds) || typeof a.raisedMs !== 'number') return undefined;
  return value as Alarm;
}

/** The map after the stream's snapshot of open alarms: open ones replaced, closed ones kept. */
export function withSnapshot(map: AlarmMap, open: readonly Alarm[]): AlarmMap {
  const next = new Map<string, Alarm>();
  for (const [id, a] of map) if (a.state === 'closed') next.set(id, a);
  for (const a of open) next.set(a.id, a);
  return next;
}

/** The map with these alarms put in (a change, or a page of history); newer versions win. */
export function withAlarms(map: AlarmMap, alarms: readonly Alarm[]): AlarmMap {
  const next = new Map(map);
  for (const a of alarms) {
    const known = next.get(a.id);
    if (!known || known.updatedMs <= a.updatedMs) next.set(a.id, a);
  }
  return next;
}

/** The alarms the list shows, in order. */
export function visibleAlarms(map: AlarmMap, f: AlarmFilter): Alarm[] {
  return [...map.values()]
    .filter((a) => f.scope === 'all' || a.state !== 'closed')
    .filter((a) => f.priority === 'any' || a.priority === f.priority)
    .filter((a) => f.camera === '' || a.cameraIds.includes(f.camera))
    .sort(
      (a, b) =>
        Number(a.state === 'closed') - Number(b.state === 'closed') ||
        PRIORITY_RANK[a.priority] - PRIORITY_RANK[b.priority] ||
        b.raisedMs - a.raisedMs ||
        a.id.localeCompare(b.id),
    );
}

/** True when a stream event should sound: a new (or raised again) high-priority open alarm. */
export function shouldSound(type: string, a: Alarm): boolean {
  return type === 'raised' && a.priority === 'high' && a.state === 'new';
}
