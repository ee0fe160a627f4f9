/**
 * Row types of the re-stream's table, as the typed query layer sees it. The migration
 * `0019-restream` creates it and comments every column.
 */
import type { Db } from '../db/index.ts';

/** `restream_accounts`: one service account of an agency's video management system. */
export interface RestreamAccountRow {
  id: string;
  name: string;
  agency_id: string;
  /** The Digest realm `digest_ha1` was computed for. */
  digest_realm: string;
  /** MD5(name:realm:password), lower-case hex. */
  digest_ha1: string;
  created_ms: number;
  disabled_ms: number | null;
}

/** The re-stream's tables, composed into the database `Schema`. */
export interface RestreamTables {
  restream_accounts: RestreamAccountRow;
}

/** The database as the re-stream module may use it: its own table only. */
export type RestreamDb = Db<RestreamTables>;
