/**
 * Second-factor routes. For the signed-in person: `POST /api/session/totp/enrol` (a new secret:
 * otpauth URI, QR image, not in use yet) and `POST /api/session/totp/confirm` (a first code turns
 * it on; the recovery codes are in this answer only). Public: `POST /api/session/second-factor`
 * (the login's second step; sets the session cookie). With `user.manage`:
 * `DELETE /api/users/{id}/totp` resets a lost factor (a partner's manager: their agency only).
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import QRCode from 'qrcode';
import { notFound, permissionDenied } from '../app/index.ts';
import { authorize, type Principal } from '../permissions/index.ts';
import {
  actorOf,
  clientAddress,
  currentPrincipal,
  type AppEnv,
  errorResponses,
  jsonBody,
  jsonResponse,
} from '../http/index.ts';
import { sessionUserOf, sessionUserSchema, setSessionCookie } from './routes.ts';
import type { AccountsRoutesDeps } from './routes.ts';

const code = z.string().min(6).max(10).openapi({ example: '123456' });

const enrolment = z
  .object({
    /** The base32 secret, for typing into the app when the QR cannot be read. */
    secret: z.string(),
    uri: z.string(),
    /** The QR image of `uri`: an SVG `data:` URL. */
    qrDataUrl: z.string(),
  })
  .openapi('TotpEnrolment');

const enrol = createRoute({
  method: 'post',
  path: '/session/totp/enrol',
  summary: 'Start enrolling a TOTP second factor (not in use until confirmed)',
  tags: ['session'],
  responses: { 200: jsonResponse(enrolment, 'The new secret'), ...errorResponses(401, 403, 409) },
});

const confirm = createRoute({
  method: 'post',
  path: '/session/totp/confirm',
  summary: 'Turn the enrolled TOTP factor on with a first code; answers the recovery codes once',
  tags: ['session'],
  request: { body: jsonBody(z.strictObject({ code }).openapi('TotpConfirm'), 'A first code') },
  responses: {
    200: jsonResponse(
      z.object({ recoveryCodes: z.array(z.string()) }).openapi('RecoveryCodes'),
      'In use; the recovery codes, shown this once',
    ),
    ...errorResponses(400, 401, 403),
  },
});

const secondStep = createRoute({
  method: 'post',
  path: '/session/second-factor',
  summary: 'Complete a login with the second factor; sets the session cookie',
  tags: ['session'],
  security: [],
  request: {
    body: jsonBody(
      z
        .strictObject({
          challenge: z.string().min(16).max(128),
          code: code.optional(),
          recoveryCode: z.string().min(1).max(40).optional(),
        })
        .refine((b) => (b.code === undefined) !== (b.recoveryCode === undefined), {
          message: 'give either code or recoveryCode',
        })
        .openapi('SecondFactorAnswer'),
      'The challenge and a TOTP code or a recovery code',
    ),
  },
  responses: {
    200: jsonResponse(sessionUserSchema, 'Logged in'),
    ...errorResponses(400, 401, 429),
  },
});

const reset = createRoute({
  method: 'delete',
  path: '/users/{id}/totp',
  summary: "Remove an account's second factor (lost phone); audited",
  tags: ['users'],
  request: {
    params: z.object({
      id: z
        .string()
        .min(1)
        .max(64)
        .openapi({ param: { name: 'id', in: 'path' } }),
    }),
  },
  responses: { 204: { description: 'Removed' }, ...errorResponses(400, 401, 403, 404) },
});

/** Only a person's own session enrols: an API token may not. */
function person(p: Principal): Principal {
  if (p.access.token !== undefined) throw permissionDenied('an API token cannot enrol a factor');
  return p;
}

/** The second-factor routes (see the file's comment). */
export function secondFactorRoutes(ctx: AccountsRoutesDeps): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>();
  const factor = ctx.accounts.secondFactor;

  app.openapi(enrol, async (c) => {
    const p = person(currentPrincipal(c));
    const made = await factor.enrol(p.userId, p.username);
    const svg = await QRCode.toString(made.uri, { type: 'svg', margin: 2 });
    const qrDataUrl = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
    return c.json({ ...made, qrDataUrl }, 200);
  });

  app.openapi(confirm, async (c) => {
    const p = person(currentPrincipal(c));
    const recoveryCodes = await factor.confirm(p.userId, c.req.valid('json').code);
    await ctx.audit.record({
      action: 'session.totp_enrol',
      outcome: 'granted',
      principal: p,
      sourceAddress: clientAddress(c, ctx.http.trustProxy),
      resource: `user:${p.userId}`,
    });
    return c.json({ recoveryCodes }, 200);
  });

  app.openapi(secondStep, async (c) => {
    const body = c.req.valid('json');
    const address = clientAddress(c, ctx.http.trustProxy);
    const result = await ctx.accounts.login.secondFactorStep({ ...body, address });
    setSessionCookie(c, ctx, result);
    return c.json(await sessionUserOf(ctx.accounts, result.principal), 200);
  });

  app.openapi(reset, async (c) => {
    const p = currentPrincipal(c);
    const { id } = c.req.valid('param');
    const grant = authorize(p, 'user.manage', { kind: 'user', id });
    const user = await ctx.accounts.users.get(id);
    if (grant.scope !== 'installation' && user.agencyId !== p.agencyId) {
      throw notFound(`user ${id}`);
    }
    const removed = await ctx.accounts.secondFactor.reset(id);
    await ctx.audit.record({
      action: 'session.totp_reset',
      outcome: 'granted',
      principal: p,
      sourceAddress: actorOf(c, ctx.http.trustProxy).sourceAddress,
      resource: `user:${id}`,
      details: { account: user.username, removed },
    });
    return c.body(null, 204);
  });
  return app;
}
