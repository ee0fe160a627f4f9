/**
 * Reading and writing views in their own tables: one row per view and one per place that shows a
 * camera. Tours are kept as JSON arrays of camera ids. Who may see a row is decided by the
 * service (`access.ts`); the listing here narrows by owner, agency and role in SQL.
 */
import type { Tile, Tour } from './api-shapes.ts';
import type { ViewRow, ViewsDb, ViewTileRow } from './tables.ts';

/** A stored view with its places (index = position; null for an empty place), up to 16. */
export interface StoredView extends Omit<ViewRow, 'tour_camera_ids' | 'tour_seconds'> {
  tour: Tour | null;
  places: (Tile | null)[];
}

/** Who is asking, for the listing's narrowing. */
export interface ViewReader {
  userId: string;
  agencyId: string;
  role: string;
}

function tourOf(ids: string | null, seconds: number | null): Tour | null {
  if (ids === null || seconds === null) return null;
  const parsed: unknown = JSON.parse(ids);
  const cameraIds = Array.isArray(parsed)
    ? parsed.filter((x): x is string => typeof x === 'string')
    : [];
  return { cameraIds, seconds: Number(seconds) };
}

function withPlaces(rows: ViewRow[], tiles: ViewTileRow[]): StoredView[] {
  const by = new Map<string, ViewTileRow[]>();
  for (const t of tiles) by.set(t.view_id, [...(by.get(t.view_id) ?? []), t]);
  return rows.map(({ tour_camera_ids, tour_seconds, ...row }) => {
    const mine = by.get(row.id) ?? [];
    const length = mine.reduce((n, t) => Math.max(n, Number(t.position) + 1), 0);
    const places: (Tile | null)[] = Array.from({ length }, () => null);
    for (const t of mine) {
      places[Number(t.position)] = {
        cameraId: t.camera_id,
        stream: t.stream,
        tour: tourOf(t.tour_camera_ids, t.tour_seconds),
      };
    }
    return {
      ...row,
      created_ms: Number(row.created_ms),
      updated_ms: Number(row.updated_ms),
      tour: tourOf(tour_camera_ids, tour_seconds),
      places,
    };
  });
}

async function load(db: ViewsDb, rows: ViewRow[]): Promise<StoredView[]> {
  if (rows.length === 0) return [];
  const tiles = await db
    .selectFrom('view_tiles')
    .selectAll()
    .where(
      'view_id',
      'in',
      rows.map((r) => r.id),
    )
    .execute();
  return withPlaces(rows, tiles);
}

/** The views a reader may see: their own, and those shared with their agency or role. */
export async function viewsVisibleTo(db: ViewsDb, reader: ViewReader): Promise<StoredView[]> {
  const rows = await db
    .selectFrom('views')
    .selectAll()
    .where((eb) =>
      eb.or([
        eb('owner_id', '=', reader.userId),
        eb.and([
          eb('agency_id', '=', reader.agencyId),
          eb.or([
            eb('sharing', '=', 'agency'),
            eb.and([eb('sharing', '=', 'role'), eb('shared_role', '=', reader.role)]),
          ]),
        ]),
      ]),
    )
    .orderBy('folder')
    .orderBy('name')
    .orderBy('id')
    .execute();
  return load(db, rows);
}

/** One view, or undefined. */
export async function viewById(db: ViewsDb, id: string): Promise<StoredView | undefined> {
  const row = await db.selectFrom('views').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? (await load(db, [row]))[0] : undefined;
}

const json = (tour: Tour | null | undefined) =>
  tour ? { tour_camera_ids: JSON.stringify(tour.cameraIds), tour_seconds: tour.seconds } : null;

/** Inserts or replaces a view and its places, in one transaction. */
export async function saveView(db: ViewsDb, v: StoredView): Promise<void> {
  const { places, tour, ...rest } = v;
  const row: ViewRow = {
    ...rest,
    tour_camera_ids: json(tour)?.tour_camera_ids ?? null,
    tour_seconds: json(tour)?.tour_seconds ?? null,
  };
  const tiles: ViewTileRow[] = places.flatMap((p, position) =>
    p === null || p.cameraId === null
      ? []
      : [
          {
            view_id: v.id,
            position,
            camera_id: p.cameraId,
            stream: p.stream,
            tour_camera_ids: json(p.tour)?.tour_camera_ids ?? null,
            tour_seconds: json(p.tour)?.tour_seconds ?? null,
          },
        ],
  );
  await db.transaction().execute(async (tx) => {
    await tx.deleteFrom('view_tiles').where('view_id', '=', v.id).execute();
    const exists = await tx
      .selectFrom('views')
      .select('id')
      .where('id', '=', v.id)
      .executeTakeFirst();
    if (exists) {
      const { id, ...changes } = row;
      await tx.updateTable('views').set(changes).where('id', '=', id).execute();
    } else {
      await tx.insertInto('views').values(row).execute();
    }
    if (tiles.length > 0) await tx.insertInto('view_tiles').values(tiles).execute();
  });
}

/** Deletes a view (its places go with it). */
export async function deleteView(db: ViewsDb, id: string): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await tx.deleteFrom('view_tiles').where('view_id', '=', id).execute();
    await tx.deleteFrom('views').where('id', '=', id).execute();
  });
}
