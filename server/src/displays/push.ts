/**
 * What a push becomes on the display, checked with the pusher's authority at push time: a camera
 * the pusher may watch live, one of the pusher's views (its tiles copied, those the pusher cannot
 * watch left empty), or a replay of a camera whose recording the pusher may watch from `fromMs`.
 * A camera the pusher may not see is refused by `authorize` (`permission_denied`, audited by the
 * HTTP kit, never saying whether the camera exists).
 */
import type { Clock } from '../app/index.ts';
import { invalidArgument, isAppError, parseWith } from '../app/index.ts';
import type { CameraRegistry } from '../cameras/index.ts';
import { authorize, type Actor } from '../permissions/index.ts';
import type { ViewService } from '../views/index.ts';
import { pushSchema, type DisplayContent } from './api-shapes.ts';
import { camerasOf } from './store.ts';

/** A tour: cameras cycled every `seconds`. */
interface Tour {
  cameraIds: string[];
  seconds: number;
}

/** What resolving a push needs. */
export interface PushDeps {
  /** To check that a camera exists and read its name (shown on the display). */
  cameras: Pick<CameraRegistry, 'get'>;
  views: Pick<ViewService, 'get'>;
  clock: Clock;
}

/** The names of cameras (those removed meanwhile left out); `not_found` when `strict`. */
async function namesOf(
  deps: PushDeps,
  ids: readonly string[],
  strict: boolean,
): Promise<Record<string, string>> {
  const names: Record<string, string> = {};
  for (const id of new Set(ids)) {
    try {
      names[id] = (await deps.cameras.get(id)).name;
    } catch (e) {
      if (strict || !isAppError(e, 'not_found')) throw e;
    }
  }
  return names;
}

/** The content a push (JSON) puts on a display, after the pusher's access is checked. */
export async function contentOfPush(
  deps: PushDeps,
  actor: Actor,
  raw: unknown,
): Promise<DisplayContent> {
  const push = parseWith(pushSchema, raw, 'push');
  const p = actor.principal;
  switch (push.kind) {
    case 'camera':
      authorize(p, 'live.view', { kind: 'camera', id: push.cameraId });
      return {
        kind: 'camera',
        cameraId: push.cameraId,
        stream: push.stream,
        names: await namesOf(deps, [push.cameraId], true),
      };
    case 'replay':
      if (push.fromMs >= deps.clock.nowMs()) {
        throw invalidArgument('invalid push: fromMs: must not be in the future');
      }
      authorize(p, 'playback.view', { kind: 'camera', id: push.cameraId, fromMs: push.fromMs });
      return {
        kind: 'replay',
        names: await namesOf(deps, [push.cameraId], true),
        cameraId: push.cameraId,
        fromMs: push.fromMs,
        toMs: deps.clock.nowMs(),
        reason: push.reason,
      };
    case 'view': {
      const view = await deps.views.get(actor, push.viewId);
      const unavailable = new Set(view.unavailableCameraIds);
      const ok = (id: string | null) => (id !== null && !unavailable.has(id) ? id : null);
      // A tour keeps the cameras the pusher may watch; one left empty is no tour.
      const tourOf = (tour: Tour | null | undefined): Tour | null => {
        const cameraIds = (tour?.cameraIds ?? []).filter((id) => ok(id) !== null);
        return tour && cameraIds.length > 0 ? { cameraIds, seconds: tour.seconds } : null;
      };
      const tiles = view.tiles.map((t) => ({
        cameraId: ok(t.cameraId),
        stream: t.stream,
        tour: tourOf(t.tour),
      }));
      const tour = tourOf(view.tour);
      const content: DisplayContent = {
        kind: 'view',
        viewId: view.id,
        name: view.name,
        layout: view.layout,
        tiles,
        tour,
        names: {},
      };
      return { ...content, names: await namesOf(deps, camerasOf(content), false) };
    }
  }
}
