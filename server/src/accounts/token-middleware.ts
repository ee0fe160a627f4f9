/**
 * API tokens on `/api/` routes: a request with `Authorization: Bearer vdt_…` acts as the
 * token's account narrowed to its scope (see api-tokens.ts). An unknown, expired or revoked token
 * is refused with 401 (never falls back to a cookie), and every request made with a token is
 * audited as `token.use` with the token's name, the method, the path and the answer's status —
 * so the trail shows which machine did what, on top of the entries the routes write themselves.
 */
import type { MiddlewareHandler } from 'hono';
import { AppError, type Logger } from '../app/index.ts';
import type { AuditRecorder } from '../audit/index.ts';
import { clientAddress, type AppEnv } from '../http/index.ts';
import type { ApiTokenService } from './api-tokens.ts';

const BEARER = /^Bearer\s+(\S+)$/i;

/** Creates the token middleware; mount it before the session middleware. */
export function tokenMiddleware(deps: {
  tokens: Pick<ApiTokenService, 'resolve'>;
  audit: AuditRecorder;
  trustProxy: boolean;
  logger: Logger;
}): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const header = c.req.header('authorization');
    if (header === undefined) {
      await next();
      return;
    }
    const secret = BEARER.exec(header)?.[1];
    const principal = secret === undefined ? undefined : await deps.tokens.resolve(secret);
    const token = principal?.access.token;
    if (principal === undefined || token === undefined) {
      throw new AppError('unauthenticated', 'the API token is unknown, expired or revoked');
    }
    c.set('principal', principal);
    c.set('sessionToken', undefined);
    try {
      await next();
    } finally {
      await deps.audit
        .record({
          action: 'token.use',
          outcome: c.res.status < 400 ? 'granted' : 'denied',
          principal,
          sourceAddress: clientAddress(c, deps.trustProxy),
          resource: `api_token:${token.id}`,
          details: {
            token: token.name,
            method: c.req.method,
            path: c.req.path,
            status: c.res.status,
          },
        })
        .catch((err: unknown) => deps.logger.error({ err }, 'token use: audit entry not written'));
    }
  };
}
