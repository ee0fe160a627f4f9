/**
 * Display routes for operators and managers: `GET /api/displays` (the agency's displays and what
 * each shows), `POST /api/displays`, `PATCH|DELETE /api/displays/{id}` (`display.manage`),
 * `POST /api/displays/{id}/push` and `POST /api/displays/{id}/clear` (`display.push`). The service
 * checks the permissions (refusals audited by the HTTP kit) and audits every change.
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import {
  actorOf,
  type AppEnv,
  errorResponses,
  jsonBody,
  jsonResponse,
  type RouteKit,
} from '../http/index.ts';
import { displayInputSchema, displayPatchSchema, displaySchema, pushSchema } from './api-shapes.ts';
import type { DisplayService } from './create.ts';

const tags = ['displays'];
const idParam = z.object({
  id: z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name: 'id', in: 'path' } }),
});
const listSchema = z.object({ displays: z.array(displaySchema) }).openapi('DisplayList');

const list = createRoute({
  method: 'get',
  path: '/displays',
  summary: "The wall displays of the caller's agency, with what each shows",
  tags,
  responses: { 200: jsonResponse(listSchema, 'The displays'), ...errorResponses(401, 403) },
});
const create = createRoute({
  method: 'post',
  path: '/displays',
  summary: 'Create a wall display (display.manage; audited)',
  tags,
  request: { body: jsonBody(displayInputSchema, 'The display') },
  responses: {
    201: jsonResponse(displaySchema, 'The display'),
    ...errorResponses(400, 401, 403, 503),
  },
});
const patch = createRoute({
  method: 'patch',
  path: '/displays/{id}',
  summary: 'Rename a display, or bind or unbind its account (display.manage; audited)',
  tags,
  request: { params: idParam, body: jsonBody(displayPatchSchema, 'What changes') },
  responses: {
    200: jsonResponse(displaySchema, 'The display'),
    ...errorResponses(400, 401, 403, 404, 503),
  },
});
const remove = createRoute({
  method: 'delete',
  path: '/displays/{id}',
  summary: 'Delete a display (display.manage; audited)',
  tags,
  request: { params: idParam },
  responses: { 204: { description: 'Deleted' }, ...errorResponses(401, 403, 404, 503) },
});
const push = createRoute({
  method: 'post',
  path: '/displays/{id}/push',
  summary: 'Show a camera, a view or an instant replay on a display (display.push; audited)',
  description:
    'What is pushed must be what the caller may see: live.view on the camera, the view visible ' +
    'to the caller (its tiles the caller cannot watch stay empty), playback.view from fromMs.',
  tags,
  request: { params: idParam, body: jsonBody(pushSchema, 'What to show') },
  responses: {
    200: jsonResponse(displaySchema, 'The display'),
    ...errorResponses(400, 401, 403, 404, 503),
  },
});
const clear = createRoute({
  method: 'post',
  path: '/displays/{id}/clear',
  summary: 'Take back what a display shows (display.push; audited)',
  tags,
  request: { params: idParam },
  responses: {
    200: jsonResponse(displaySchema, 'The display'),
    ...errorResponses(401, 403, 404, 503),
  },
});

/** What these routes are built from: the HTTP kit and the display service. */
export interface DisplayRoutesDeps extends RouteKit {
  displays: DisplayService;
}

/** The display routes for operators and managers. */
export function displayRoutes(ctx: DisplayRoutesDeps): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>();
  const { displays } = ctx;
  const actor = (c: Parameters<typeof actorOf>[0]) => actorOf(c, ctx.http.trustProxy);
  app.openapi(list, async (c) => c.json({ displays: await displays.list(actor(c)) }, 200));
  app.openapi(create, async (c) =>
    c.json(await displays.create(actor(c), c.req.valid('json')), 201),
  );
  app.openapi(patch, async (c) =>
    c.json(await displays.update(actor(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  app.openapi(remove, async (c) => {
    await displays.remove(actor(c), c.req.valid('param').id);
    return c.body(null, 204);
  });
  app.openapi(push, async (c) =>
    c.json(await displays.push(actor(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  app.openapi(clear, async (c) =>
    c.json(await displays.clear(actor(c), c.req.valid('param').id), 200),
  );
  return app;
}
