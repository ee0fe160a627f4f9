/**
 * Row types of the legal hold tables, as the typed query layer sees them. The migration
 * `0006-retention-privacy` creates them and comments every column (`0009` adds
 * `until_released_reason`).
 */
import type { Db } from '../db/index.ts';

/** `legal_holds`: a time range kept past retention at a judicial request. */
export interface LegalHoldRow {
  id: string;
  authority: string;
  reference: string;
  description: string;
  from_ms: number;
  to_ms: number;
  expires_ms: number | null;
  /** Why there is no expiry (migration 0009); null when placed with one, or before 0009. */
  until_released_reason: string | null;
  placed_ms: number;
  placed_by: string;
  placed_by_name: string;
  agency_id: string;
  released_ms: number | null;
  released_by: string | null;
  release_reason: string | null;
  updated_ms: number;
}

/** `legal_hold_cameras`: the cameras a hold covers. */
export interface LegalHoldCameraRow {
  hold_id: string;
  camera_id: string;
}

/** The legal hold tables, composed into the database `Schema`. */
export interface HoldTables {
  legal_holds: LegalHoldRow;
  legal_hold_cameras: LegalHoldCameraRow;
}

/** The database as the holds module may use it: its own tables only. */
export type HoldsDb = Db<HoldTables>;
