/**
 * What a display account may call: the routes a wall display needs to show what is pushed to it
 * (its session, the site's time zone, its own display and event stream, live video, the privacy
 * masks of a camera, a replay's playback session) and nothing else. Any other API request of a
 * display account is refused (`permission_denied`, audited by the HTTP kit) before any route
 * runs, so that a display cannot browse by itself (camera lists, views, alarms, audit) even for
 * the cameras pushed to it.
 */
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../http/index.ts';
import { AccessDenied } from '../permissions/index.ts';

/** The requests a display account may make: method and path pattern. */
const ALLOWED: readonly [string, RegExp][] = [
  ['GET', /^\/api\/session$/],
  ['DELETE', /^\/api\/session$/],
  ['GET', /^\/api\/site$/],
  ['GET', /^\/api\/health$/],
  ['GET', /^\/api\/displays\/me(\/stream)?$/],
  ['POST', /^\/api\/live\/[^/]+\/token$/],
  ['GET', /^\/api\/live\/[^/]+\/(main|sub)\/mse$/],
  ['POST', /^\/api\/live\/[^/]+\/(main|sub)\/webrtc$/],
  ['DELETE', /^\/api\/live\/webrtc\/[^/]+$/],
  ['GET', /^\/api\/cameras\/[^/]+\/masks$/],
  ['POST', /^\/api\/playback\/sessions$/],
  [
    'GET',
    /^\/api\/playback\/sessions\/[^/]+\/cameras\/[^/]+\/(media|segments\/[^/]+\/(init|fragments))$/,
  ],
  ['DELETE', /^\/api\/playback\/sessions\/[^/]+$/],
];

/** True when a display account may make this request. */
export function displayMayCall(method: string, path: string): boolean {
  return ALLOWED.some(([m, re]) => m === method && re.test(path));
}

/** The middleware: refuses a display account's requests outside `displayMayCall`. */
export function displayGuard(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const p = c.get('principal');
    if (p?.access.display !== undefined && !displayMayCall(c.req.method, c.req.path)) {
      throw new AccessDenied({
        required: ['live.view'],
        cameraId: null,
        resource: `display:${p.access.display.id}`,
        fromMs: null,
        reason: 'role_lacks_permission',
      });
    }
    await next();
  };
}
