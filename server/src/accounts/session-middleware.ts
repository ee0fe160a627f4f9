/**
 * Requires a valid session on every `/api/` route that is not public: reads the session cookie,
 * resolves it to a principal (which also refreshes the idle timer), and puts both on the context.
 * Without one the request is refused with 401 before any route runs.
 */
import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { AppError } from '../app/index.ts';
import type { SessionService } from './sessions.ts';
import type { AppEnv } from '../http/index.ts';
import { SESSION_COOKIE, isPublicRoute } from '../http/index.ts';

/** Creates the session middleware. */
export function sessionMiddleware(sessions: SessionService): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    // Already resolved from an API token (token-middleware.ts, mounted first).
    if (c.get('principal') !== undefined) {
      await next();
      return;
    }
    const token = getCookie(c, SESSION_COOKIE);
    const principal = token === undefined ? undefined : await sessions.resolve(token);
    c.set('principal', principal);
    c.set('sessionToken', principal === undefined ? undefined : token);
    if (principal === undefined && !isPublicRoute(c.req.method, c.req.path)) {
      throw new AppError('unauthenticated', 'a session is required: log in first');
    }
    await next();
  };
}
