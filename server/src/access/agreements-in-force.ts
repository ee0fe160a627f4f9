/**
 * "Agreements in force": the one rule (active, started, not yet ended — the same as
 * `agreementInForce` in permissions) as one query, used for a principal's rights and for the
 * compliance report alike.
 */
import type { AccessDb } from './tables.ts';
import type {
  AgreementCameraRow,
  AgreementGroupRow,
  AgreementPermissionRow,
  AgreementRow,
} from './tables.ts';

/** The agreements in force at `nowMs`, oldest first; only those granted to one agency if given. */
export async function agreementsInForce(
  db: AccessDb,
  nowMs: number,
  granteeAgencyId?: string,
): Promise<AgreementRow[]> {
  let q = db
    .selectFrom('agreements')
    .selectAll()
    .where('status', '=', 'active')
    .where('valid_from_ms', '<=', nowMs)
    .where((eb) => eb.or([eb('valid_until_ms', 'is', null), eb('valid_until_ms', '>', nowMs)]));
  if (granteeAgencyId !== undefined) q = q.where('grantee_agency_id', '=', granteeAgencyId);
  return q.orderBy('valid_from_ms').orderBy('id').execute();
}

/** What some agreements grant: their permissions, cameras and camera groups. */
export interface AgreementGrants {
  permissions: AgreementPermissionRow[];
  cameras: AgreementCameraRow[];
  groups: AgreementGroupRow[];
}

/** The permissions, cameras and groups of the given agreements. */
export async function grantsOf(db: AccessDb, ids: readonly string[]): Promise<AgreementGrants> {
  if (ids.length === 0) return { permissions: [], cameras: [], groups: [] };
  const [permissions, cameras, groups] = await Promise.all([
    db.selectFrom('agreement_permissions').selectAll().where('agreement_id', 'in', ids).execute(),
    db.selectFrom('agreement_cameras').selectAll().where('agreement_id', 'in', ids).execute(),
    db.selectFrom('agreement_groups').selectAll().where('agreement_id', 'in', ids).execute(),
  ]);
  return { permissions, cameras, groups };
}
