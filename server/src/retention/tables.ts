/**
 * Row types of the retention tables, as the typed query layer sees them. The migration
 * `0006-retention-privacy` creates them and comments every column.
 */
import type { Db } from '../db/index.ts';
import type { Generated } from 'kysely';

/** What a deletion run was for. */
export type RetentionRunKind = 'retention' | 'disk_pressure';
/** Where a deletion run stands. */
export type RetentionRunState = 'running' | 'ok' | 'failed' | 'interrupted';

/** `retention_runs`: one row per deletion run. */
export interface RetentionRunRow {
  id: Generated<number>;
  kind: RetentionRunKind;
  state: RetentionRunState;
  started_ms: number;
  finished_ms: number | null;
  segments_deleted: Generated<number>;
  bytes_deleted: Generated<number>;
  segments_held: Generated<number>;
  cameras_json: Generated<string>;
  error: string | null;
}

/** `deletion_journal`: a segment claimed by a run and not yet fully deleted. */
export interface DeletionJournalRow {
  segment_id: number;
  run_id: number;
  camera_id: string;
  path: string;
  start_ms: number;
  end_ms: number;
  size_bytes: number;
  claimed_ms: number;
}

/** The retention tables, composed into the database `Schema`. */
export interface RetentionTables {
  retention_runs: RetentionRunRow;
  deletion_journal: DeletionJournalRow;
}

/** The database as the retention module may use it: its own tables only. */
export type RetentionDb = Db<RetentionTables>;
