/**
 * Row types of the display table, as the typed query layer sees it. The migration `0015-displays`
 * creates it and comments every column.
 */
import type { Db } from '../db/index.ts';

/** `displays`: one wall display of an operations room, and what it shows now. */
export interface DisplayRow {
  id: string;
  name: string;
  room: string;
  agency_id: string;
  /** The display account (users.id), or null until bound. */
  account_id: string | null;
  content_kind: 'none' | 'camera' | 'view' | 'replay';
  /** `DisplayContent` as JSON, or null when `none`. */
  content_json: string | null;
  pushed_by_id: string | null;
  pushed_by_name: string | null;
  pushed_ms: number | null;
  created_ms: number;
  updated_ms: number;
}

/** The display tables, composed into the database `Schema`. */
export interface DisplayTables {
  displays: DisplayRow;
}

/** The database as the displays module may use it: its own table only. */
export type DisplaysDb = Db<DisplayTables>;
