/**
 * Loads what a person may do at a given instant: their role's permissions and look-back limit
 * (built-in or custom), and their agency's rights on cameras (everything for the owner agency;
 * for another agency, the agreements in force, with camera groups expanded into cameras).
 * Done once per request, so that the access check itself stays synchronous and pure.
 */
import type { AccessDb } from './tables.ts';
import { agreementsInForce } from './agreements-in-force.ts';
import type { AccessSubject, PrincipalAccess } from '../permissions/index.ts';
import {
  agencyRights,
  type AgreementTerms,
  BUILTIN_ROLES,
  type RoleDefinition,
  isCameraPermission,
  isPermission,
  type CameraPermission,
} from '../permissions/index.ts';

/** A role by name: built-in from code, custom from the database; undefined when unknown. */
export async function loadRole(db: AccessDb, name: string): Promise<RoleDefinition | undefined> {
  const builtIn = BUILTIN_ROLES.get(name);
  if (builtIn) return builtIn;
  const row = await db.selectFrom('roles').selectAll().where('name', '=', name).executeTakeFirst();
  if (!row) return undefined;
  const perms = await db
    .selectFrom('role_permissions')
    .select('permission')
    .where('role_name', '=', name)
    .execute();
  return {
    name: row.name,
    description: row.description,
    permissions: new Set(perms.map((p) => p.permission).filter(isPermission)),
    playbackLookbackMs: row.playback_lookback_ms === null ? null : Number(row.playback_lookback_ms),
    builtIn: false,
  };
}

/**
 * The agreements granted to `agencyId` that are in force at `nowMs`, with their camera groups
 * expanded into the cameras they hold now.
 */
export async function loadAgreementsInForce(
  db: AccessDb,
  agencyId: string,
  nowMs: number,
): Promise<AgreementTerms[]> {
  const rows = await agreementsInForce(db, nowMs, agencyId);
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [perms, cameras, viaGroups] = await Promise.all([
    db.selectFrom('agreement_permissions').selectAll().where('agreement_id', 'in', ids).execute(),
    db.selectFrom('agreement_cameras').selectAll().where('agreement_id', 'in', ids).execute(),
    db
      .selectFrom('agreement_groups')
      .innerJoin(
        'camera_group_members',
        'camera_group_members.group_id',
        'agreement_groups.group_id',
      )
      .select(['agreement_groups.agreement_id', 'camera_group_members.camera_id'])
      .where('agreement_groups.agreement_id', 'in', ids)
      .execute(),
  ]);
  const permsOf = new Map<string, Set<CameraPermission>>();
  for (const p of perms) {
    if (!isCameraPermission(p.permission)) continue;
    const set = permsOf.get(p.agreement_id) ?? new Set<CameraPermission>();
    set.add(p.permission);
    permsOf.set(p.agreement_id, set);
  }
  const camerasOf = new Map<string, Set<string>>();
  for (const c of [...cameras, ...viaGroups]) {
    const set = camerasOf.get(c.agreement_id) ?? new Set<string>();
    set.add(c.camera_id);
    camerasOf.set(c.agreement_id, set);
  }
  return rows.map((r) => ({
    id: r.id,
    grantorAgencyId: r.grantor_agency_id,
    granteeAgencyId: r.grantee_agency_id,
    permissions: permsOf.get(r.id) ?? new Set(),
    cameraIds: camerasOf.get(r.id) ?? new Set(),
    groupIds: new Set(),
    validFromMs: Number(r.valid_from_ms),
    validUntilMs: r.valid_until_ms === null ? null : Number(r.valid_until_ms),
    status: r.status,
  }));
}

/** The owner agency's id (the one agency of kind `owner`). */
export async function ownerAgencyId(db: AccessDb): Promise<string> {
  const row = await db
    .selectFrom('agencies')
    .select('id')
    .where('kind', '=', 'owner')
    .executeTakeFirst();
  return row?.id ?? '';
}

/** Loads a subject's access at `nowMs`; undefined when their role does not exist. */
export async function loadPrincipalAccess(
  db: AccessDb,
  subject: AccessSubject,
  nowMs: number,
): Promise<PrincipalAccess | undefined> {
  const role = await loadRole(db, subject.role);
  if (!role) return undefined;
  const owner = subject.agencyKind === 'owner' ? subject.agencyId : await ownerAgencyId(db);
  const agreements =
    subject.agencyKind === 'owner' ? [] : await loadAgreementsInForce(db, subject.agencyId, nowMs);
  return {
    permissions: role.permissions,
    playbackLookbackMs: role.playbackLookbackMs,
    rights: agencyRights(subject.agencyId, owner, agreements, nowMs),
    atMs: nowMs,
  };
}
