/**
 * Built-in roles and what each may do. A static map for now; per-camera grants and agreements
 * between agencies extend it in `authorize.ts`, never elsewhere.
 */
import type { Permission } from './permissions.ts';

/** The built-in role names, as stored in `users.role`. */
export const ROLES = ['administrator', 'supervisor', 'operator', 'auditor'] as const;

/** One built-in role. */
export type Role = (typeof ROLES)[number];

/** What each role may do (within its agency's reach). */
export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  // The municipality's system administrator: cameras, users, agreements, and the video itself.
  administrator: [
    'live.view',
    'playback.view',
    'export.create',
    'ptz.control',
    'hold.manage',
    'bookmark.manage',
    'alarm.handle',
    'camera.manage',
    'user.manage',
    'agreement.manage',
    'bookmark.supervise',
    'view.share',
    'display.push',
    'display.manage',
  ],
  // An operator who also places legal holds and may lift privacy masks.
  supervisor: [
    'live.view',
    'playback.view',
    'export.create',
    'ptz.control',
    'mask.lift',
    'hold.manage',
    'bookmark.manage',
    'alarm.handle',
    'bookmark.supervise',
    'view.share',
    'display.push',
  ],
  // The operations-room operator.
  operator: [
    'live.view',
    'playback.view',
    'export.create',
    'ptz.control',
    'bookmark.manage',
    'alarm.handle',
    'display.push',
  ],
  // The data protection officer or auditor: reads the audit log, nothing else.
  auditor: ['audit.read'],
};

/** True when `value` is a built-in role name. */
export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
