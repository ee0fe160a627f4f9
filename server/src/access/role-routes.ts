/**
 * Role routes: `GET /api/roles` (`user.manage`), `POST /api/roles`, `PUT/DELETE
 * /api/roles/{name}` (`user.manage` of the owner agency: custom roles reach the installation).
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
import { authorize, authorizeInstallationWide } from '../permissions/index.ts';
import { roleCreateSchema, roleSchema, roleUpdateSchema } from './api-shapes.ts';

const tags = ['roles'];
const nameParam = z.object({
  name: z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name: 'name', in: 'path' }, example: 'operatore-notte' }),
});

const list = createRoute({
  method: 'get',
  path: '/roles',
  summary: 'List roles, built-in and custom',
  tags,
  responses: {
    200: jsonResponse(z.object({ roles: z.array(roleSchema) }).openapi('RoleList'), 'Roles'),
    ...errorResponses(401, 403),
  },
});
const create = createRoute({
  method: 'post',
  path: '/roles',
  summary: 'Create a custom role',
  tags,
  request: { body: jsonBody(roleCreateSchema, 'The role') },
  responses: {
    201: jsonResponse(roleSchema, 'Created'),
    ...errorResponses(400, 401, 403, 409, 413),
  },
});
const replace = createRoute({
  method: 'put',
  path: '/roles/{name}',
  summary: 'Replace the terms of a custom role',
  tags,
  request: { params: nameParam, body: jsonBody(roleUpdateSchema, 'The terms') },
  responses: {
    200: jsonResponse(roleSchema, 'Changed'),
    ...errorResponses(400, 401, 403, 404, 409, 413),
  },
});
const remove = createRoute({
  method: 'delete',
  path: '/roles/{name}',
  summary: 'Delete a custom role no account holds',
  tags,
  request: { params: nameParam },
  responses: { 204: { description: 'Deleted' }, ...errorResponses(400, 401, 403, 404, 409) },
});

/** What these routes are built from: the HTTP kit and the services they use. */
export interface AccessRoleRoutesDeps extends RouteKit {
  access: AccessService;
}

/** The role routes. */
export function roleRoutes(ctx: AccessRoleRoutesDeps): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>();
  const roles = ctx.access.roles;
  const actor = (c: Parameters<typeof actorOf>[0]) => actorOf(c, ctx.http.trustProxy);
  app.openapi(list, async (c) => {
    authorize(currentPrincipal(c), 'user.manage');
    return c.json({ roles: await roles.list() }, 200);
  });
  app.openapi(create, async (c) => {
    authorizeInstallationWide(currentPrincipal(c), 'user.manage');
    return c.json(await roles.create(actor(c), c.req.valid('json')), 201);
  });
  app.openapi(replace, async (c) => {
    const { name } = c.req.valid('param');
    authorizeInstallationWide(currentPrincipal(c), 'user.manage');
    return c.json(await roles.update(actor(c), name, c.req.valid('json')), 200);
  });
  app.openapi(remove, async (c) => {
    const { name } = c.req.valid('param');
    authorizeInstallationWide(currentPrincipal(c), 'user.manage');
    await roles.remove(actor(c), name);
    return c.body(null, 204);
  });
  return app;
}
