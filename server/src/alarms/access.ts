/**
 * Who may see and handle an alarm. An alarm about cameras is seen by whoever may watch one of them
 * live or handle alarms on one of them (`live.view` or `alarm.handle`: so a partner agency's user
 * sees the alarms of the cameras their agreement lets them watch), and handled (acknowledged,
 * assigned, commented, closed) with `alarm.handle` on one of them — the agreement must grant it
 * to a partner. An installation alarm (disk, password guessing) is the owner agency's: seen by its
 * users, handled with `alarm.handle`. The owner agency's auditors (`audit.read` over the
 * installation) read every alarm and handle none. Checks go through `authorize`, so refusals are
 * audited by the HTTP kit's denial middleware.
 */
import { AccessDenied, authorize, isAllowed, type Principal } from '../permissions/index.ts';

/** What of an alarm decides access. */
export interface AlarmScope {
  readonly id: string;
  readonly cameraIds: readonly string[];
}

const camera = (id: string) => ({ kind: 'camera' as const, id });

/** True when the principal reads every alarm (an owner agency's auditor). */
function readsEverything(p: Principal): boolean {
  return p.agencyKind === 'owner' && isAllowed(p, 'audit.read');
}

/** True when the principal may see the alarm. */
export function maySee(p: Principal, a: AlarmScope): boolean {
  if (a.cameraIds.length === 0) return p.agencyKind === 'owner';
  if (readsEverything(p)) return true;
  return a.cameraIds.some((id) => isAllowed(p, ['live.view', 'alarm.handle'], camera(id)));
}

/** True when the principal may acknowledge, assign, comment and close the alarm. */
export function mayHandle(p: Principal, a: AlarmScope): boolean {
  if (a.cameraIds.length === 0) return p.agencyKind === 'owner' && isAllowed(p, 'alarm.handle');
  return a.cameraIds.some((id) => isAllowed(p, 'alarm.handle', camera(id)));
}

/** Throws `AccessDenied` unless the principal may handle the alarm (one it can see). */
export function authorizeHandling(p: Principal, a: AlarmScope): void {
  if (mayHandle(p, a)) return;
  const first = a.cameraIds[0];
  if (first !== undefined) authorize(p, 'alarm.handle', camera(first));
  throw new AccessDenied({
    required: ['alarm.handle'],
    cameraId: first ?? null,
    resource: `alarm:${a.id}`,
    fromMs: null,
    reason: p.agencyKind === 'owner' ? 'role_lacks_permission' : 'owner_agency_only',
  });
}
