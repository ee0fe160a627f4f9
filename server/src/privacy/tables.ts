/**
 * Row types of the privacy tables (masks, mask lifts, the camera register), as the typed query
 * layer sees them. The migration `0006-retention-privacy` creates them and comments every column.
 */
import type { Db } from '../db/index.ts';

/** `privacy_masks`: one polygon hiding a private area of a camera's picture. */
export interface PrivacyMaskRow {
  id: string;
  camera_id: string;
  label: string;
  points_json: string;
  created_ms: number;
  updated_ms: number;
  updated_by: string;
}

/** `mask_lifts`: a user seeing a camera without its masks, for a limited time. */
export interface MaskLiftRow {
  id: string;
  camera_id: string;
  user_id: string;
  username: string;
  agency_id: string;
  reason: string;
  started_ms: number;
  expires_ms: number;
  ended_ms: number | null;
}

/** `camera_register`: register fields of a camera beyond the registry's own. */
export interface CameraRegisterRow {
  camera_id: string;
  legal_basis: string;
  signage_photo_ref: string | null;
  field_of_view_notes: string;
  /** Where the camera looks, degrees clockwise from north; null: not stated (migration 0016). */
  view_direction_deg: number | null;
  /** The angle it sees, degrees; null with the direction. */
  view_angle_deg: number | null;
  /** How far it usefully sees, metres; null with the direction. */
  view_range_m: number | null;
  updated_ms: number;
  updated_by: string;
}

/** The privacy tables, composed into the database `Schema`. */
export interface PrivacyTables {
  privacy_masks: PrivacyMaskRow;
  mask_lifts: MaskLiftRow;
  camera_register: CameraRegisterRow;
}

/** The database as the privacy module may use it: its own tables only. */
export type PrivacyDb = Db<PrivacyTables>;
