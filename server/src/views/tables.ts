/**
 * Row types of the view tables, as the typed query layer sees them. The migration `0014-views`
 * creates them and comments every column.
 */
import type { Db } from '../db/index.ts';

/** `views`: a saved wall layout, its sharing, folder and tour. */
export interface ViewRow {
  id: string;
  name: string;
  folder: string;
  layout: string;
  sharing: 'personal' | 'agency' | 'role';
  shared_role: string | null;
  /** JSON array of camera ids, or null. */
  tour_camera_ids: string | null;
  tour_seconds: number | null;
  owner_id: string;
  owner_name: string;
  agency_id: string;
  created_ms: number;
  updated_ms: number;
}

/** `view_tiles`: the camera (and stream, and tour) of one place of a view. */
export interface ViewTileRow {
  view_id: string;
  position: number;
  camera_id: string;
  stream: 'main' | 'sub';
  /** JSON array of camera ids, or null. */
  tour_camera_ids: string | null;
  tour_seconds: number | null;
}

/** The view tables, composed into the database `Schema`. */
export interface ViewTables {
  views: ViewRow;
  view_tiles: ViewTileRow;
}

/** The database as the views module may use it: its own tables only. */
export type ViewsDb = Db<ViewTables>;
