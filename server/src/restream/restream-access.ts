/**
 * Who may re-stream which camera: a service account reads a camera when its agency holds
 * `restream` on it — through an agreement in force that grants `restream` on the camera (or a
 * group holding it), or as the owner agency, which holds every camera permission on its own
 * cameras. The decision is the platform's one access check (`isAllowed` over a principal built
 * for the account, holding `restream` and nothing else); this file only loads what it needs.
 * A disabled account and an unknown camera are refused like anything else not granted.
 */
import type { AccountsDb } from '../accounts/index.ts';
import { ownerAgencyId } from '../accounts/index.ts';
import { loadAgreementsInForce, type AccessDb } from '../access/index.ts';
import { cameraExists, type CamerasDb } from '../cameras/index.ts';
import { agencyRights, isAllowed, type Principal } from '../permissions/index.ts';
import type { ServiceAccount } from './service-accounts.ts';

/** The role name a service account's principal carries (not a role of people). */
export const SERVICE_ACCOUNT_ROLE = 'restream-service';

/** The handles the check reads through (one database at run time). */
export interface RestreamAccessDbs {
  accessDb: AccessDb;
  accountsDb: AccountsDb;
  camerasDb: CamerasDb;
}

/** Why a re-stream was refused (audit `reason`, and the RTSP answer's reason). */
export type RestreamRefusal = 'account_disabled' | 'not_granted' | 'masked' | 'unavailable';

/** The principal of a service account at `nowMs`: `restream` only, its agency's rights. */
export async function servicePrincipal(
  dbs: RestreamAccessDbs,
  account: ServiceAccount,
  nowMs: number,
): Promise<Principal> {
  const owner = await ownerAgencyId(dbs.accountsDb);
  const agreements =
    account.agencyId === owner
      ? []
      : await loadAgreementsInForce(
          { db: dbs.accessDb, camerasDb: dbs.camerasDb },
          account.agencyId,
          nowMs,
        );
  return {
    userId: account.id,
    username: account.name,
    displayName: account.name,
    role: SERVICE_ACCOUNT_ROLE,
    agencyId: account.agencyId,
    agencyKind: account.agencyId === owner ? 'owner' : 'partner',
    access: {
      permissions: new Set(['restream']),
      playbackLookbackMs: null,
      rights: agencyRights(account.agencyId, owner, agreements, nowMs),
      atMs: nowMs,
    },
  };
}

/** Undefined when the account may re-stream the camera now, else why not. */
export async function restreamRefusal(
  dbs: RestreamAccessDbs,
  account: ServiceAccount,
  cameraId: string,
  nowMs: number,
): Promise<RestreamRefusal | undefined> {
  if (account.disabledMs !== null) return 'account_disabled';
  if (!(await cameraExists(dbs.camerasDb, cameraId))) return 'not_granted';
  const principal = await servicePrincipal(dbs, account, nowMs);
  return isAllowed(principal, 'restream', { kind: 'camera', id: cameraId })
    ? undefined
    : 'not_granted';
}
