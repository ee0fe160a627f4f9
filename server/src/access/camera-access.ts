/**
 * The one call that live view, playback, export, stills, PTZ, mask lifting and holds make before
 * touching a camera: checks the permission on that camera (and the look-back limit), asks for a
 * reason — and, for another agency, a case reference — where the rule requires one, and writes
 * the outcome to the audit trail, granted or denied. Also the re-check for something held open
 * (a live stream) after an access change.
 */
import type { Clock } from '../app/index.ts';
import type { AuditRecorder, AuditEntry } from '../audit/index.ts';
import { checkJustification } from '../audit/index.ts';
import { accountStanding, type PrincipalAccessLoader } from '../accounts/index.ts';
import { authorize, isAllowed, isAccessDenied } from '../permissions/index.ts';
import type { CameraPermission, Principal } from '../permissions/index.ts';
import { loadPrincipalAccess, type PrincipalAccessDbs } from './principal-access.ts';

/** The audit action written for each permission unless the caller names another. */
export const DEFAULT_CAMERA_ACTION: Record<CameraPermission, string> = {
  'live.view': 'live.start',
  'playback.view': 'playback.view',
  'export.create': 'export.create',
  'ptz.control': 'ptz.control',
  'mask.lift': 'mask.lift',
  'hold.manage': 'hold.place',
  'bookmark.manage': 'bookmark.create',
  'alarm.handle': 'alarm.acknowledge',
  restream: 'restream.start',
};

/** Permissions whose use must be justified with a reason (and a case reference for partners). */
export const JUSTIFIED: ReadonlySet<CameraPermission> = new Set(['playback.view', 'export.create']);

/** A request to act on a camera. */
export interface CameraAccessRequest {
  readonly principal: Principal;
  readonly cameraId: string;
  readonly permission: CameraPermission;
  readonly sourceAddress: string | null;
  /** Recorded range concerned (playback, export, hold), UTC ms. */
  readonly fromMs?: number | null | undefined;
  readonly toMs?: number | null | undefined;
  /** Required for playback and export. */
  readonly reason?: string | null | undefined;
  /** Required for playback and export by users of an agency other than the owner. */
  readonly caseReference?: string | null | undefined;
  /** Audit action to write; `DEFAULT_CAMERA_ACTION[permission]` by default. */
  readonly action?: string | undefined;
  /** Extra details for the audit entry. */
  readonly details?: Record<string, unknown> | undefined;
}

/** A granted request: the audit entry written and the justification given. */
export interface CameraAccessGrant {
  readonly entry: AuditEntry;
  readonly reason: string | null;
  readonly caseReference: string | null;
}

/**
 * Checks, justifies and audits a camera action. Throws `AccessDenied` (permission_denied; already
 * audited) or `invalid_argument` naming the missing `reason`/`caseReference` (also audited).
 */
export async function checkCameraAccess(
  audit: AuditRecorder,
  req: CameraAccessRequest,
): Promise<CameraAccessGrant> {
  const base = {
    action: req.action ?? DEFAULT_CAMERA_ACTION[req.permission],
    principal: req.principal,
    sourceAddress: req.sourceAddress,
    cameraId: req.cameraId,
    fromMs: req.fromMs ?? null,
    toMs: req.toMs ?? null,
    caseReference: req.caseReference ?? null,
    details: req.details ?? null,
  };
  try {
    authorize(req.principal, req.permission, {
      kind: 'camera',
      id: req.cameraId,
      fromMs: req.fromMs ?? null,
    });
  } catch (e) {
    if (isAccessDenied(e)) {
      await audit.record({ ...base, outcome: 'denied', reason: e.denial.reason });
      e.recorded = true;
    }
    throw e;
  }
  let reason: string | null = req.reason ?? null;
  let caseReference: string | null = req.caseReference ?? null;
  if (JUSTIFIED.has(req.permission)) {
    try {
      ({ reason, caseReference } = checkJustification(req, req.principal.agencyKind !== 'owner'));
    } catch (e) {
      await audit.record({
        ...base,
        outcome: 'denied',
        reason: `justification refused: ${String((e as Error).message)}`,
      });
      throw e;
    }
  }
  const entry = await audit.record({ ...base, outcome: 'granted', reason, caseReference });
  return { entry, reason, caseReference };
}

/**
 * Whether a principal still may exercise `permission` on a camera now: reloads the user (still
 * enabled, same role and agency; asked of accounts) and their access from the database at the
 * clock's time. For streams held open, on every access change. `load` is how access is loaded
 * (the composition's loader: a wall display's account holds what is pushed to its display).
 */
export async function stillAllowed(
  dbs: PrincipalAccessDbs,
  clock: Clock,
  principal: Principal,
  cameraId: string,
  permission: CameraPermission,
  load: PrincipalAccessLoader = (subject, nowMs) => loadPrincipalAccess(dbs, subject, nowMs),
): Promise<boolean> {
  const user = await accountStanding(dbs.accountsDb, principal.userId);
  if (!user || user.disabled) return false;
  const access = await load(
    {
      userId: principal.userId,
      role: user.role,
      agencyId: user.agencyId,
      agencyKind: user.agencyKind,
    },
    clock.nowMs(),
  );
  if (!access) return false;
  const fresh: Principal = {
    ...principal,
    role: user.role,
    agencyId: user.agencyId,
    agencyKind: user.agencyKind,
    access,
  };
  return isAllowed(fresh, permission, { kind: 'camera', id: cameraId });
}
