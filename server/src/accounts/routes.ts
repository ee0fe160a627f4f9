/**
 * Session routes: `POST /api/session` logs in and sets the session cookie (HttpOnly,
 * SameSite=Strict, Secure when served over TLS), `GET /api/session` says who is logged in,
 * `DELETE /api/session` logs out.
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { permissionsOf, PERMISSIONS } from '../permissions/index.ts';
import type { Principal } from '../permissions/index.ts';
import {
  clientAddress,
  currentPrincipal,
  type AppEnv,
  errorResponses,
  jsonBody,
  jsonResponse,
  SESSION_COOKIE,
} from '../http/index.ts';
import type { RouteKit } from '../http/index.ts';
import type { Accounts } from './index.ts';
import type { AuditService } from '../audit/index.ts';
import type { Clock, Logger } from '../app/index.ts';

const loginSchema = z
  .strictObject({
    username: z.string().min(1).max(200).openapi({ example: 'admin' }),
    password: z.string().min(1).max(1024),
  })
  .openapi('Login');

const sessionUserSchema = z
  .object({
    user: z.object({
      id: z.string(),
      username: z.string(),
      displayName: z.string(),
      role: z.string(),
      agencyId: z.string(),
      /** The agency's name, as the header shows it. */
      agencyName: z.string(),
      permissions: z.array(z.enum(PERMISSIONS)),
      /** Set for a wall display's account: the web app shows that display and nothing else. */
      display: z.object({ id: z.string(), name: z.string() }).nullable(),
      /**
       * The second factor: `enrolled` (TOTP in use), `required` (by the configuration). Required
       * and not enrolled: this session may only enrol one (every other route answers 403).
       */
      secondFactor: z.object({ enrolled: z.boolean(), required: z.boolean() }),
    }),
  })
  .openapi('SessionUser');

const challengeSchema = z
  .object({
    secondFactor: z.literal('totp'),
    /** Answer it at `POST /api/session/second-factor` with a code, within `expiresMs`. */
    challenge: z.string(),
    expiresMs: z.number().int(),
  })
  .openapi('SecondFactorChallenge');

/** What these routes are built from: the HTTP kit and the services they use. */
export interface AccountsRoutesDeps extends RouteKit {
  accounts: Accounts;
  audit: AuditService;
  clock: Clock;
  logger: Logger;
  /** Live streams, closed with the session that opened them (the live module sits above). */
  live: { viewers: { endSession(token: string): void } };
}

/** The session body for a principal (`agencyName`: its agency's name). */
export function sessionUserBody(
  p: Principal,
  agencyName: string,
  secondFactor: { enrolled: boolean; required: boolean },
): z.output<typeof sessionUserSchema> {
  return {
    user: {
      id: p.userId,
      username: p.username,
      displayName: p.displayName,
      role: p.role,
      agencyId: p.agencyId,
      agencyName,
      permissions: permissionsOf(p),
      display: p.access.display ?? null,
      secondFactor,
    },
  };
}

/** The session body of a principal, with its agency's name and second-factor standing. */
export async function sessionUserOf(
  accounts: Accounts,
  p: Principal,
): Promise<z.output<typeof sessionUserSchema>> {
  const agency = await accounts.agencies.get(p.agencyId);
  const enrolled = await accounts.secondFactor.hasTotp(p.userId);
  return sessionUserBody(p, agency.name, {
    enrolled,
    required: accounts.secondFactor.required(p),
  });
}

/** The session response schema, for the second step's route too. */
export { sessionUserSchema };

const login = createRoute({
  method: 'post',
  path: '/session',
  summary: 'Log in; sets the session cookie, or asks for the second factor',
  tags: ['session'],
  security: [],
  request: { body: jsonBody(loginSchema, 'Username and password') },
  responses: {
    200: jsonResponse(
      z.union([sessionUserSchema, challengeSchema]),
      'Logged in, or (an account with a second factor) a challenge and no cookie yet',
    ),
    ...errorResponses(400, 401, 413, 429),
  },
});

const whoami = createRoute({
  method: 'get',
  path: '/session',
  summary: 'Who is logged in',
  tags: ['session'],
  responses: { 200: jsonResponse(sessionUserSchema, 'The session user'), ...errorResponses(401) },
});

const logout = createRoute({
  method: 'delete',
  path: '/session',
  summary: 'Log out; ends the session',
  tags: ['session'],
  responses: { 204: { description: 'Logged out' }, ...errorResponses(401) },
});

/** The session cookie's options (HttpOnly, SameSite=Strict, Secure over TLS). */
export function cookieOptions(c: Context, ctx: RouteKit) {
  return {
    path: '/',
    httpOnly: true,
    sameSite: 'Strict' as const,
    secure: ctx.http.secureCookies || new URL(c.req.url).protocol === 'https:',
  };
}

/** Sets the session cookie of a login, for as long as the session may last. */
export function setSessionCookie(
  c: Context,
  ctx: RouteKit & { clock: Clock },
  result: { token: string; expiresMs: number },
): void {
  setCookie(c, SESSION_COOKIE, result.token, {
    ...cookieOptions(c, ctx),
    maxAge: Math.max(1, Math.floor((result.expiresMs - ctx.clock.nowMs()) / 1000)),
  });
}

/** The session routes. */
export function sessionRoutes(ctx: AccountsRoutesDeps): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>();

  app.openapi(login, async (c) => {
    const { username, password } = c.req.valid('json');
    const address = clientAddress(c, ctx.http.trustProxy);
    const result = await ctx.accounts.login.passwordStep({ username, password, address });
    if ('secondFactor' in result) return c.json(result, 200);
    setSessionCookie(c, ctx, result);
    return c.json(await sessionUserOf(ctx.accounts, result.principal), 200);
  });

  app.openapi(whoami, async (c) => {
    return c.json(await sessionUserOf(ctx.accounts, currentPrincipal(c)), 200);
  });

  app.openapi(logout, async (c) => {
    const token = c.get('sessionToken');
    if (token !== undefined) {
      await ctx.accounts.sessions.end(token);
      // Live streams do not outlive the session: end them now, not at the next re-check.
      ctx.live.viewers.endSession(token);
    }
    await ctx.audit.record({
      action: 'session.logout',
      outcome: 'granted',
      principal: currentPrincipal(c),
      sourceAddress: clientAddress(c, ctx.http.trustProxy),
    });
    ctx.logger.info({ username: currentPrincipal(c).username }, 'logout');
    deleteCookie(c, SESSION_COOKIE, cookieOptions(c, ctx));
    return c.body(null, 204);
  });
  return app;
}
