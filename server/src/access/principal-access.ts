/**
 * Loads what a person may do at a given instant: their role's permissions and look-back limit
 * (built-in or custom), and their agency's rights on cameras (everything for the owner agency;
 * for another agency, the agreements in force, with camera groups expanded into cameras).
 * Done once per request, so that the access check itself stays synchronous and pure.
 */
import { ownerAgencyId, type AccountsDb } from '../accounts/index.ts';
import { groupMembers, type CamerasDb } from '../cameras/index.ts';
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
 * The handles `loadPrincipalAccess` reads through — one database at run time: access's own
 * tables, the accounts' (the owner agency) and the cameras' (camera groups' members).
 */
export interface PrincipalAccessDbs {
  db: AccessDb;
  accountsDb: AccountsDb;
  camerasDb: CamerasDb;
}

/**
 * The agreements granted to `agencyId` that are in force at `nowMs`, with their camera groups
 * expanded into the cameras they hold now (one query to cameras for all the groups).
 */
export async function loadAgreementsInForce(
  dbs: Pick<PrincipalAccessDbs, 'db' | 'camerasDb'>,
  agencyId: string,
  nowMs: number,
): Promise<AgreementTerms[]> {
  const { db, camerasDb } = dbs;
  const rows = await agreementsInForce(db, nowMs, agencyId);
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [perms, cameras, groups] = await Promise.all([
    db.selectFrom('agreement_permissions').selectAll().where('agreement_id', 'in', ids).execute(),
    db.selectFrom('agreement_cameras').selectAll().where('agreement_id', 'in', ids).execute(),
    db.selectFrom('agreement_groups').selectAll().where('agreement_id', 'in', ids).execute(),
  ]);
  const members = await groupMembers(camerasDb, [...new Set(groups.map((g) => g.group_id))]);
  const membersOf = new Map<string, string[]>();
  for (const m of members) {
    const list = membersOf.get(m.group_id) ?? [];
    list.push(m.camera_id);
    membersOf.set(m.group_id, list);
  }
  const viaGroups = groups.flatMap((g) =>
    (membersOf.get(g.group_id) ?? []).map((camera_id) => ({
      agreement_id: g.agreement_id,
      camera_id,
    })),
  );
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

/**
 * Loads a subject's access at `nowMs`; undefined when their role does not exist. For another
 * agency than the owner, the owner agency (asked of accounts) and the agreements in force are
 * loaded side by side.
 */
export async function loadPrincipalAccess(
  dbs: PrincipalAccessDbs,
  subject: AccessSubject,
  nowMs: number,
): Promise<PrincipalAccess | undefined> {
  const role = await loadRole(dbs.db, subject.role);
  if (!role) return undefined;
  const [owner, agreements] =
    subject.agencyKind === 'owner'
      ? [subject.agencyId, []]
      : await Promise.all([
          ownerAgencyId(dbs.accountsDb),
          loadAgreementsInForce(dbs, subject.agencyId, nowMs),
        ]);
  return {
    permissions: role.permissions,
    playbackLookbackMs: role.playbackLookbackMs,
    rights: agencyRights(subject.agencyId, owner, agreements, nowMs),
    atMs: nowMs,
  };
}
