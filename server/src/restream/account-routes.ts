/**
 * The re-stream's administration routes, with `user.manage` (a partner agency's user manager
 * reaches only their own agency's service accounts; another agency's is "not found"):
 * `GET /api/restream` (where a VMS connects), `GET /api/restream/accounts` (never an HA1),
 * `POST /api/restream/accounts` (the password passes people's policy and is never echoed),
 * `POST /api/restream/accounts/{name}/disable` (final; the account's sessions end at once).
 * Changes are audited with the actions the command line writes (`restream.account_create`,
 * `restream.account_disable`).
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { notFound } from '../app/index.ts';
import type { AuditRecorder } from '../audit/index.ts';
import {
  actorOf,
  currentPrincipal,
  errorResponses,
  jsonBody,
  jsonResponse,
  type AppEnv,
  type RouteKit,
} from '../http/index.ts';
import { AccessDenied, authorize, type Principal } from '../permissions/index.ts';
import {
  accountNameParam,
  restreamInfoSchema,
  serviceAccountCreateSchema,
  serviceAccountSchema,
} from './api-shapes.ts';
import type { RestreamService } from './create.ts';
import type { ServiceAccount } from './service-accounts.ts';
import { vmsAddresses } from './vms-addresses.ts';

const tags = ['restream'];

const info = createRoute({
  method: 'get',
  path: '/restream',
  summary: "Where partners' video management systems connect (null when not served)",
  tags,
  responses: {
    200: jsonResponse(restreamInfoSchema, 'Addresses'),
    ...errorResponses(401, 403),
  },
});
const list = createRoute({
  method: 'get',
  path: '/restream/accounts',
  summary: 'List the re-stream service accounts (never their secrets)',
  tags,
  responses: {
    200: jsonResponse(
      z.object({ accounts: z.array(serviceAccountSchema) }).openapi('RestreamAccountList'),
      'Service accounts',
    ),
    ...errorResponses(401, 403),
  },
});
const create = createRoute({
  method: 'post',
  path: '/restream/accounts',
  summary: 'Make a re-stream service account (audited; the password is not echoed)',
  tags,
  request: { body: jsonBody(serviceAccountCreateSchema, 'Name, agency and password') },
  responses: {
    201: jsonResponse(serviceAccountSchema, 'Made'),
    ...errorResponses(400, 401, 403, 409),
  },
});
const disable = createRoute({
  method: 'post',
  path: '/restream/accounts/{name}/disable',
  summary: 'Disable a re-stream service account for good; its sessions end (audited)',
  tags,
  request: { params: accountNameParam },
  responses: {
    200: jsonResponse(serviceAccountSchema, 'Disabled'),
    ...errorResponses(400, 401, 403, 404),
  },
});

/** What these routes are built from. */
export interface RestreamAccountRoutesDeps extends RouteKit {
  restream: RestreamService;
  audit: AuditRecorder;
}

/** The agency a manager is kept to; null for the owner's (every agency). */
function managedAgency(p: Principal): string | null {
  return authorize(p, 'user.manage').scope === 'installation' ? null : p.agencyId;
}

/** The re-stream's administration routes. */
export function restreamAccountRoutes(ctx: RestreamAccountRoutesDeps): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>();
  const accounts = ctx.restream.accounts;
  const record = (
    c: Parameters<typeof actorOf>[0],
    action: 'restream.account_create' | 'restream.account_disable',
    a: ServiceAccount,
  ) =>
    ctx.audit.record({
      action,
      outcome: 'granted',
      principal: currentPrincipal(c),
      sourceAddress: actorOf(c, ctx.http.trustProxy).sourceAddress,
      resource: `restream-account:${a.id}`,
      details: { name: a.name, agencyId: a.agencyId },
    });

  app.openapi(info, (c) => {
    authorize(currentPrincipal(c), 'user.manage');
    const at = ctx.restream.addresses;
    const where = vmsAddresses(at, new URL(c.req.url).hostname);
    return c.json({ enabled: at !== null, ...where, realm: ctx.restream.realm }, 200);
  });

  app.openapi(list, async (c) => {
    const agencyId = managedAgency(currentPrincipal(c));
    const all = await accounts.list();
    return c.json(
      { accounts: agencyId === null ? all : all.filter((a) => a.agencyId === agencyId) },
      200,
    );
  });

  app.openapi(create, async (c) => {
    const p = currentPrincipal(c);
    const agencyId = managedAgency(p);
    const body = c.req.valid('json');
    if (agencyId !== null && body.agencyId !== agencyId) {
      throw new AccessDenied({
        required: ['user.manage'],
        cameraId: null,
        resource: `restream-account:new:${body.name}`,
        fromMs: null,
        reason: 'agency_lacks_right',
      });
    }
    const made = await accounts.add(body);
    await record(c, 'restream.account_create', made);
    return c.json(made, 201);
  });

  app.openapi(disable, async (c) => {
    const agencyId = managedAgency(currentPrincipal(c));
    const { name } = c.req.valid('param');
    const found = await accounts.find(name.trim().toLowerCase());
    if (found === undefined || (agencyId !== null && found.agencyId !== agencyId)) {
      throw notFound(`restream account ${name}`);
    }
    const wasEnabled = found.disabledMs === null;
    const disabled = await accounts.disable(found.name);
    if (wasEnabled) {
      await record(c, 'restream.account_disable', disabled);
      await ctx.restream.recheckNow(); // its sessions end now, not at the next periodic check
    }
    return c.json(disabled, 200);
  });
  return app;
}
