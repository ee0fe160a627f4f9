/**
 * Row types of the audit tables, as the typed query layer sees them. The migration `0003-audit`
 * creates them and comments every column. The application only ever inserts into them.
 */
import type { Db } from '../db/index.ts';

/** `audit_entries`: one row per audited action, hash-chained. */
export interface AuditEntryRow {
  seq: number;
  time_ms: number;
  user_id: string | null;
  username: string | null;
  agency_id: string | null;
  source_address: string | null;
  action: string;
  camera_id: string | null;
  resource: string | null;
  from_ms: number | null;
  to_ms: number | null;
  outcome: 'granted' | 'denied';
  reason: string | null;
  case_reference: string | null;
  details: string | null;
  prev_hash: string;
  hash: string;
}

/** `audit_checkpoints`: signed statements sealing the chain up to an entry. */
export interface AuditCheckpointRow {
  seq: number;
  entry_hash: string;
  time_ms: number;
  key_fingerprint: string;
  signature: string;
}

/** `audit_append_lock`: the single row appenders lock to take turns. */
export interface AuditAppendLockRow {
  id: number;
  taken_ms: number;
}

/** The audit tables, composed into the database `Schema`. */
export interface AuditTables {
  audit_entries: AuditEntryRow;
  audit_checkpoints: AuditCheckpointRow;
  audit_append_lock: AuditAppendLockRow;
}

/** The database as the audit module may use it: its own tables only. */
export type AuditDb = Db<AuditTables>;
