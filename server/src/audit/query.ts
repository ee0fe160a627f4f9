/**
 * Reading the audit trail for auditors: filters by user, agency, camera, action, outcome, time
 * of the entry and recorded range concerned (overlap), newest first, paginated by sequence (`beforeSeq`), so that pages stay stable while new
 * entries arrive.
 */
import { invalidArgument } from '../app/index.ts';
import type { DbOrTx } from './store.ts';
import { entryFromRow } from './store.ts';
import type { AuditEntry } from './entry.ts';

/** Which entries to read. Every field is optional; they combine with AND. */
export interface AuditFilter {
  readonly userId?: string | undefined;
  /** The login name recorded (also matches failed logins of names without an account). */
  readonly username?: string | undefined;
  readonly agencyId?: string | undefined;
  readonly cameraId?: string | undefined;
  readonly action?: string | undefined;
  readonly outcome?: 'granted' | 'denied' | undefined;
  /** Entries at or after this time, UTC ms. */
  readonly fromMs?: number | undefined;
  /** Entries before this time, UTC ms. */
  readonly toMs?: number | undefined;
  /**
   * Entries whose recorded range (`fromMs`..`toMs` of the entry: what was played, watched,
   * exported, held) reaches this instant or later, UTC ms; entries without a range do not match.
   */
  readonly recordedFromMs?: number | undefined;
  /** Entries whose recorded range starts before this instant, UTC ms (see `recordedFromMs`). */
  readonly recordedToMs?: number | undefined;
}

/** A page of entries, newest first, and where the next (older) page starts. */
export interface AuditPage {
  readonly entries: AuditEntry[];
  /** Pass as `beforeSeq` to read the next page; null when this is the last. */
  readonly nextBeforeSeq: number | null;
}

/** Largest page. */
export const MAX_PAGE = 500;

function filtered(db: DbOrTx, f: AuditFilter) {
  let q = db.selectFrom('audit_entries').selectAll();
  if (f.userId !== undefined) q = q.where('user_id', '=', f.userId);
  if (f.username !== undefined) q = q.where('username', '=', f.username.trim().toLowerCase());
  if (f.agencyId !== undefined) q = q.where('agency_id', '=', f.agencyId);
  if (f.cameraId !== undefined) q = q.where('camera_id', '=', f.cameraId);
  if (f.action !== undefined) q = q.where('action', '=', f.action);
  if (f.outcome !== undefined) q = q.where('outcome', '=', f.outcome);
  if (f.fromMs !== undefined) q = q.where('time_ms', '>=', f.fromMs);
  if (f.toMs !== undefined) q = q.where('time_ms', '<', f.toMs);
  // Overlap with the window asked for: an instant (from = to) on its start counts.
  if (f.recordedFromMs !== undefined) q = q.where('to_ms', '>=', f.recordedFromMs);
  if (f.recordedToMs !== undefined) q = q.where('from_ms', '<', f.recordedToMs);
  return q;
}

/** One page of entries matching `filter`, newest first. */
export async function queryAudit(
  db: DbOrTx,
  filter: AuditFilter,
  page: { limit?: number | undefined; beforeSeq?: number | undefined } = {},
): Promise<AuditPage> {
  const limit = page.limit ?? 100;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE) {
    throw invalidArgument(`limit: must be an integer from 1 to ${MAX_PAGE}`);
  }
  let q = filtered(db, filter);
  if (page.beforeSeq !== undefined) q = q.where('seq', '<', page.beforeSeq);
  const rows = await q
    .orderBy('seq', 'desc')
    .limit(limit + 1)
    .execute();
  const entries = rows.slice(0, limit).map(entryFromRow);
  const last = entries[entries.length - 1];
  return { entries, nextBeforeSeq: rows.length > limit && last ? last.seq : null };
}

/** Every entry matching `filter`, oldest first, refusing more than `max`. */
export async function queryAllAudit(
  db: DbOrTx,
  filter: AuditFilter,
  max: number,
): Promise<AuditEntry[]> {
  const rows = await filtered(db, filter)
    .orderBy('seq')
    .limit(max + 1)
    .execute();
  if (rows.length > max) {
    throw invalidArgument(`the filter matches more than ${max} entries; narrow it (e.g. by time)`);
  }
  return rows.map(entryFromRow);
}
