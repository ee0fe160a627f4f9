/**
 * Row types of the export tables, as the typed query layer sees them. The migration
 * `0005-exports` creates them and comments every column.
 */
import type { Db } from '../db/index.ts';
import type { Generated } from 'kysely';

/** States of an export job. */
export type ExportState = 'queued' | 'waiting' | 'running' | 'done' | 'failed';

/** Events of a chain of custody. */
export type CustodyEvent = 'created' | 'started' | 'completed' | 'failed' | 'downloaded' | 'purged';

/** `exports`: one export job and the package it produced. */
export interface ExportRow {
  id: string;
  state: ExportState;
  progress_permille: Generated<number>;
  user_id: string;
  username: string;
  display_name: string;
  agency_id: string;
  camera_ids: string;
  from_ms: number;
  to_ms: number;
  reason: string;
  case_reference: string;
  recipient: string;
  created_ms: number;
  started_ms: number | null;
  finished_ms: number | null;
  package_path: string | null;
  package_size_bytes: number | null;
  manifest_sha256: string | null;
  key_fingerprint: string | null;
  frames: string | null;
  masks_json: Generated<string>;
  stills_json: Generated<string>;
  error: string | null;
}

/** `export_custody`: one event of an export's chain of custody (append-only). */
export interface ExportCustodyRow {
  id: Generated<number>;
  export_id: string;
  event: CustodyEvent;
  time_ms: number;
  user_id: string | null;
  username: string | null;
  agency_id: string | null;
  source_address: string | null;
  details: Generated<string>;
}

/** The export tables, composed into the database `Schema`. */
export interface ExportTables {
  exports: ExportRow;
  export_custody: ExportCustodyRow;
}

/** The database as the export module may use it: its own tables only. */
export type ExportDb = Db<ExportTables>;
