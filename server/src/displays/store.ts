/** Queries of the display table. */
import type { DisplayContent } from './api-shapes.ts';
import type { DisplayRow, DisplaysDb } from './tables.ts';

/** The displays of an agency, by room then name. */
export function displaysOf(db: DisplaysDb, agencyId: string): Promise<DisplayRow[]> {
  return db
    .selectFrom('displays')
    .selectAll()
    .where('agency_id', '=', agencyId)
    .orderBy('room')
    .orderBy('name')
    .execute();
}

/** One display, or undefined. */
export function displayById(db: DisplaysDb, id: string): Promise<DisplayRow | undefined> {
  return db.selectFrom('displays').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The display an account shows, or undefined when it is not a display account. */
export function displayOfAccount(
  db: DisplaysDb,
  accountId: string,
): Promise<DisplayRow | undefined> {
  return db
    .selectFrom('displays')
    .selectAll()
    .where('account_id', '=', accountId)
    .executeTakeFirst();
}

/** Inserts a display. */
export async function insertDisplay(db: DisplaysDb, row: DisplayRow): Promise<void> {
  await db.insertInto('displays').values(row).execute();
}

/** Changes a display's name, room or account. */
export async function updateDisplay(
  db: DisplaysDb,
  id: string,
  set: Partial<Pick<DisplayRow, 'name' | 'room' | 'account_id'>> & { updated_ms: number },
): Promise<void> {
  await db.updateTable('displays').set(set).where('id', '=', id).execute();
}

/** Sets what a display shows (`none` clears it). */
export async function setContent(
  db: DisplaysDb,
  id: string,
  content: DisplayContent,
  by: { id: string; name: string } | null,
  nowMs: number,
): Promise<void> {
  const none = content.kind === 'none';
  await db
    .updateTable('displays')
    .set({
      content_kind: content.kind,
      content_json: none ? null : JSON.stringify(content),
      pushed_by_id: none ? null : (by?.id ?? null),
      pushed_by_name: none ? null : (by?.name ?? null),
      pushed_ms: none ? null : nowMs,
      updated_ms: nowMs,
    })
    .where('id', '=', id)
    .execute();
}

/** Deletes a display. */
export async function deleteDisplay(db: DisplaysDb, id: string): Promise<void> {
  await db.deleteFrom('displays').where('id', '=', id).execute();
}

/** What a stored display shows. */
export function contentOf(row: Pick<DisplayRow, 'content_kind' | 'content_json'>): DisplayContent {
  if (row.content_kind === 'none' || row.content_json === null) return { kind: 'none' };
  return JSON.parse(row.content_json) as DisplayContent;
}

/** The cameras a content names (a camera, a view's tiles and tours, a replay's camera). */
export function camerasOf(content: DisplayContent): string[] {
  switch (content.kind) {
    case 'none':
      return [];
    case 'camera':
    case 'replay':
      return [content.cameraId];
    case 'view':
      return [
        ...new Set([
          ...content.tiles.flatMap((t) => [
            ...(t.cameraId === null ? [] : [t.cameraId]),
            ...(t.tour?.cameraIds ?? []),
          ]),
          ...(content.tour?.cameraIds ?? []),
        ]),
      ];
  }
}
