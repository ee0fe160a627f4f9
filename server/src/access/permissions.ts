/**
 * Permissions are `resource.action` strings. Each names one thing a person may do; the law asks
 * for live, playback, export, PTZ, privacy-mask lifting, legal holds and administration to be
 * granted separately.
 */

/** Every permission, in a stable order (the order `permissionsOf` reports them in). */
export const PERMISSIONS = [
  'live.view',
  'playback.view',
  'export.create',
  'ptz.control',
  'mask.lift',
  'hold.manage',
  'camera.manage',
  'user.manage',
  'agreement.manage',
  'audit.read',
] as const;

/** One permission. */
export type Permission = (typeof PERMISSIONS)[number];

/** Permissions that act on a camera (granted per camera or group once agreements exist). */
export const CAMERA_PERMISSIONS: readonly Permission[] = [
  'live.view',
  'playback.view',
  'export.create',
  'ptz.control',
  'mask.lift',
  'hold.manage',
];

/** Any one of these lets a person read the camera registry (names, places, groups). */
export const CAMERA_REGISTRY_READ: readonly Permission[] = [
  'live.view',
  'playback.view',
  'camera.manage',
  'audit.read',
];

/** True when `value` names a permission. */
export function isPermission(value: string): value is Permission {
  return (PERMISSIONS as readonly string[]).includes(value);
}
