/**
 * The export tables in the database: export rows (created, moved through their states, given
 * their package) and the append-only chain of custody. Same queries on SQLite and PostgreSQL.
 */
import type { Insertable, Selectable, Updateable } from 'kysely';
import type { ExportDb } from './tables.ts';
import type { CustodyEvent, ExportRow, ExportState } from './tables.ts';

/** An export row as read back. */
export type Export = Selectable<ExportRow>;

/** One event of a chain of custody. */
export interface CustodyRecord {
  event: CustodyEvent;
  timeMs: number;
  userId: string | null;
  username: string | null;
  agencyId: string | null;
  sourceAddress: string | null;
  details: Record<string, unknown>;
}

/** Inserts a new export in state `queued` together with its `created` custody event. */
export async function insertExport(
  db: ExportDb,
  row: Insertable<ExportRow>,
  created: CustodyRecord,
): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await tx.insertInto('exports').values(row).execute();
    await appendCustody(tx, row.id, created);
  });
}

/** Appends a custody event. */
export async function appendCustody(
  db: ExportDb,
  exportId: string,
  r: CustodyRecord,
): Promise<void> {
  await db
    .insertInto('export_custody')
    .values({
      export_id: exportId,
      event: r.event,
      time_ms: r.timeMs,
      user_id: r.userId,
      username: r.username,
      agency_id: r.agencyId,
      source_address: r.sourceAddress,
      details: JSON.stringify(r.details),
    })
    .execute();
}

/** The custody events of an export, in order. */
export async function custodyOf(db: ExportDb, exportId: string): Promise<CustodyRecord[]> {
  const rows = await db
    .selectFrom('export_custody')
    .selectAll()
    .where('export_id', '=', exportId)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    event: r.event,
    timeMs: r.time_ms,
    userId: r.user_id,
    username: r.username,
    agencyId: r.agency_id,
    sourceAddress: r.source_address,
    details: JSON.parse(r.details) as Record<string, unknown>,
  }));
}

/** An export by id. */
export function exportById(db: ExportDb, id: string): Promise<Export | undefined> {
  return db.selectFrom('exports').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Exports, newest first, optionally of one agency. */
export function listExports(
  db: ExportDb,
  opts: { agencyId?: string; limit: number },
): Promise<Export[]> {
  let q = db.selectFrom('exports').selectAll();
  if (opts.agencyId !== undefined) q = q.where('agency_id', '=', opts.agencyId);
  return q.orderBy('created_ms', 'desc').limit(opts.limit).execute();
}

/** Exports in the given states, oldest first (the job queue after a restart). */
export function exportsInStates(db: ExportDb, states: readonly ExportState[]): Promise<Export[]> {
  return db
    .selectFrom('exports')
    .selectAll()
    .where('state', 'in', [...states])
    .orderBy('created_ms')
    .execute();
}

/** Changes an export's fields. */
export async function updateExport(
  db: ExportDb,
  id: string,
  set: Omit<Updateable<ExportRow>, 'id'>,
): Promise<void> {
  await db.updateTable('exports').set(set).where('id', '=', id).execute();
}

/** A package kept on the server, as package retention sees it. */
export type StoredPackage = Pick<
  Export,
  'id' | 'package_path' | 'package_size_bytes' | 'finished_ms' | 'case_reference'
>;

/** Done exports whose package is still on the server and was made before `beforeMs`, oldest first. */
export function packagesFinishedBefore(db: ExportDb, beforeMs: number): Promise<StoredPackage[]> {
  return db
    .selectFrom('exports')
    .select(['id', 'package_path', 'package_size_bytes', 'finished_ms', 'case_reference'])
    .where('state', '=', 'done')
    .where('package_path', 'is not', null)
    .where('finished_ms', '<', beforeMs)
    .orderBy('finished_ms')
    .execute();
}

/**
 * Records that an export's package file was deleted: the row forgets its path and the `purged`
 * custody event is appended, in one transaction.
 */
export async function markPackagePurged(
  db: ExportDb,
  exportId: string,
  purged: CustodyRecord,
): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await tx
      .updateTable('exports')
      .set({ package_path: null })
      .where('id', '=', exportId)
      .execute();
    await appendCustody(tx, exportId, purged);
  });
}
