/**
 * The access module's services, created together: roles, agreements, agency and account
 * administration, the camera access call for streams, and access-change notifications.
 */
import type { Clock, Logger } from '../app/index.ts';
import type { Accounts, AccountsDb, PrincipalAccessLoader } from '../accounts/index.ts';
import type { CamerasDb } from '../cameras/index.ts';
import type { AuditRecorder } from '../audit/index.ts';
import type { AccessDb } from './tables.ts';
import {
  AccessEvents,
  startAccessWatch,
  type AccessChangeListener,
  type AccessWatch,
} from './access-events.ts';
import { createAgencyAdmin, type AgencyAdmin } from './agency-admin.ts';
import { createAgreementService, type AgreementService } from './agreement-service.ts';
import {
  checkCameraAccess,
  stillAllowed,
  type CameraAccessGrant,
  type CameraAccessRequest,
} from './camera-access.ts';
import type { CameraPermission, Principal } from '../permissions/index.ts';
import { createRoleService, type RoleService } from './role-service.ts';
import { createUserAdmin, type UserAdmin } from './user-admin.ts';

/** Everything the access module offers at run time. */
export interface AccessService {
  roles: RoleService;
  agreements: AgreementService;
  agencies: AgencyAdmin;
  users: UserAdmin;
  /** Checks, justifies and audits an action on a camera (see `camera-access.ts`). */
  checkCamera(req: CameraAccessRequest): Promise<CameraAccessGrant>;
  /** Re-checks something held open (a stream) against the database, now. */
  stillAllowed(
    principal: Principal,
    cameraId: string,
    permission: CameraPermission,
  ): Promise<boolean>;
  /** Subscribes to access changes (revocation, suspension, expiry, role or user changes). */
  onAccessChanged(listener: AccessChangeListener): () => void;
  /** Starts watching the database for changes made elsewhere and for agreements expiring. */
  start(pollMs?: number): void;
  /** Runs one poll of the watch now (after `start`); resolves when it is done. */
  pollNow(): Promise<void>;
  stop(): void;
}

/** What the access services are built from. */
export interface AccessDeps {
  db: AccessDb;
  /**
   * The accounts' and the cameras' handles, for what access asks of them (users, agencies,
   * camera groups); the composition passes the same database as `db`.
   */
  accountsDb: AccountsDb;
  camerasDb: CamerasDb;
  clock: Clock;
  logger: Logger;
  audit: AuditRecorder;
  accounts: Accounts;
  /** How a principal's access is loaded for re-checks; `loadPrincipalAccess` by default. */
  principalAccess?: PrincipalAccessLoader;
}

/** Creates the access services. */
export function createAccessService(deps: AccessDeps): AccessService {
  const { db, accountsDb, camerasDb, clock, audit } = deps;
  const dbs = { db, accountsDb, camerasDb };
  const logger = deps.logger.child({ module: 'access' });
  const events = new AccessEvents(logger);
  let watch: AccessWatch | undefined;
  return {
    roles: createRoleService({ db, accountsDb, clock, audit, events }),
    agreements: createAgreementService({ db, accountsDb, camerasDb, clock, audit, events }),
    agencies: createAgencyAdmin({ clock, audit, agencies: deps.accounts.agencies }),
    users: createUserAdmin({
      db,
      clock,
      audit,
      events,
      users: deps.accounts.users,
      login: deps.accounts.login,
    }),
    checkCamera: (req) => checkCameraAccess(audit, req),
    stillAllowed: (principal, cameraId, permission) =>
      stillAllowed(dbs, clock, principal, cameraId, permission, deps.principalAccess),
    onAccessChanged: (listener) => events.onAccessChanged(listener),
    start(pollMs) {
      watch ??= startAccessWatch({
        db,
        accountsDb,
        clock,
        events,
        logger,
        ...(pollMs ? { pollMs } : {}),
      });
    },
    pollNow: () => watch?.poll() ?? Promise.resolve(),
    stop() {
      watch?.stop();
      watch = undefined;
    },
  };
}
