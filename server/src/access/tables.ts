/**
 * Row types of the access tables (custom roles, agreements), as the typed query layer sees them.
 * The migration `0004-access` creates them and comments every column.
 */
import type { Db } from '../db/index.ts';
import type { AgreementStatus } from '../permissions/index.ts';

/** `roles`: a custom role (built-in roles live in code). */
export interface RoleRow {
  name: string;
  description: string;
  playback_lookback_ms: number | null;
  created_ms: number;
  updated_ms: number;
}

/** `role_permissions`: the permissions of a custom role. */
export interface RolePermissionRow {
  role_name: string;
  permission: string;
}

/** `agreements`: the owner agency sharing cameras with another agency. */
export interface AgreementRow {
  id: string;
  grantor_agency_id: string;
  grantee_agency_id: string;
  title: string;
  legal_instrument: string;
  legal_instrument_date: string;
  valid_from_ms: number;
  valid_until_ms: number | null;
  status: AgreementStatus;
  status_reason: string;
  created_by: string;
  created_ms: number;
  updated_ms: number;
}

/** `agreement_permissions`: the camera permissions an agreement grants. */
export interface AgreementPermissionRow {
  agreement_id: string;
  permission: string;
}

/** `agreement_cameras`: cameras an agreement grants by name. */
export interface AgreementCameraRow {
  agreement_id: string;
  camera_id: string;
}

/** `agreement_groups`: camera groups an agreement grants. */
export interface AgreementGroupRow {
  agreement_id: string;
  group_id: string;
}

/** The access tables, composed into the database `Schema`. */
export interface AccessTables {
  roles: RoleRow;
  role_permissions: RolePermissionRow;
  agreements: AgreementRow;
  agreement_permissions: AgreementPermissionRow;
  agreement_cameras: AgreementCameraRow;
  agreement_groups: AgreementGroupRow;
}

/**
 * The database as the access module may use it: its own tables only. What it needs of accounts
 * (`users`, `agencies`) and cameras (the group tables) it asks of their owners' functions.
 */
export type AccessDb = Db<AccessTables>;
