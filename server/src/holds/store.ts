/**
 * Legal hold rows in the database: insert, read, change, and the query the retention engine and
 * the timeline depend on, "which holds are in force for these cameras at this time". Works on a
 * transaction too, so that the sweeper can re-check holds in the transaction that claims
 * segments for deletion.
 */
import type { Selectable } from 'kysely';
import { ownTables, type SharedHandle } from '../db/index.ts';
import type { HeldRange } from './ranges.ts';
import type { HoldStatus, LegalHold } from './api-shapes.ts';
import type { HoldTables, HoldsDb, LegalHoldRow } from './tables.ts';

/**
 * A handle on the hold tables, or another module's handle or open transaction (viewed through
 * `ownTables`): retention re-reads holds in the transaction that claims segments.
 */
export type HoldsDbOrTx = HoldsDb | SharedHandle;

type Q = HoldsDb;

/** Where a hold row stands at `nowMs`. */
export function holdStatusAt(row: Selectable<LegalHoldRow>, nowMs: number): HoldStatus {
  if (row.released_ms !== null) return 'released';
  if (row.expires_ms !== null && row.expires_ms <= nowMs) return 'expired';
  return 'active';
}

/** The API shape of a hold row. */
export function holdFromRow(
  row: Selectable<LegalHoldRow>,
  cameraIds: string[],
  nowMs: number,
): LegalHold {
  return {
    id: row.id,
    cameraIds,
    fromMs: row.from_ms,
    toMs: row.to_ms,
    authority: row.authority,
    reference: row.reference,
    description: row.description,
    expiresMs: row.expires_ms,
    untilReleasedReason: row.until_released_reason,
    status: holdStatusAt(row, nowMs),
    placed: {
      atMs: row.placed_ms,
      userId: row.placed_by,
      username: row.placed_by_name,
      agencyId: row.agency_id,
    },
    released:
      row.released_ms !== null
        ? { atMs: row.released_ms, userId: row.released_by ?? '', reason: row.release_reason ?? '' }
        : null,
  };
}

/** Camera ids of each hold, by hold id. */
export async function camerasOfHolds(
  db: Q,
  holdIds: readonly string[],
): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (holdIds.length === 0) return out;
  const rows = await db
    .selectFrom('legal_hold_cameras')
    .selectAll()
    .where('hold_id', 'in', holdIds)
    .orderBy('camera_id')
    .execute();
  for (const r of rows) {
    const list = out.get(r.hold_id) ?? [];
    list.push(r.camera_id);
    out.set(r.hold_id, list);
  }
  return out;
}

/**
 * Ranges held at `nowMs`, per camera (not merged), for `cameraIds` or for every camera when
 * omitted. A hold is in force when not released and not past its expiry.
 */
export async function heldRangesByCamera(
  handle: HoldsDbOrTx,
  nowMs: number,
  cameraIds?: readonly string[],
): Promise<Map<string, HeldRange[]>> {
  const db = ownTables<HoldTables>(handle);
  let q = db
    .selectFrom('legal_holds as h')
    .innerJoin('legal_hold_cameras as c', 'c.hold_id', 'h.id')
    .select(['h.id', 'c.camera_id', 'h.from_ms', 'h.to_ms'])
    .where('h.released_ms', 'is', null)
    .where((eb) => eb.or([eb('h.expires_ms', 'is', null), eb('h.expires_ms', '>', nowMs)]));
  if (cameraIds !== undefined) {
    if (cameraIds.length === 0) return new Map();
    q = q.where('c.camera_id', 'in', cameraIds);
  }
  const out = new Map<string, HeldRange[]>();
  for (const r of await q.execute()) {
    const list = out.get(r.camera_id) ?? [];
    list.push({ fromMs: r.from_ms, toMs: r.to_ms, holdIds: [r.id] });
    out.set(r.camera_id, list);
  }
  return out;
}

/** A hold in force over part of a window, for one of its cameras. */
export interface HoldInWindow {
  camera_id: string;
  id: string;
  from_ms: number;
  to_ms: number;
  authority: string;
  reference: string;
}

/**
 * The holds in force at `nowMs` (not released, not expired) of `cameraIds` whose range overlaps
 * `[fromMs, toMs)`, one row per hold and camera, in one query: the timeline's holds.
 */
export async function holdsInForceOver(
  db: Q,
  cameraIds: readonly string[],
  fromMs: number,
  toMs: number,
  nowMs: number,
): Promise<HoldInWindow[]> {
  return db
    .selectFrom('legal_holds')
    .innerJoin('legal_hold_cameras', 'legal_hold_cameras.hold_id', 'legal_holds.id')
    .select([
      'legal_hold_cameras.camera_id as camera_id',
      'legal_holds.id as id',
      'legal_holds.from_ms as from_ms',
      'legal_holds.to_ms as to_ms',
      'legal_holds.authority as authority',
      'legal_holds.reference as reference',
    ])
    .where('legal_hold_cameras.camera_id', 'in', [...cameraIds])
    .where('legal_holds.released_ms', 'is', null)
    .where((eb) =>
      eb.or([eb('legal_holds.expires_ms', 'is', null), eb('legal_holds.expires_ms', '>', nowMs)]),
    )
    .where('legal_holds.from_ms', '<', toMs)
    .where('legal_holds.to_ms', '>', fromMs)
    .execute();
}
