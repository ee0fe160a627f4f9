/**
 * Reading and writing bookmarks in their own tables: one row per bookmark and one per camera it
 * marks. Listing filters by camera, time overlap and text in SQL; who may see a row is decided by
 * the service.
 */
import { sql } from 'kysely';
import type { BookmarksDb, BookmarkRow } from './tables.ts';

/** A stored bookmark with its cameras. */
export interface StoredBookmark extends BookmarkRow {
  cameraIds: string[];
}

/** What a listing asks for; every field optional, combined with AND. */
export interface BookmarkQuery {
  readonly cameraIds?: readonly string[] | undefined;
  /** Bookmarks reaching this instant or later, UTC ms. */
  readonly fromMs?: number | undefined;
  /** Bookmarks starting before this instant, UTC ms. */
  readonly toMs?: number | undefined;
  /** Text searched in the title, note and case reference, case-insensitively. */
  readonly text?: string | undefined;
}

/** Most rows one listing reads before the service filters by access. */
export const MAX_LISTING_ROWS = 2000;

async function withCameras(db: BookmarksDb, rows: BookmarkRow[]): Promise<StoredBookmark[]> {
  if (rows.length === 0) return [];
  const links = await db
    .selectFrom('bookmark_cameras')
    .select(['bookmark_id', 'camera_id'])
    .where(
      'bookmark_id',
      'in',
      rows.map((r) => r.id),
    )
    .orderBy('camera_id')
    .execute();
  const by = new Map<string, string[]>();
  for (const l of links) by.set(l.bookmark_id, [...(by.get(l.bookmark_id) ?? []), l.camera_id]);
  return rows.map((r) => ({ ...r, cameraIds: by.get(r.id) ?? [] }));
}

/** The bookmarks matching `q`, latest first, at most `MAX_LISTING_ROWS`. */
export async function queryBookmarks(db: BookmarksDb, q: BookmarkQuery): Promise<StoredBookmark[]> {
  let sel = db.selectFrom('bookmarks').selectAll('bookmarks');
  if (q.cameraIds !== undefined) {
    if (q.cameraIds.length === 0) return [];
    const ids = [...q.cameraIds];
    sel = sel.where('id', 'in', (eb) =>
      eb.selectFrom('bookmark_cameras').select('bookmark_id').where('camera_id', 'in', ids),
    );
  }
  if (q.fromMs !== undefined) sel = sel.where('to_ms', '>=', q.fromMs);
  if (q.toMs !== undefined) sel = sel.where('from_ms', '<', q.toMs);
  const text = q.text?.trim().toLowerCase();
  if (text) {
    const like = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const has = (column: 'title' | 'note' | 'case_reference') =>
      sql<boolean>`lower(${sql.ref(column)}) like ${like} escape '\\'`;
    sel = sel.where((eb) => eb.or([has('title'), has('note'), has('case_reference')]));
  }
  const rows = await sel.orderBy('from_ms', 'desc').orderBy('id').limit(MAX_LISTING_ROWS).execute();
  return withCameras(db, rows);
}

/** One bookmark, or undefined. */
export async function bookmarkById(
  db: BookmarksDb,
  id: string,
): Promise<StoredBookmark | undefined> {
  const row = await db.selectFrom('bookmarks').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? (await withCameras(db, [row]))[0] : undefined;
}

/** Inserts or replaces a bookmark and its cameras, in one transaction. */
export async function saveBookmark(db: BookmarksDb, b: StoredBookmark): Promise<void> {
  const { cameraIds, ...row } = b;
  await db.transaction().execute(async (tx) => {
    await tx.deleteFrom('bookmark_cameras').where('bookmark_id', '=', b.id).execute();
    const exists = await tx
      .selectFrom('bookmarks')
      .select('id')
      .where('id', '=', b.id)
      .executeTakeFirst();
    if (exists) {
      const { id, ...changes } = row;
      await tx.updateTable('bookmarks').set(changes).where('id', '=', id).execute();
    } else {
      await tx.insertInto('bookmarks').values(row).execute();
    }
    await tx
      .insertInto('bookmark_cameras')
      .values(cameraIds.map((camera_id) => ({ bookmark_id: b.id, camera_id })))
      .execute();
  });
}

/** Deletes a bookmark (its cameras go with it). */
export async function deleteBookmark(db: BookmarksDb, id: string): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await tx.deleteFrom('bookmark_cameras').where('bookmark_id', '=', id).execute();
    await tx.deleteFrom('bookmarks').where('id', '=', id).execute();
  });
}
