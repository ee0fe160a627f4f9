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
export type { Principal, PrincipalAccess, AccessSubject } from './principal.ts';

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
export { ForeignResource, isForeignResource, type ForeignRecord } from './foreign.ts';
export type { Actor } from './actor.ts';
export {
  agencyRights,
  type AgencyRights,
  agreementInForce,
  type AgreementStatus,
  type AgreementTerms,
  nextValidityBoundary,
} from './agreement-rules.ts';
export {
  type AgreementInput,
  type AgreementTermsInput,
  checkAgreementInput,
} from './agreement-terms.ts';
export { authorizeInstallationWide, visibleGroups } from './authorize.ts';
export { BUILTIN_ROLES, type RoleDefinition } from './builtin-roles.ts';
