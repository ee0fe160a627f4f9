/**
 * A fast, read-only reader of the audit chain straight from a SQLite file, for the verifier: one
 * statement iterated row by row as arrays, without the query layer's per-row objects. Reading a
 * million entries this way takes a fraction of the time of paging through the query layer.
 */
import SQLite from 'better-sqlite3';
import type { AuditCheckpoint } from './checkpoint.ts';
import type { AuditEntry } from './entry.ts';

const ENTRY_COLUMNS =
  'seq, time_ms, user_id, username, agency_id, source_address, action, camera_id, resource, ' +
  'from_ms, to_ms, outcome, reason, case_reference, details, prev_hash, hash';

type Cell = string | number | bigint | null;

const num = (v: Cell): number => Number(v);
const numOrNull = (v: Cell): number | null => (v === null ? null : Number(v));
const str = (v: Cell): string => String(v);
const strOrNull = (v: Cell): string | null => (v === null ? null : String(v));

/** An open SQLite audit trail, read-only. Close it when done. */
export interface SqliteAuditReader {
  checkpoints(): AuditCheckpoint[];
  /** Every entry in sequence order. */
  entries(): Generator<AuditEntry>;
  close(): void;
}

/** Opens the SQLite database at `path` read-only for reading the audit chain. */
export function openSqliteAuditReader(path: string): SqliteAuditReader {
  const db = new SQLite(path, { readonly: true, fileMustExist: true });
  return {
    checkpoints() {
      const rows = db
        .prepare(
          'select seq, entry_hash, time_ms, key_fingerprint, signature from audit_checkpoints order by seq',
        )
        .raw(true)
        .all() as Cell[][];
      return rows.map((r) => ({
        seq: num(r[0] ?? null),
        entryHash: str(r[1] ?? null),
        timeMs: num(r[2] ?? null),
        keyFingerprint: str(r[3] ?? null),
        signature: str(r[4] ?? null),
      }));
    },
    *entries() {
      const stmt = db.prepare(`select ${ENTRY_COLUMNS} from audit_entries order by seq`).raw(true);
      for (const raw of stmt.iterate()) {
        const r = raw as Cell[];
        yield {
          seq: num(r[0] ?? null),
          timeMs: num(r[1] ?? null),
          userId: strOrNull(r[2] ?? null),
          username: strOrNull(r[3] ?? null),
          agencyId: strOrNull(r[4] ?? null),
          sourceAddress: strOrNull(r[5] ?? null),
          action: str(r[6] ?? null),
          cameraId: strOrNull(r[7] ?? null),
          resource: strOrNull(r[8] ?? null),
          fromMs: numOrNull(r[9] ?? null),
          toMs: numOrNull(r[10] ?? null),
          outcome: str(r[11] ?? null) as AuditEntry['outcome'],
          reason: strOrNull(r[12] ?? null),
          caseReference: strOrNull(r[13] ?? null),
          details: strOrNull(r[14] ?? null),
          prevHash: str(r[15] ?? null),
          hash: str(r[16] ?? null),
        };
      }
    },
    close() {
      db.close();
    },
  };
}
