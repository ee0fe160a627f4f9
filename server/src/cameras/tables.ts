/**
 * Row types of the camera registry tables, as the typed query layer sees them. The migration
 * `0001-foundation` creates them and comments every column.
 */
import type { Generated } from 'kysely';
import type { Db } from '../db/index.ts';

/**
 * `cameras`: one row per camera in the registry. `enabled` and `allow_basic_over_plain_rtsp`
 * (migration 0008) are 0 or 1.
 */
export interface CameraRow {
  id: string;
  name: string;
  main_url: string;
  sub_url: string | null;
  credentials_ref: string | null;
  allow_basic_over_plain_rtsp: Generated<number>;
  codec_hint: 'h264' | 'h265' | null;
  latitude: number;
  longitude: number;
  address: string;
  district: string;
  purpose: 'urban_security' | 'traffic' | 'waste';
  signage_status: 'placed' | 'planned' | 'missing';
  signage_placed_on: string | null;
  retention_days: number;
  retention_justification: string | null;
  enabled: number;
  tags_json: string;
  /** The streams recorded, JSON `["main"]` or `["main","sub"]`; null: the default (migration 0012). */
  recording_streams: string | null;
  /** The ONVIF device service address; null: not an ONVIF camera (migration 0017). */
  onvif_address: string | null;
  /** The ONVIF media profile tokens of the main and sub streams (migration 0017). */
  onvif_main_profile: string | null;
  onvif_sub_profile: string | null;
  /** What the device said it is (GetDeviceInformation), for the register (migration 0017). */
  device_manufacturer: string | null;
  device_model: string | null;
  device_firmware: string | null;
  device_serial: string | null;
  created_ms: number;
  updated_ms: number;
}

/** `camera_groups`: a named set of cameras (a district, a square, a route). */
export interface CameraGroupRow {
  id: string;
  name: string;
  description: string;
  created_ms: number;
}

/** `camera_group_members`: which camera is in which group. */
export interface CameraGroupMemberRow {
  group_id: string;
  camera_id: string;
}

/** The camera registry tables, composed into the database `Schema`. */
export interface CameraTables {
  cameras: CameraRow;
  camera_groups: CameraGroupRow;
  camera_group_members: CameraGroupMemberRow;
}

/** The database as the cameras module may use it: its own tables only. */
export type CamerasDb = Db<CameraTables>;
