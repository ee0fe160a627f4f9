/**
 * The permissions of Vedetta, as `resource.action` strings. Camera permissions apply to one
 * camera at a time and are capped by what the user's agency holds on that camera; installation
 * permissions apply to the installation as a whole.
 */

/** Permissions that apply to one camera. Agreements grant a subset of these. */
export const CAMERA_PERMISSIONS = [
  'live.view',
  'playback.view',
  'export.create',
  'ptz.control',
  'mask.lift',
  'hold.manage',
] as const;

/** Permissions over the installation: administration and audit. */
export const INSTALLATION_PERMISSIONS = [
  'camera.manage',
  'user.manage',
  'agreement.manage',
  'audit.read',
] as const;

/** Every permission, camera permissions first. */
export const ALL_PERMISSIONS = [...CAMERA_PERMISSIONS, ...INSTALLATION_PERMISSIONS] as const;

/** A permission that applies to one camera. */
export type CameraPermission = (typeof CAMERA_PERMISSIONS)[number];
/** A permission over the installation. */
export type InstallationPermission = (typeof INSTALLATION_PERMISSIONS)[number];
/** Any permission. */
export type Permission = CameraPermission | InstallationPermission;

const cameraSet = new Set<string>(CAMERA_PERMISSIONS);
const allSet = new Set<string>(ALL_PERMISSIONS);

/** True when `p` names a permission. */
export function isPermission(p: string): p is Permission {
  return allSet.has(p);
}

/** True when `p` is a per-camera permission. */
export function isCameraPermission(p: string): p is CameraPermission {
  return cameraSet.has(p);
}

/**
 * Installation permissions that a partner agency's user may hold, limited to their own agency:
 * managing their own agency's accounts and reading their own agency's audit trail. The others
 * (cameras, agreements) belong to the owner agency alone.
 */
export const PARTNER_SCOPED_PERMISSIONS: ReadonlySet<InstallationPermission> = new Set([
  'user.manage',
  'audit.read',
]);
