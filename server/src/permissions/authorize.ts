/**
 * The one place that decides whether a principal may do something, for every API route, stream
 * and file. Deny by default. A camera permission is granted when the role holds it AND the
 * principal's agency holds it on that camera (its own camera, or an agreement in force); playback
 * and export are bounded by the role's look-back limit. An installation permission comes from the
 * role, for the owner agency; a partner's user may hold only `user.manage` and `audit.read`,
 * limited to their own agency. A denial never says whether the resource exists. The principal
 * carries what its role and agency hold (`principal.access`), so this check is synchronous.
 */
import { AccessDenied } from './denied.ts';
import {
  decideCamera,
  decideInstallation,
  permittedCameras,
  type Decision,
  type DenyReason,
  type Subject,
} from './decide.ts';
import { rightsOnCamera, type CameraRef } from './agreement-rules.ts';
import {
  isCameraPermission,
  PERMISSIONS,
  type CameraPermission,
  type Permission,
} from './permissions.ts';
import type { Principal } from './principal.ts';

/** What a permission is exercised on, when it is about one thing. */
export type Resource =
  | {
      kind: 'camera';
      id: string;
      /** Start of the recorded range asked for (playback, export), for the look-back limit. */
      fromMs?: number | null;
    }
  | { kind: 'user'; id: string }
  | { kind: 'agency'; id: string }
  | { kind: 'agreement'; id: string }
  | { kind: 'group'; id: string };

/** One permission, or a list of which any one suffices. */
export type PermissionRequirement = Permission | readonly Permission[];

/** How far a granted permission reaches: one camera, the caller's agency, or everything. */
export interface Grant {
  readonly permission: Permission;
  readonly scope: 'camera' | 'agency' | 'installation';
}

/** The access check's view of a principal. */
export function subjectOf(p: Principal): Subject {
  return {
    userId: p.userId,
    username: p.username,
    agencyId: p.agencyId,
    role: p.role,
    permissions: p.access.permissions,
    playbackLookbackMs: p.access.playbackLookbackMs,
  };
}

/** True when the agency holds `permission` on at least one camera. */
function holdsAnywhere(p: Principal, permission: CameraPermission): boolean {
  const r = p.access.rights;
  if (r.agencyId !== p.agencyId) return false;
  if (r.ownsAll) return true;
  for (const perms of r.byCamera.values()) if (perms.has(permission)) return true;
  for (const perms of r.byGroup.values()) if (perms.has(permission)) return true;
  return false;
}

function decide(p: Principal, permission: Permission, resource?: Resource): Decision {
  const subject = subjectOf(p);
  if (isCameraPermission(permission)) {
    if (resource?.kind === 'camera') {
      const camera: CameraRef = { id: resource.id, groupIds: [] };
      return decideCamera(subject, p.access.rights, camera, permission, {
        nowMs: p.access.atMs,
        fromMs: resource.fromMs ?? null,
      });
    }
    if (!p.access.permissions.has(permission))
      return { allowed: false, reason: 'role_lacks_permission' };
    return holdsAnywhere(p, permission)
      ? { allowed: true, scope: 'camera' }
      : { allowed: false, reason: 'agency_lacks_right' };
  }
  return decideInstallation(subject, p.access.rights, permission);
}

/**
 * Every permission the principal holds somewhere (shown to the web app to shape its menus): a
 * camera permission when the agency holds it on at least one camera.
 */
export function permissionsOf(principal: Principal): Permission[] {
  return PERMISSIONS.filter((p) => decide(principal, p).allowed);
}

/** True when the principal may exercise `required` (any one of a list) on `resource`. */
export function isAllowed(
  principal: Principal,
  required: PermissionRequirement,
  resource?: Resource,
): boolean {
  const list: readonly Permission[] = typeof required === 'string' ? [required] : required;
  return list.some((p) => decide(principal, p, resource).allowed);
}

/**
 * Throws `AccessDenied` (`permission_denied`) unless the principal may exercise `required` (any
 * one of a list) on `resource`; returns the first permission granted and how far it reaches.
 */
export function authorize(
  principal: Principal,
  required: PermissionRequirement,
  resource?: Resource,
): Grant {
  const list: readonly Permission[] = typeof required === 'string' ? [required] : required;
  let reason: DenyReason = 'role_lacks_permission';
  for (const permission of list) {
    const d = decide(principal, permission, resource);
    if (d.allowed) return { permission, scope: d.scope };
    reason = d.reason;
  }
  throw new AccessDenied({
    required: list,
    cameraId: resource?.kind === 'camera' ? resource.id : null,
    resource: resource && resource.kind !== 'camera' ? `${resource.kind}:${resource.id}` : null,
    fromMs: resource?.kind === 'camera' ? (resource.fromMs ?? null) : null,
    reason,
  });
}

/**
 * The batch form for listings: of `cameras`, those on which the principal holds `required` (any
 * one of a list). Cameras the principal may not see are simply absent.
 */
export function visibleCameras<T extends { id: string }>(
  principal: Principal,
  cameras: readonly T[],
  required: PermissionRequirement,
): T[] {
  const list: readonly Permission[] = typeof required === 'string' ? [required] : required;
  const whole = list.some((p) => {
    if (isCameraPermission(p)) return false;
    const d = decide(principal, p);
    return d.allowed && d.scope === 'installation';
  });
  if (whole) return [...cameras]; // camera.manage or audit.read of the owner agency: everything
  const subject = subjectOf(principal);
  const refs = cameras.map((c) => ({ id: c.id, groupIds: [] }));
  const ids = new Set<string>();
  for (const p of list) {
    if (!isCameraPermission(p)) continue;
    for (const id of permittedCameras(subject, principal.access.rights, refs, p)) ids.add(id);
  }
  return cameras.filter((c) => ids.has(c.id));
}

/** The camera permissions the principal holds on one camera (role ∩ agency rights). */
export function cameraPermissionsOf(principal: Principal, cameraId: string): CameraPermission[] {
  const held = rightsOnCamera(principal.access.rights, { id: cameraId, groupIds: [] });
  if (principal.access.rights.agencyId !== principal.agencyId) return [];
  return [...held].filter((p) => principal.access.permissions.has(p));
}

/**
 * Groups as a principal may see them: each group's cameras narrowed to those visible with
 * `required`; groups left with no visible camera are dropped (unless the principal sees the
 * whole registry, in which case nothing is narrowed).
 */
export function visibleGroups<G extends { cameraIds: readonly string[] }>(
  principal: Principal,
  groups: readonly G[],
  required: PermissionRequirement,
): G[] {
  const all = new Set(groups.flatMap((g) => g.cameraIds));
  const visible = new Set(
    visibleCameras(
      principal,
      [...all].map((id) => ({ id })),
      required,
    ).map((c) => c.id),
  );
  if (visible.size === all.size && isAllowed(principal, required)) return [...groups];
  return groups
    .map((g) => ({ ...g, cameraIds: g.cameraIds.filter((id) => visible.has(id)) }))
    .filter((g) => g.cameraIds.length > 0);
}

/**
 * Like `authorize`, for actions that reach the whole installation (custom roles, for example):
 * a grant limited to the caller's agency is refused.
 */
export function authorizeInstallationWide(
  principal: Principal,
  permission: Permission,
  resource?: Resource,
): Grant {
  const grant = authorize(principal, permission, resource);
  if (grant.scope === 'installation') return grant;
  throw new AccessDenied({
    required: [permission],
    cameraId: null,
    resource: resource ? `${resource.kind}:${resource.id}` : null,
    fromMs: null,
    reason: 'owner_agency_only',
  });
}
