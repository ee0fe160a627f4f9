/**
 * Camera register routes: `GET /api/register` and `GET /api/register/{id}`
 * (`camera.manage` or `audit.read`), and `PATCH /api/register/{id}` (`camera.manage`, audited).
 * The DPO's compliance report is served by `compliance/routes.ts`.
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { authorize } from '../permissions/index.ts';
import type { AppEnv, RouteKit } from '../http/index.ts';
import { errorResponses, jsonBody, jsonResponse } from '../http/index.ts';
import type { PrivacyServices } from './create.ts';
import { actorOf } from '../http/index.ts';
import { registerEntrySchema, registerPatchSchema } from './register.ts';

const tags = ['camera register'];
const idParam = z.object({
  id: z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name: 'id', in: 'path' }, example: 'cam-001' }),
});
const READ = ['camera.manage', 'audit.read'] as const;

const list = createRoute({
  method: 'get',
  path: '/register',
  summary: 'The camera register (every camera)',
  tags,
  responses: {
    200: jsonResponse(z.object({ entries: z.array(registerEntrySchema) }), 'The register'),
    ...errorResponses(401, 403),
  },
});
const get = createRoute({
  method: 'get',
  path: '/register/{id}',
  summary: "One camera's register entry",
  tags,
  request: { params: idParam },
  responses: {
    200: jsonResponse(registerEntrySchema, 'The entry'),
    ...errorResponses(400, 401, 403, 404),
  },
});
const patch = createRoute({
  method: 'patch',
  path: '/register/{id}',
  summary: 'Complete a register entry: legal basis, sign photo reference, field of view (audited)',
  tags,
  request: { params: idParam, body: jsonBody(registerPatchSchema, 'The fields to change') },
  responses: {
    200: jsonResponse(registerEntrySchema, 'The entry'),
    ...errorResponses(400, 401, 403, 404),
  },
});
/** What these routes are built from: the HTTP kit and the services they use. */
export interface PrivacyRegisterRoutesDeps extends RouteKit {
  privacy: PrivacyServices;
}

/** The register routes. */
export function registerRoutes(ctx: PrivacyRegisterRoutesDeps): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>();
  const { register } = ctx.privacy;

  app.openapi(list, async (c) => {
    authorize(actorOf(c, false).principal, READ);
    return c.json({ entries: await register.list() }, 200);
  });
  app.openapi(get, async (c) => {
    authorize(actorOf(c, false).principal, READ);
    return c.json(await register.get(c.req.valid('param').id), 200);
  });
  app.openapi(patch, async (c) => {
    const { id } = c.req.valid('param');
    return c.json(
      await register.update(actorOf(c, ctx.http.trustProxy), id, c.req.valid('json')),
      200,
    );
  });
  return app;
}
