/**
 * A display account's access: only what is pushed to its display. When the session's account is
 * bound to a display, its principal holds `live.view` on the cameras the display shows live (a
 * camera, a view's tiles and tours) and `playback.view` on a replay's camera, within what its agency holds
 * on them (an agreement suspended takes the camera off the wall), and nothing else, whatever its
 * role holds. The access is derived anew on every request and every re-check of a running
 * stream, so taking content back ends its streams. Any other account gets the ordinary access.
 */
import type {
  AccessSubject,
  AgencyRights,
  CameraPermission,
  PrincipalAccess,
} from '../permissions/index.ts';
import { camerasOf, contentOf, displayOfAccount } from './store.ts';
import type { DisplaysDb } from './tables.ts';

/** How the ordinary access of a subject is loaded (the access module's loader). */
export type AccessLoader = (
  subject: AccessSubject,
  nowMs: number,
) => Promise<PrincipalAccess | undefined>;

/** Wraps the ordinary loader: display accounts get the access of what their display shows. */
export function displayAccessLoader(db: DisplaysDb, ordinary: AccessLoader): AccessLoader {
  return async (subject, nowMs) => {
    const display =
      subject.userId === undefined ? undefined : await displayOfAccount(db, subject.userId);
    const base = await ordinary(subject, nowMs);
    if (display === undefined || base === undefined) return base;
    const content = contentOf(display);
    const wanted = new Map<string, CameraPermission>();
    if (content.kind === 'camera') wanted.set(content.cameraId, 'live.view');
    if (content.kind === 'replay') wanted.set(content.cameraId, 'playback.view');
    if (content.kind === 'view') {
      for (const id of camerasOf(content)) wanted.set(id, 'live.view');
    }
    const byCamera = new Map<string, ReadonlySet<CameraPermission>>();
    for (const [cameraId, permission] of wanted) {
      // What the agency holds on the camera (groups are already expanded into cameras).
      const held = base.rights.ownsAll || base.rights.byCamera.get(cameraId)?.has(permission);
      if (held === true) {
        byCamera.set(cameraId, new Set([permission]));
      }
    }
    const rights: AgencyRights = {
      agencyId: base.rights.agencyId,
      ownsAll: false,
      byCamera,
      byGroup: new Map(),
    };
    return {
      permissions: new Set(byCamera.size > 0 ? [...new Set(wanted.values())] : []),
      // A replay reaches back to its start (a minute's margin for the segment it begins in).
      playbackLookbackMs:
        content.kind === 'replay' ? Math.max(0, nowMs - content.fromMs) + 60_000 : null,
      rights,
      atMs: nowMs,
      display: { id: display.id, name: display.name },
    };
  };
}
