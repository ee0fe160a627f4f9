/**
 * Agency routes: `GET /api/agencies` (administrators and auditors; a partner's user sees only
 * their own agency), `POST /api/agencies` and `PATCH /api/agencies/{id}` (`agreement.manage`).
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import {
  currentPrincipal,
  type AppEnv,
  errorResponses,
  jsonBody,
  jsonResponse,
  actorOf,
} from '../http/index.ts';
import type { RouteKit } from '../http/index.ts';
import type { AccessService } from './create.ts';
import { authorize } from '../permissions/index.ts';
import { agencyCreateSchema, agencyPatchSchema, agencySchema } from './api-shapes.ts';

const tags = ['agencies'];
const idParam = z.object({
  id: z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name: 'id', in: 'path' }, example: 'carabinieri' }),
});

const list = createRoute({
  method: 'get',
  path: '/agencies',
  summary: 'List agencies',
  tags,
  responses: {
    200: jsonResponse(
      z.object({ agencies: z.array(agencySchema) }).openapi('AgencyList'),
      'Agencies',
    ),
    ...errorResponses(401, 403),
  },
});
const create = createRoute({
  method: 'post',
  path: '/agencies',
  summary: 'Add a partner agency',
  tags,
  request: { body: jsonBody(agencyCreateSchema, 'The agency') },
  responses: {
    201: jsonResponse(agencySchema, 'Added'),
    ...errorResponses(400, 401, 403, 409, 413),
  },
});
const patch = createRoute({
  method: 'patch',
  path: '/agencies/{id}',
  summary: 'Rename an agency',
  tags,
  request: { params: idParam, body: jsonBody(agencyPatchSchema, 'The new name') },
  responses: {
    200: jsonResponse(agencySchema, 'Renamed'),
    ...errorResponses(400, 401, 403, 404, 413),
  },
});

/** What these routes are built from: the HTTP kit and the services they use. */
export interface AccessAgencyRoutesDeps extends RouteKit {
  access: AccessService;
}

/** The agency routes. */
export function agencyRoutes(ctx: AccessAgencyRoutesDeps): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>();
  const admin = ctx.access.agencies;
  app.openapi(list, async (c) => {
    const grant = authorize(currentPrincipal(c), ['agreement.manage', 'user.manage', 'audit.read']);
    return c.json({ agencies: await admin.list(actorOf(c, ctx.http.trustProxy), grant) }, 200);
  });
  app.openapi(create, async (c) => {
    authorize(currentPrincipal(c), 'agreement.manage');
    return c.json(await admin.create(actorOf(c, ctx.http.trustProxy), c.req.valid('json')), 201);
  });
  app.openapi(patch, async (c) => {
    const { id } = c.req.valid('param');
    authorize(currentPrincipal(c), 'agreement.manage', { kind: 'agency', id });
    const agency = await admin.rename(
      actorOf(c, ctx.http.trustProxy),
      id,
      c.req.valid('json').name,
    );
    return c.json(agency, 200);
  });
  return app;
}
