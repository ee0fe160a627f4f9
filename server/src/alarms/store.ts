/**
 * Reading and writing alarms in their own tables: one row per alarm, one per camera it concerns,
 * one per comment. Listing filters by state, camera, priority, time and text in SQL; who may see
 * a row is decided by the service.
 */
import { sql } from 'kysely';
import type { AlarmCommentRow, AlarmPriority, AlarmRow, AlarmsDb } from './tables.ts';

/** A stored alarm with its cameras and how many comments it has. */
export interface StoredAlarm extends AlarmRow {
  cameraIds: string[];
  commentCount: number;
}

/** What a listing asks for; every field optional, combined with AND. */
export interface AlarmQuery {
  /** `open` (new or acknowledged), one state, or everything. */
  readonly state?: 'open' | 'new' | 'acknowledged' | 'closed' | 'all' | undefined;
  readonly cameraIds?: readonly string[] | undefined;
  readonly priority?: AlarmPriority | undefined;
  /** Alarms about this instant or later (`event_ms`), UTC ms. */
  readonly fromMs?: number | undefined;
  /** Alarms about an instant before this, UTC ms. */
  readonly toMs?: number | undefined;
  /** Text searched in the message, the kind and who raised it, case-insensitively. */
  readonly text?: string | undefined;
}

/** Most rows one listing reads before the service filters by access. */
export const MAX_LISTING_ROWS = 2000;

async function complete(db: AlarmsDb, rows: AlarmRow[]): Promise<StoredAlarm[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const links = await db
    .selectFrom('alarm_cameras')
    .select(['alarm_id', 'camera_id'])
    .where('alarm_id', 'in', ids)
    .orderBy('camera_id')
    .execute();
  const counts = await db
    .selectFrom('alarm_comments')
    .select(['alarm_id', (eb) => eb.fn.countAll<number | string>().as('n')])
    .where('alarm_id', 'in', ids)
    .groupBy('alarm_id')
    .execute();
  const cameras = new Map<string, string[]>();
  for (const l of links) cameras.set(l.alarm_id, [...(cameras.get(l.alarm_id) ?? []), l.camera_id]);
  const n = new Map(counts.map((c) => [c.alarm_id, Number(c.n)]));
  return rows.map((r) => ({
    ...r,
    event_ms: Number(r.event_ms),
    raised_ms: Number(r.raised_ms),
    updated_ms: Number(r.updated_ms),
    cleared_ms: r.cleared_ms === null ? null : Number(r.cleared_ms),
    acknowledged_ms: r.acknowledged_ms === null ? null : Number(r.acknowledged_ms),
    closed_ms: r.closed_ms === null ? null : Number(r.closed_ms),
    cameraIds: cameras.get(r.id) ?? [],
    commentCount: n.get(r.id) ?? 0,
  }));
}

/** The alarms matching `q`, latest first, at most `MAX_LISTING_ROWS`. */
export async function queryAlarms(db: AlarmsDb, q: AlarmQuery): Promise<StoredAlarm[]> {
  let sel = db.selectFrom('alarms').selectAll('alarms');
  if (q.state === 'open') sel = sel.where('state', '<>', 'closed');
  else if (q.state !== undefined && q.state !== 'all') sel = sel.where('state', '=', q.state);
  if (q.cameraIds !== undefined) {
    if (q.cameraIds.length === 0) return [];
    const ids = [...q.cameraIds];
    sel = sel.where('id', 'in', (eb) =>
      eb.selectFrom('alarm_cameras').select('alarm_id').where('camera_id', 'in', ids),
    );
  }
  if (q.priority !== undefined) sel = sel.where('priority', '=', q.priority);
  if (q.fromMs !== undefined) sel = sel.where('event_ms', '>=', q.fromMs);
  if (q.toMs !== undefined) sel = sel.where('event_ms', '<', q.toMs);
  const text = q.text?.trim().toLowerCase();
  if (text) {
    const like = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const has = (column: 'message' | 'kind' | 'raised_by_name') =>
      sql<boolean>`lower(${sql.ref(column)}) like ${like} escape '\\'`;
    sel = sel.where((eb) => eb.or([has('message'), has('kind'), has('raised_by_name')]));
  }
  const rows = await sel
    .orderBy('raised_ms', 'desc')
    .orderBy('id')
    .limit(MAX_LISTING_ROWS)
    .execute();
  return complete(db, rows);
}

/** One alarm, or undefined. */
export async function alarmById(db: AlarmsDb, id: string): Promise<StoredAlarm | undefined> {
  const row = await db.selectFrom('alarms').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? (await complete(db, [row]))[0] : undefined;
}

/** The open (not closed) alarm of a system condition, or undefined. */
export async function openAlarmByKey(db: AlarmsDb, key: string): Promise<StoredAlarm | undefined> {
  const row = await db
    .selectFrom('alarms')
    .selectAll()
    .where('alarm_key', '=', key)
    .where('state', '<>', 'closed')
    .executeTakeFirst();
  return row ? (await complete(db, [row]))[0] : undefined;
}

/** The open system alarms whose condition has not been seen to clear. */
export async function uncleared(db: AlarmsDb): Promise<{ id: string; key: string }[]> {
  const rows = await db
    .selectFrom('alarms')
    .select(['id', 'alarm_key'])
    .where('source', '=', 'system')
    .where('state', '<>', 'closed')
    .where('cleared_ms', 'is', null)
    .execute();
  return rows.flatMap((r) => (r.alarm_key === null ? [] : [{ id: r.id, key: r.alarm_key }]));
}

/** Inserts a new alarm and its cameras, in one transaction. */
export async function insertAlarm(db: AlarmsDb, row: AlarmRow, cameraIds: string[]): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await tx.insertInto('alarms').values(row).execute();
    if (cameraIds.length > 0) {
      await tx
        .insertInto('alarm_cameras')
        .values([...new Set(cameraIds)].map((camera_id) => ({ alarm_id: row.id, camera_id })))
        .execute();
    }
  });
}

/** Changes an alarm's columns; with `ifState`, only while it is in one of those states. */
export async function updateAlarm(
  db: AlarmsDb,
  id: string,
  changes: Partial<Omit<AlarmRow, 'id'>>,
  ifStates?: readonly AlarmRow['state'][],
): Promise<boolean> {
  let upd = db.updateTable('alarms').set(changes).where('id', '=', id);
  if (ifStates !== undefined) upd = upd.where('state', 'in', [...ifStates]);
  const res = await upd.executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}

/** Adds a comment. */
export async function insertComment(db: AlarmsDb, row: AlarmCommentRow): Promise<void> {
  await db.insertInto('alarm_comments').values(row).execute();
}

/** An alarm's comments, oldest first. */
export async function commentsOf(db: AlarmsDb, alarmId: string): Promise<AlarmCommentRow[]> {
  const rows = await db
    .selectFrom('alarm_comments')
    .selectAll()
    .where('alarm_id', '=', alarmId)
    .orderBy('at_ms')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ ...r, at_ms: Number(r.at_ms) }));
}
