/**
 * What every request handler can find on the Hono context: the principal (set by the session
 * middleware on every non-public route), the session token, and the trusted proxies (set for
 * every request by the application, read by `clientAddress`).
 */
import type { Context } from 'hono';
import { AppError } from '../app/index.ts';
import type { Principal } from '../permissions/index.ts';
import type { TrustedProxies } from './client-address.ts';

/** The Hono environment of Vedetta's HTTP app. */
export interface AppEnv {
  Variables: {
    /** Who is calling; undefined only on the public routes. */
    principal: Principal | undefined;
    /** The session token from the cookie; undefined only on the public routes. */
    sessionToken: string | undefined;
    /** The proxies whose X-Forwarded-For entries are skipped (`server.trustedProxies`). */
    trustedProxies: TrustedProxies | undefined;
  };
}

/** The principal of the request; throws `unauthenticated` on a route without a session. */
export function currentPrincipal(c: Context<AppEnv>): Principal {
  const p = c.get('principal');
  if (p === undefined) throw new AppError('unauthenticated', 'a session is required');
  return p;
}
