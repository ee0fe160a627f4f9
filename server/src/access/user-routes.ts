/**
 * Account routes: `GET/POST /api/users`, `GET/PATCH /api/users/{id}`,
 * `POST /api/users/{id}/unlock` (ends the waits after failed logins), all with `user.manage`.
 * A partner agency's user manager reaches only their own agency's accounts.
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
import { userCreateSchema, userPatchSchema, userSchema } from './api-shapes.ts';

const tags = ['users'];
const idParam = z.object({
  id: z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name: 'id', in: 'path' } }),
});

const list = createRoute({
  method: 'get',
  path: '/users',
  summary: 'List accounts',
  tags,
  responses: {
    200: jsonResponse(z.object({ users: z.array(userSchema) }).openapi('UserList'), 'Accounts'),
    ...errorResponses(401, 403),
  },
});
const create = createRoute({
  method: 'post',
  path: '/users',
  summary: 'Create an account',
  tags,
  request: { body: jsonBody(userCreateSchema, 'The account') },
  responses: {
    201: jsonResponse(userSchema, 'Created'),
    ...errorResponses(400, 401, 403, 409, 413),
  },
});
const get = createRoute({
  method: 'get',
  path: '/users/{id}',
  summary: 'One account',
  tags,
  request: { params: idParam },
  responses: {
    200: jsonResponse(userSchema, 'The account'),
    ...errorResponses(400, 401, 403, 404),
  },
});
const patch = createRoute({
  method: 'patch',
  path: '/users/{id}',
  summary: 'Change an account: display name, role, disabled, password reset',
  tags,
  request: { params: idParam, body: jsonBody(userPatchSchema, 'The fields to change') },
  responses: {
    200: jsonResponse(userSchema, 'Changed'),
    ...errorResponses(400, 401, 403, 404, 409, 413),
  },
});

const unlock = createRoute({
  method: 'post',
  path: '/users/{id}/unlock',
  summary: "End the waits after the account's failed logins, from every address",
  tags,
  request: { params: idParam },
  responses: {
    200: jsonResponse(userSchema, 'Unlocked'),
    ...errorResponses(400, 401, 403, 404),
  },
});

/** What these routes are built from: the HTTP kit and the services they use. */
export interface AccessUserRoutesDeps extends RouteKit {
  access: AccessService;
}

/** The account routes. */
export function userRoutes(ctx: AccessUserRoutesDeps): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>();
  const admin = ctx.access.users;
  const actor = (c: Parameters<typeof actorOf>[0]) => actorOf(c, ctx.http.trustProxy);
  app.openapi(list, async (c) => {
    const grant = authorize(currentPrincipal(c), 'user.manage');
    return c.json({ users: await admin.list(actor(c), grant) }, 200);
  });
  app.openapi(create, async (c) => {
    const grant = authorize(currentPrincipal(c), 'user.manage');
    return c.json(await admin.create(actor(c), grant, c.req.valid('json')), 201);
  });
  app.openapi(get, async (c) => {
    const { id } = c.req.valid('param');
    const grant = authorize(currentPrincipal(c), 'user.manage', { kind: 'user', id });
    return c.json(await admin.get(actor(c), grant, id), 200);
  });
  app.openapi(patch, async (c) => {
    const { id } = c.req.valid('param');
    const grant = authorize(currentPrincipal(c), 'user.manage', { kind: 'user', id });
    return c.json(await admin.update(actor(c), grant, id, c.req.valid('json')), 200);
  });
  app.openapi(unlock, async (c) => {
    const { id } = c.req.valid('param');
    const grant = authorize(currentPrincipal(c), 'user.manage', { kind: 'user', id });
    return c.json(await admin.unlock(actor(c), grant, id), 200);
  });
  return app;
}
