/**
 * Reads of the camera registry for the other modules (retention, holds, privacy, access): small
 * queries on the `cameras` and camera group tables, which only this module queries. Same queries
 * on SQLite and PostgreSQL.
 */
import type { Selectable } from 'kysely';
import type { CameraGroupMemberRow, CameraRow, CamerasDb } from './tables.ts';

/** Retention days of every registered camera (unordered). */
export async function cameraRetentionDays(
  db: CamerasDb,
): Promise<{ id: string; retention_days: number }[]> {
  return db.selectFrom('cameras').select(['id', 'retention_days']).execute();
}

/** Which of `ids` are registered cameras (unordered). */
export async function registeredCameraIds(
  db: CamerasDb,
  ids: readonly string[],
): Promise<string[]> {
  const rows = await db.selectFrom('cameras').select('id').where('id', 'in', ids).execute();
  return rows.map((r) => r.id);
}

/** Which of `ids` are camera groups (unordered). */
export async function registeredGroupIds(db: CamerasDb, ids: readonly string[]): Promise<string[]> {
  const rows = await db.selectFrom('camera_groups').select('id').where('id', 'in', ids).execute();
  return rows.map((r) => r.id);
}

/**
 * The cameras in the groups `groupIds` now, as (group, camera) pairs (unordered): one query for
 * all the groups; none when `groupIds` is empty.
 */
export async function groupMembers(
  db: CamerasDb,
  groupIds: readonly string[],
): Promise<CameraGroupMemberRow[]> {
  if (groupIds.length === 0) return [];
  return db
    .selectFrom('camera_group_members')
    .select(['group_id', 'camera_id'])
    .where('group_id', 'in', groupIds)
    .execute();
}

/** True when the camera is in the registry. */
export async function cameraExists(db: CamerasDb, id: string): Promise<boolean> {
  const row = await db.selectFrom('cameras').select('id').where('id', '=', id).executeTakeFirst();
  return row !== undefined;
}

/** The registry fields the camera register shows. */
export type CameraRegisterFields = Pick<
  Selectable<CameraRow>,
  | 'id'
  | 'name'
  | 'enabled'
  | 'latitude'
  | 'longitude'
  | 'address'
  | 'district'
  | 'purpose'
  | 'signage_status'
  | 'signage_placed_on'
  | 'retention_days'
  | 'retention_justification'
  | 'allow_basic_over_plain_rtsp'
  | 'device_manufacturer'
  | 'device_model'
  | 'device_firmware'
  | 'device_serial'
>;

/** The register fields of every camera, or of one, ordered by camera id. */
export async function cameraRegisterFields(
  db: CamerasDb,
  cameraId?: string,
): Promise<CameraRegisterFields[]> {
  let q = db
    .selectFrom('cameras')
    .select([
      'id',
      'name',
      'enabled',
      'latitude',
      'longitude',
      'address',
      'district',
      'purpose',
      'signage_status',
      'signage_placed_on',
      'retention_days',
      'retention_justification',
      'allow_basic_over_plain_rtsp',
      'device_manufacturer',
      'device_model',
      'device_firmware',
      'device_serial',
    ])
    .orderBy('id');
  if (cameraId !== undefined) q = q.where('id', '=', cameraId);
  return q.execute();
}
