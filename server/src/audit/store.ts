/**
 * Reading and writing the audit tables: the chain's head, batched inserts, checkpoints, and
 * reading the chain back in sequence order, page by page. Only inserts: nothing here updates or
 * deletes an entry or a checkpoint.
 */
import { CompiledQuery, sql, type Transaction } from 'kysely';
import { dialectOf } from '../db/index.ts';
import type { AuditDb, AuditTables, AuditCheckpointRow, AuditEntryRow } from './tables.ts';
import { EMPTY_HEAD, type ChainHead } from './chain.ts';
import type { AuditCheckpoint } from './checkpoint.ts';
import type { AuditEntry } from './entry.ts';

/** A database handle or an open transaction on it. */
export type DbOrTx = AuditDb | Transaction<AuditTables>;

/** Rows per INSERT statement: 17 parameters each, well under both databases' limits. */
const INSERT_CHUNK = 500;

/** Converts a stored row to an entry. */
export function entryFromRow(r: AuditEntryRow): AuditEntry {
  return {
    seq: Number(r.seq),
    timeMs: Number(r.time_ms),
    userId: r.user_id,
    username: r.username,
    agencyId: r.agency_id,
    sourceAddress: r.source_address,
    action: r.action,
    cameraId: r.camera_id,
    resource: r.resource,
    fromMs: r.from_ms === null ? null : Number(r.from_ms),
    toMs: r.to_ms === null ? null : Number(r.to_ms),
    outcome: r.outcome,
    reason: r.reason,
    caseReference: r.case_reference,
    details: r.details,
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}

function checkpointFromRow(r: AuditCheckpointRow): AuditCheckpoint {
  return {
    seq: Number(r.seq),
    entryHash: r.entry_hash,
    timeMs: Number(r.time_ms),
    keyFingerprint: r.key_fingerprint,
    signature: r.signature,
  };
}

/**
 * Takes the appenders' lock for the rest of the transaction: the first statement is a write to
 * the lock row, which makes SQLite take its write lock at once and PostgreSQL lock the row, so that
 * one appender at a time, across processes and nodes, reads the head and extends the chain.
 */
export async function lockChain(tx: Transaction<AuditTables>, nowMs: number): Promise<void> {
  await tx.updateTable('audit_append_lock').set({ taken_ms: nowMs }).where('id', '=', 1).execute();
}

/** The last entry's sequence and hash. */
export async function readHead(db: DbOrTx): Promise<ChainHead> {
  const row = await db
    .selectFrom('audit_entries')
    .select(['seq', 'hash'])
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? { seq: Number(row.seq), hash: row.hash } : EMPTY_HEAD;
}

const ENTRY_COLUMNS = [
  'seq',
  'time_ms',
  'user_id',
  'username',
  'agency_id',
  'source_address',
  'action',
  'camera_id',
  'resource',
  'from_ms',
  'to_ms',
  'outcome',
  'reason',
  'case_reference',
  'details',
  'prev_hash',
  'hash',
] as const;

const insertTexts = new Map<string, string>();

/** `insert into audit_entries (...) values (...), ...` for `rows` rows, with the dialect's placeholders. */
function insertText(postgres: boolean, rows: number): string {
  const cacheKey = `${postgres ? 'pg' : 'sqlite'}:${rows}`;
  const cached = insertTexts.get(cacheKey);
  if (cached) return cached;
  const n = ENTRY_COLUMNS.length;
  const tuples: string[] = [];
  for (let r = 0; r < rows; r++) {
    const marks = Array.from({ length: n }, (_, c) => (postgres ? `$${r * n + c + 1}` : '?'));
    tuples.push(`(${marks.join(', ')})`);
  }
  const text = `insert into audit_entries (${ENTRY_COLUMNS.join(', ')}) values ${tuples.join(', ')}`;
  if (insertTexts.size < 64) insertTexts.set(cacheKey, text);
  return text;
}

/**
 * Inserts chained entries, in chunks of multi-row INSERTs. The statement text is built once per
 * chunk size and the values are bound as parameters: at tens of thousands of entries per second
 * the query builder's per-value work would otherwise cost more than the database's.
 */
export async function insertEntries(tx: DbOrTx, entries: readonly AuditEntry[]): Promise<void> {
  const postgres = dialectOf<AuditTables>(tx) === 'postgres';
  for (let i = 0; i < entries.length; i += INSERT_CHUNK) {
    const chunk = entries.slice(i, i + INSERT_CHUNK);
    const params: unknown[] = [];
    for (const e of chunk) {
      params.push(
        e.seq,
        e.timeMs,
        e.userId,
        e.username,
        e.agencyId,
        e.sourceAddress,
        e.action,
        e.cameraId,
        e.resource,
        e.fromMs,
        e.toMs,
        e.outcome,
        e.reason,
        e.caseReference,
        e.details,
        e.prevHash,
        e.hash,
      );
    }
    await tx.executeQuery(CompiledQuery.raw(insertText(postgres, chunk.length), params));
  }
}

/** The newest checkpoint's sequence, 0 when there is none. */
export async function lastCheckpointSeq(db: DbOrTx): Promise<number> {
  const row = await db
    .selectFrom('audit_checkpoints')
    .select(sql<number | null>`max(seq)`.as('seq'))
    .executeTakeFirst();
  return row?.seq === null || row?.seq === undefined ? 0 : Number(row.seq);
}

/** Stores a checkpoint. */
export async function insertCheckpoint(db: DbOrTx, c: AuditCheckpoint): Promise<void> {
  await db
    .insertInto('audit_checkpoints')
    .values({
      seq: c.seq,
      entry_hash: c.entryHash,
      time_ms: c.timeMs,
      key_fingerprint: c.keyFingerprint,
      signature: c.signature,
    })
    .execute();
}

/** Every checkpoint, oldest first. */
export async function readCheckpoints(db: DbOrTx): Promise<AuditCheckpoint[]> {
  const rows = await db.selectFrom('audit_checkpoints').selectAll().orderBy('seq').execute();
  return rows.map(checkpointFromRow);
}

/** Reads the chain in sequence order, one page of `pageSize` entries at a time (keyset pagination). */
export async function* readChainPages(db: DbOrTx, pageSize = 20_000): AsyncGenerator<AuditEntry[]> {
  let after = 0;
  for (;;) {
    const rows = await db
      .selectFrom('audit_entries')
      .selectAll()
      .where('seq', '>', after)
      .orderBy('seq')
      .limit(pageSize)
      .execute();
    if (rows.length > 0) yield rows.map(entryFromRow);
    const last = rows[rows.length - 1];
    if (!last || rows.length < pageSize) return;
    after = Number(last.seq);
  }
}
