/**
 * The questions the live module asks about access, answered by the accounts and access modules:
 * is this session still valid, and may this person watch this camera live now. Kept as an
 * interface so that the stream code does not depend on how agreements are stored, and so that
 * the answer is asked again while a stream runs (a stream outlives neither its session nor the
 * permission).
 */
import { isAppError } from '../app/index.ts';
import { isAllowed } from '../permissions/index.ts';
import type { Principal } from '../permissions/index.ts';
import type { SessionService } from '../accounts/index.ts';
import type { CameraRegistry } from '../cameras/index.ts';

/** What the live module needs to know about access. */
export interface LiveAccess {
  /** The principal of a still-valid session, or undefined when it ended or expired. */
  resolveSession(sessionToken: string): Promise<Principal | undefined>;
  /** True when the principal may watch the camera live now (exists, enabled, `live.view`). */
  mayWatch(principal: Principal, cameraId: string): Promise<boolean>;
}

/** Answers from the accounts' sessions, the camera registry and the one `authorize` check. */
export function registryLiveAccess(deps: {
  sessions: SessionService;
  cameras: CameraRegistry;
  /** The access decision; `isAllowed` from the access module by default. */
  allowed?: (principal: Principal, cameraId: string) => boolean | Promise<boolean>;
}): LiveAccess {
  const allowed =
    deps.allowed ??
    ((p: Principal, id: string) => isAllowed(p, 'live.view', { kind: 'camera', id }));
  return {
    resolveSession: (token) => deps.sessions.resolve(token),
    async mayWatch(principal, cameraId) {
      if (!(await allowed(principal, cameraId))) return false;
      try {
        return (await deps.cameras.get(cameraId)).enabled;
      } catch (e) {
        if (isAppError(e, 'not_found')) return false;
        throw e;
      }
    },
  };
}
