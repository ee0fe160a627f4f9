/**
 * The one place that decides whether a principal may do something. Deny by default: a permission
 * is granted only when a rule below grants it. For now the rules are: the role's static
 * permissions, and only for people of the owner agency; partner agencies get nothing until the
 * agreements module grants it here. A denial never says whether the resource exists.
 */
import { permissionDenied } from '../app/errors.ts';
import { PERMISSIONS, type Permission } from './permissions.ts';
import type { Principal } from './principal.ts';
import { ROLE_PERMISSIONS } from './roles.ts';

/** What a permission is exercised on, when it is about one thing. */
export type Resource = { kind: 'camera'; id: string } | { kind: 'user'; id: string };

/** One permission, or a list of which any one suffices. */
export type PermissionRequirement = Permission | readonly Permission[];

/** Every permission the principal holds in general (shown to the web app to shape its menus). */
export function permissionsOf(principal: Principal): Permission[] {
  if (principal.agencyKind !== 'owner') return [];
  const granted = new Set<Permission>(ROLE_PERMISSIONS[principal.role]);
  return PERMISSIONS.filter((p) => granted.has(p));
}

function allows(principal: Principal, permission: Permission, _resource?: Resource): boolean {
  return permissionsOf(principal).includes(permission);
}

/** True when the principal may exercise `required` (any one of a list) on `resource`. */
export function isAllowed(
  principal: Principal,
  required: PermissionRequirement,
  resource?: Resource,
): boolean {
  const list: readonly Permission[] = typeof required === 'string' ? [required] : required;
  return list.some((p) => allows(principal, p, resource));
}

/** Throws `permission_denied` unless the principal may exercise `required` on `resource`. */
export function authorize(
  principal: Principal,
  required: PermissionRequirement,
  resource?: Resource,
): void {
  if (!isAllowed(principal, required, resource)) {
    const what = typeof required === 'string' ? required : required.join(' or ');
    throw permissionDenied(`permission denied: ${what} is required`);
  }
}
