/** The access module's public entry: permissions, roles, the principal and the one check. */
export {
  PERMISSIONS,
  CAMERA_PERMISSIONS,
  INSTALLATION_PERMISSIONS,
  CAMERA_REGISTRY_READ,
  isPermission,
  isCameraPermission,
  type Permission,
  type CameraPermission,
  type InstallationPermission,
} from './permissions.ts';
export { ROLES, ROLE_PERMISSIONS, isRole, type Role } from './roles.ts';
export type { Principal } from './principal.ts';
export { loadPrincipalAccess, type PrincipalAccess } from './principal-access.ts';
export {
  authorize,
  isAllowed,
  permissionsOf,
  visibleCameras,
  cameraPermissionsOf,
  type Grant,
  type Resource,
  type PermissionRequirement,
} from './authorize.ts';
export { AccessDenied, isAccessDenied, type DenialRecord } from './denied.ts';
