/**
 * The actions Vedetta writes into the audit trail. Modules may record other dotted names, but
 * these are the ones the auditor's view offers as filters and the design document describes.
 */

/** Known audit actions, grouped by what they concern. */
export const AUDIT_ACTIONS = [
  // sessions
  'session.login',
  'session.login_failed',
  'session.logout',
  // the second factor (TOTP): enrolled (confirmed), reset by an administrator
  'session.totp_enrol',
  'session.totp_reset',
  // API tokens of machines: made, used (every request), revoked
  'token.create',
  'token.use',
  'token.revoke',
  // looking at video
  'live.start',
  'live.stop',
  'playback.view',
  'playback.watched',
  'export.create',
  'still.create',
  'ptz.control',
  'ptz.release',
  'ptz.preset',
  'ptz.home',
  'mask.lift',
  'hold.place',
  'hold.extend',
  'hold.release',
  'bookmark.create',
  'bookmark.update',
  'bookmark.delete',
  // the alarm console
  'alarm.raise',
  'alarm.acknowledge',
  'alarm.assign',
  'alarm.comment',
  'alarm.close',
  'view.create',
  'view.update',
  'view.delete',
  // the room's wall displays
  'display.create',
  'display.update',
  'display.delete',
  'display.push',
  'display.clear',
  // the RTSP re-stream for partners' video systems
  'restream.start',
  'restream.stop',
  'restream.denied',
  'restream.account_create',
  'restream.account_disable',
  // administration
  'camera.create',
  'camera.update',
  'camera.delete',
  'camera.test_connection',
  'camera.onvif_discovery',
  'camera.onvif_probe',
  'group.create',
  'group.update',
  'group.delete',
  'agency.create',
  'agency.update',
  'agency.delete',
  'user.create',
  'user.update',
  'user.unlock',
  'user.delete',
  'role.create',
  'role.update',
  'role.delete',
  'agreement.create',
  'agreement.update',
  'agreement.suspend',
  'agreement.resume',
  'agreement.revoke',
  'config.change',
  // retention
  'recording.delete',
  'export.purge',
  // auditing itself
  'audit.read',
  'audit.export',
  'audit.verify',
  // a request refused by the access check before any specific action
  'access.denied',
] as const;

/** One of the known actions. */
export type AuditAction = (typeof AUDIT_ACTIONS)[number];
