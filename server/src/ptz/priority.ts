/**
 * PTZ priorities, from the configuration (`ptz`, `app/config-ptz.ts`): an ordered list of rules,
 * each naming an agency, an agency kind, a role or several, and a priority; the first rule that
 * matches a person gives theirs, otherwise the default. E.g. the owner's supervisors 90, the
 * owner's operators 60, partners 30.
 */
import type { PtzSettings } from '../app/index.ts';

/** Who a rule is matched against. */
export interface PrioritySubject {
  role: string;
  agencyId: string;
  agencyKind: 'owner' | 'partner';
}

/** The PTZ priority of a person. */
export function priorityOf(settings: PtzSettings, who: PrioritySubject): number {
  const rule = settings.priorities.find(
    (r) =>
      (r.agency === undefined || r.agency === who.agencyId) &&
      (r.role === undefined || r.role === who.role) &&
      (r.agencyKind === undefined || r.agencyKind === who.agencyKind),
  );
  return rule?.priority ?? settings.defaultPriority;
}

/** Minutes after which `cameraId` goes home without control; null: never. */
export function homeReturnMinutesOf(settings: PtzSettings, cameraId: string): number | null {
  const own = settings.homeReturnMinutes.cameras[cameraId];
  return own === undefined ? settings.homeReturnMinutes.default : own;
}
