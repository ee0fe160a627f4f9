/**
 * Permissions are `resource.action` strings. Each names one thing a person may do; the law asks
 * for live, playback, export, PTZ, privacy-mask lifting, legal holds and administration to be
 * granted separately. Camera permissions apply to one camera at a time and are capped by what the
 * user's agency holds on that camera; installation permissions apply to the installation.
 */

/** Permissions that apply to one camera. Agreements grant a subset of these. */
export const CAMERA_PERMISSIONS = [
  'live.view',
  'playback.view',
  'export.create',
  'ptz.control',
  'mask.lift',
  'hold.manage',
  // Bookmarks on the camera's recordings: create, and change or delete one's own (a supervisor
  // also others' of their agency). Seeing bookmarks needs only `playback.view`.
  'bookmark.manage',
  // The alarm console: acknowledge, assign, comment and close the camera's alarms, and raise an
  // operator's report (segnalazione) on it. Seeing its alarms needs `live.view` or this.
  'alarm.handle',
  // The standard RTSP re-stream (`restream/`): an agency's service accounts, signed in from its
  // own video management system, may read the camera's live video. Held through agreements (the
  // owner agency holds it on every camera); roles of people have no use for it.
  'restream',
] as const;

/** Permissions over the installation: administration and audit. */
export const INSTALLATION_PERMISSIONS = [
  'camera.manage',
  'user.manage',
  'agreement.manage',
  'audit.read',
  // Changing and deleting bookmarks others of one's agency made (a supervisor's).
  'bookmark.supervise',
  // Saving wall views shared with one's agency or a role, and changing or deleting the shared
  // views of one's agency (supervisors, administrators). Personal views need only `live.view`.
  'view.share',
  // The operations room's wall displays: push a camera, a view or an instant replay to one of
  // one's agency's displays, and take it back (operators). What is pushed must be what the
  // pusher may see.
  'display.push',
  // Create, rename and delete one's agency's displays and bind their display accounts.
  'display.manage',
] as const;

/** Every permission, in a stable order (the order `permissionsOf` reports them in). */
export const PERMISSIONS = [...CAMERA_PERMISSIONS, ...INSTALLATION_PERMISSIONS] as const;

/** One permission. */
export type Permission = (typeof PERMISSIONS)[number];
/** A permission that applies to one camera. */
export type CameraPermission = (typeof CAMERA_PERMISSIONS)[number];
/** A permission over the installation. */
export type InstallationPermission = (typeof INSTALLATION_PERMISSIONS)[number];

/** Any one of these lets a person read the camera registry (names, places, groups). */
export const CAMERA_REGISTRY_READ: readonly Permission[] = [
  'live.view',
  'playback.view',
  'camera.manage',
  'audit.read',
];

/**
 * Installation permissions that a partner agency's user may hold, limited to their own agency:
 * managing their own agency's accounts, reading their own agency's audit trail, and supervising
 * their own agency's bookmarks. The others (cameras, agreements) belong to the owner agency alone.
 */
export const PARTNER_SCOPED_PERMISSIONS: ReadonlySet<InstallationPermission> = new Set([
  'user.manage',
  'audit.read',
  'bookmark.supervise',
  'view.share',
  'display.push',
  'display.manage',
]);

const all = new Set<string>(PERMISSIONS);
const camera = new Set<string>(CAMERA_PERMISSIONS);

/** True when `value` names a permission. */
export function isPermission(value: string): value is Permission {
  return all.has(value);
}

/** True when `value` is a per-camera permission. */
export function isCameraPermission(value: string): value is CameraPermission {
  return camera.has(value);
}
