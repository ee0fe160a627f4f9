/** The access module's public entry: permissions, roles, the principal and the one check. */
export {
  PERMISSIONS,
  CAMERA_PERMISSIONS,
  CAMERA_REGISTRY_READ,
  isPermission,
  type Permission,
} from './permissions.ts';
export { ROLES, ROLE_PERMISSIONS, isRole, type Role } from './roles.ts';
export type { Principal } from './principal.ts';
export {
  authorize,
  isAllowed,
  permissionsOf,
  type Resource,
  type PermissionRequirement,
} from './authorize.ts';
