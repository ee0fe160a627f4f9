/**
 * The access decision, in one place: deny by default; a user may do a camera action when their
 * role holds the permission AND their agency holds it on that camera (own camera, or an agreement
 * in force); playback and export are further bounded by the role's look-back limit. Installation
 * permissions come from the role alone, for the owner agency; a partner agency's user may hold
 * only `user.manage` and `audit.read`, limited to their own agency. Pure and synchronous.
 */
import type { AgencyRights, CameraRef } from './agreement-rules.ts';
import { rightsOnCamera } from './agreement-rules.ts';
import {
  isCameraPermission,
  PARTNER_SCOPED_PERMISSIONS,
  type CameraPermission,
  type InstallationPermission,
  type Permission,
} from './permissions.ts';

/** The user asking, with what their role gives them. */
export interface Subject {
  readonly userId: string;
  readonly username: string;
  readonly agencyId: string;
  /** The role's name (built-in or custom). */
  readonly role: string;
  readonly permissions: ReadonlySet<Permission>;
  /** How far back playback and export may reach, ms; null for no limit. */
  readonly playbackLookbackMs: number | null;
}

/** Why access was refused; goes into the audit trail, never to the caller. */
export type DenyReason =
  | 'role_lacks_permission'
  | 'agency_lacks_right'
  | 'lookback_exceeded'
  | 'owner_agency_only'
  | 'not_a_camera_permission'
  | 'camera_permission_needs_camera';

/** The outcome of a check. `scope` says how far an installation permission reaches. */
export type Decision =
  | { readonly allowed: true; readonly scope: 'installation' | 'agency' | 'camera' }
  | { readonly allowed: false; readonly reason: DenyReason };

const deny = (reason: DenyReason): Decision => ({ allowed: false, reason });

/** Options of a camera check. */
export interface CameraCheck {
  readonly nowMs: number;
  /** Start of the recorded range asked for (playback, export), UTC ms. */
  readonly fromMs?: number | null;
}

/** Decides a camera permission on one camera. */
export function decideCamera(
  subject: Subject,
  rights: AgencyRights,
  camera: CameraRef,
  permission: CameraPermission,
  check: CameraCheck,
): Decision {
  if (!isCameraPermission(permission)) return deny('not_a_camera_permission');
  if (!subject.permissions.has(permission)) return deny('role_lacks_permission');
  if (rights.agencyId !== subject.agencyId) return deny('agency_lacks_right');
  if (!rightsOnCamera(rights, camera).has(permission)) return deny('agency_lacks_right');
  if (
    (permission === 'playback.view' || permission === 'export.create') &&
    subject.playbackLookbackMs !== null &&
    check.fromMs !== undefined &&
    check.fromMs !== null &&
    check.fromMs < check.nowMs - subject.playbackLookbackMs
  ) {
    return deny('lookback_exceeded');
  }
  return { allowed: true, scope: 'camera' };
}

/** Decides an installation permission (administration, audit). */
export function decideInstallation(
  subject: Subject,
  rights: AgencyRights,
  permission: InstallationPermission | Permission,
): Decision {
  if (isCameraPermission(permission)) return deny('camera_permission_needs_camera');
  if (!subject.permissions.has(permission)) return deny('role_lacks_permission');
  if (rights.agencyId === subject.agencyId && rights.ownsAll) {
    return { allowed: true, scope: 'installation' };
  }
  if (PARTNER_SCOPED_PERMISSIONS.has(permission)) return { allowed: true, scope: 'agency' };
  return deny('owner_agency_only');
}

/**
 * The batch form for listings: the ids of the cameras on which the subject holds `permission`
 * (or, when `permission` is omitted, any camera permission at all).
 */
export function permittedCameras(
  subject: Subject,
  rights: AgencyRights,
  cameras: readonly CameraRef[],
  permission?: CameraPermission,
): Set<string> {
  const out = new Set<string>();
  if (rights.agencyId !== subject.agencyId) return out;
  for (const camera of cameras) {
    const held = rightsOnCamera(rights, camera);
    if (permission !== undefined) {
      if (subject.permissions.has(permission) && held.has(permission)) out.add(camera.id);
      continue;
    }
    for (const p of held) {
      if (subject.permissions.has(p)) {
        out.add(camera.id);
        break;
      }
    }
  }
  return out;
}

/** The camera permissions the subject holds on one camera (role ∩ agency rights). */
export function effectiveCameraPermissions(
  subject: Subject,
  rights: AgencyRights,
  camera: CameraRef,
): Set<CameraPermission> {
  const out = new Set<CameraPermission>();
  if (rights.agencyId !== subject.agencyId) return out;
  for (const p of rightsOnCamera(rights, camera)) if (subject.permissions.has(p)) out.add(p);
  return out;
}
