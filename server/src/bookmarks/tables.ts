/**
 * Row types of the bookmark tables, as the typed query layer sees them. The migration
 * `0011-bookmarks` creates them and comments every column.
 */
import type { Db } from '../db/index.ts';

/** `bookmarks`: an instant or range of recordings marked with a title, a note, a case reference. */
export interface BookmarkRow {
  id: string;
  title: string;
  note: string;
  case_reference: string | null;
  from_ms: number;
  to_ms: number;
  author_id: string;
  author_name: string;
  agency_id: string;
  created_ms: number;
  updated_ms: number;
}

/** `bookmark_cameras`: the cameras a bookmark marks. */
export interface BookmarkCameraRow {
  bookmark_id: string;
  camera_id: string;
}

/** The bookmark tables, composed into the database `Schema`. */
export interface BookmarkTables {
  bookmarks: BookmarkRow;
  bookmark_cameras: BookmarkCameraRow;
}

/** The database as the bookmarks module may use it: its own tables only. */
export type BookmarksDb = Db<BookmarkTables>;
