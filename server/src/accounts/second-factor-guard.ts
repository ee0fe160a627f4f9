/**
 * Holds a session that lacks a required second factor to enrolment: an account that the
 * configuration requires to have one (`auth.secondFactor`) and has none may call only the
 * enrolment routes and `GET/DELETE /api/session`; anything else is refused with 403
 * `permission_denied`, `reason: 'second_factor_enrolment_required'`. API tokens are not held.
 */
import type { MiddlewareHandler } from 'hono';
import { AppError } from '../app/index.ts';
import type { AppEnv } from '../http/index.ts';
import type { SecondFactorService } from './second-factor.ts';

/** `METHOD /path` that a session held to enrolment may call. */
export const ENROLMENT_ROUTES: readonly string[] = [
  'GET /api/session',
  'DELETE /api/session',
  'POST /api/session/totp/enrol',
  'POST /api/session/totp/confirm',
];

/** Creates the guard; mounted after the session middleware. */
export function secondFactorGuard(factor: SecondFactorService): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const p = c.get('principal');
    if (p !== undefined && c.get('sessionToken') !== undefined && factor.required(p)) {
      const path = c.req.path.length > 1 ? c.req.path.replace(/\/$/, '') : c.req.path;
      const allowed = ENROLMENT_ROUTES.includes(`${c.req.method.toUpperCase()} ${path}`);
      if (!allowed && !(await factor.hasTotp(p.userId))) {
        throw new AppError('permission_denied', 'enrol a second factor first (TOTP)', {
          reason: 'second_factor_enrolment_required',
        });
      }
    }
    await next();
  };
}
