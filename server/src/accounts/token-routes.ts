/**
 * API token routes, with `user.manage` (a partner agency's user manager reaches only their own
 * agency's accounts): `GET /api/tokens`, `POST /api/tokens` (the secret is in this answer only),
 * `DELETE /api/tokens/{id}` (revoke). Making and revoking are audited (`token.create`,
 * `token.revoke`); a token cannot make or revoke tokens itself.
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { notFound } from '../app/index.ts';
import { AccessDenied, authorize, PERMISSIONS, type Principal } from '../permissions/index.ts';
import {
  actorOf,
  currentPrincipal,
  type AppEnv,
  errorResponses,
  jsonBody,
  jsonResponse,
  type RouteKit,
} from '../http/index.ts';
import type { AuditRecorder } from '../audit/index.ts';
import { MAX_TOKEN_DAYS, type ApiToken, type ApiTokenService } from './api-tokens.ts';

const tags = ['tokens'];

const tokenSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    userId: z.string(),
    username: z.string(),
    agencyId: z.string(),
    permissions: z.array(z.enum(PERMISSIONS)),
    createdMs: z.number().int(),
    createdByName: z.string(),
    expiresMs: z.number().int(),
    lastUsedMs: z.number().int().nullable(),
    revokedMs: z.number().int().nullable(),
    revokedByName: z.string().nullable(),
  })
  .openapi('ApiToken');

const createSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(100).openapi({ example: 'Scraper sala server' }),
    userId: z.string().min(1).max(64),
    permissions: z.array(z.enum(PERMISSIONS)).min(1).max(PERMISSIONS.length),
    days: z.number().int().min(1).max(MAX_TOKEN_DAYS).openapi({ example: 90 }),
  })
  .openapi('ApiTokenCreate');

const idParam = z.object({
  id: z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name: 'id', in: 'path' } }),
});

const list = createRoute({
  method: 'get',
  path: '/tokens',
  summary: 'List API tokens (never their secrets)',
  tags,
  responses: {
    200: jsonResponse(z.object({ tokens: z.array(tokenSchema) }), 'Tokens'),
    ...errorResponses(401, 403),
  },
});
const create = createRoute({
  method: 'post',
  path: '/tokens',
  summary: 'Make an API token; the secret is shown in this answer only (audited)',
  tags,
  request: { body: jsonBody(createSchema, 'Name, account, scope and lifetime in days') },
  responses: {
    201: jsonResponse(
      z.object({ token: tokenSchema, secret: z.string() }).openapi('ApiTokenMade'),
      'Made',
    ),
    ...errorResponses(400, 401, 403, 404),
  },
});
const revoke = createRoute({
  method: 'delete',
  path: '/tokens/{id}',
  summary: 'Revoke an API token at once (audited)',
  tags,
  request: { params: idParam },
  responses: {
    200: jsonResponse(tokenSchema, 'Revoked'),
    ...errorResponses(400, 401, 403, 404),
  },
});

/** What these routes are built from. */
export interface TokenRoutesDeps extends RouteKit {
  tokens: ApiTokenService;
  audit: AuditRecorder;
}

/** Tokens are managed by people: a token holding `user.manage` still cannot make tokens. */
function manager(p: Principal): { agencyId: string | null } {
  const grant = authorize(p, 'user.manage');
  if (p.access.token !== undefined) {
    throw new AccessDenied({
      required: ['user.manage'],
      cameraId: null,
      resource: 'api_token',
      fromMs: null,
      reason: 'role_lacks_permission',
    });
  }
  return { agencyId: grant.scope === 'installation' ? null : p.agencyId };
}

/** The API token routes. */
export function tokenRoutes(ctx: TokenRoutesDeps): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>();
  /** A token the manager may see: another agency's is "not found" to a partner's manager. */
  const visible = async (p: Principal, id: string): Promise<ApiToken> => {
    const { agencyId } = manager(p);
    const token = await ctx.tokens.get(id);
    if (agencyId !== null && token.agencyId !== agencyId) throw notFound(`API token ${id}`);
    return token;
  };

  app.openapi(list, async (c) => {
    const { agencyId } = manager(currentPrincipal(c));
    return c.json({ tokens: await ctx.tokens.list(agencyId) }, 200);
  });

  app.openapi(create, async (c) => {
    const p = currentPrincipal(c);
    const { agencyId } = manager(p);
    const body = c.req.valid('json');
    const made = await ctx.tokens.create({
      ...body,
      createdByName: p.username,
      ...(agencyId !== null ? { agencyId } : {}),
    });
    const actor = actorOf(c, ctx.http.trustProxy);
    await ctx.audit.record({
      action: 'token.create',
      outcome: 'granted',
      principal: p,
      sourceAddress: actor.sourceAddress,
      resource: `api_token:${made.token.id}`,
      details: {
        name: made.token.name,
        account: made.token.username,
        permissions: made.token.permissions,
        expiresMs: made.token.expiresMs,
      },
    });
    return c.json(made, 201);
  });

  app.openapi(revoke, async (c) => {
    const p = currentPrincipal(c);
    const { id } = c.req.valid('param');
    await visible(p, id);
    const token = await ctx.tokens.revoke(id, p.username);
    await ctx.audit.record({
      action: 'token.revoke',
      outcome: 'granted',
      principal: p,
      sourceAddress: actorOf(c, ctx.http.trustProxy).sourceAddress,
      resource: `api_token:${id}`,
      details: { name: token.name, account: token.username },
    });
    return c.json(token, 200);
  });
  return app;
}
