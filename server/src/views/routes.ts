/**
 * View routes: `GET /api/views` (the caller's and those shared with their agency or role),
 * `POST /api/views`, `GET/PUT/DELETE /api/views/{id}`. Every route needs `live.view` (views are
 * for the wall); sharing needs `view.share`. The service checks the rest and audits every change.
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import {
  actorOf,
  currentPrincipal,
  type AppEnv,
  errorResponses,
  jsonBody,
  jsonResponse,
  type RouteKit,
} from '../http/index.ts';
import { authorize } from '../permissions/index.ts';
import { viewInputSchema, viewSchema } from './api-shapes.ts';
import type { ViewService } from './create.ts';

const tags = ['views'];
const idParam = z.object({
  id: z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name: 'id', in: 'path' } }),
});
const listSchema = z.object({ views: z.array(viewSchema) }).openapi('ViewList');

const list = createRoute({
  method: 'get',
  path: '/views',
  summary: 'Wall views: your own, and those shared with your agency or role',
  tags,
  responses: { 200: jsonResponse(listSchema, 'The views'), ...errorResponses(401, 403) },
});
const create = createRoute({
  method: 'post',
  path: '/views',
  summary: 'Save a wall view (shared ones need view.share; audited)',
  tags,
  request: { body: jsonBody(viewInputSchema, 'The view') },
  responses: {
    201: jsonResponse(viewSchema, 'The view saved'),
    ...errorResponses(400, 401, 403, 503),
  },
});
const get = createRoute({
  method: 'get',
  path: '/views/{id}',
  summary: 'One wall view',
  tags,
  request: { params: idParam },
  responses: { 200: jsonResponse(viewSchema, 'The view'), ...errorResponses(401, 403, 404) },
});
const put = createRoute({
  method: 'put',
  path: '/views/{id}',
  summary: 'Replace a wall view (its owner, or view.share in its agency for a shared one; audited)',
  tags,
  request: { params: idParam, body: jsonBody(viewInputSchema, 'The whole view') },
  responses: {
    200: jsonResponse(viewSchema, 'The view'),
    ...errorResponses(400, 401, 403, 404, 503),
  },
});
const remove = createRoute({
  method: 'delete',
  path: '/views/{id}',
  summary: 'Delete a wall view (its owner, or view.share in its agency for a shared one; audited)',
  tags,
  request: { params: idParam },
  responses: { 204: { description: 'Deleted' }, ...errorResponses(401, 403, 404, 503) },
});

/** What these routes are built from: the HTTP kit and the view service. */
export interface ViewRoutesDeps extends RouteKit {
  views: ViewService;
}

/** The view routes. */
export function viewRoutes(ctx: ViewRoutesDeps): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>();
  const { views } = ctx;
  // Whoever may watch no camera live has no wall: refused before anything is looked up.
  const actor = (c: Context<AppEnv>) => {
    authorize(currentPrincipal(c), 'live.view');
    return actorOf(c, ctx.http.trustProxy);
  };

  app.openapi(list, async (c) => c.json({ views: await views.list(actor(c)) }, 200));
  app.openapi(create, async (c) => c.json(await views.create(actor(c), c.req.valid('json')), 201));
  app.openapi(get, async (c) => c.json(await views.get(actor(c), c.req.valid('param').id), 200));
  app.openapi(put, async (c) =>
    c.json(await views.update(actor(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  app.openapi(remove, async (c) => {
    await views.remove(actor(c), c.req.valid('param').id);
    return c.body(null, 204);
  });
  return app;
}
