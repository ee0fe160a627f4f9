/**
 * Legal hold routes: `GET/POST /api/holds`, `GET /api/holds/{id}`,
 * `POST /api/holds/{id}/extend`, `POST /api/holds/{id}/release` (the service checks
 * `hold.manage` on every camera of the hold and audits), and
 * `GET /api/cameras/{id}/held-ranges?from&to` for the playback timeline (needs `playback.view`
 * or `hold.manage` on the camera). Times are UTC ms in bodies, ISO 8601 in the query.
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { authorize } from '../permissions/index.ts';
import { invalidArgument } from '../app/index.ts';
import {
  actorOf,
  currentPrincipal,
  type AppEnv,
  errorResponses,
  jsonBody,
  jsonResponse,
} from '../http/index.ts';
import type { RouteKit } from '../http/index.ts';
import type { HoldService } from './create.ts';
import type { Context } from 'hono';
import {
  holdCreateSchema,
  holdExtendSchema,
  holdReleaseSchema,
  holdSchema,
  holdStatusSchema,
} from './api-shapes.ts';

const tags = ['legal holds'];
const idParam = z.object({
  id: z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name: 'id', in: 'path' } }),
});
const listQuery = z.object({
  status: holdStatusSchema.optional().openapi({ param: { name: 'status', in: 'query' } }),
  cameraId: z
    .string()
    .max(64)
    .optional()
    .openapi({ param: { name: 'cameraId', in: 'query' } }),
});
const rangeQuery = z.object({
  from: z.iso
    .datetime({ offset: true })
    .openapi({ param: { name: 'from', in: 'query' }, example: '2026-03-01T10:00:00Z' }),
  to: z.iso
    .datetime({ offset: true })
    .openapi({ param: { name: 'to', in: 'query' }, example: '2026-03-01T11:00:00Z' }),
});
const heldRangesSchema = z
  .object({
    cameraId: z.string(),
    ranges: z.array(
      z.object({ fromMs: z.number(), toMs: z.number(), holdIds: z.array(z.string()) }),
    ),
  })
  .openapi('HeldRanges');
const listSchema = z.object({ holds: z.array(holdSchema) }).openapi('LegalHoldList');

const list = createRoute({
  method: 'get',
  path: '/holds',
  summary: 'Legal holds (hold.manage: those on your cameras; audit.read: all)',
  tags,
  request: { query: listQuery },
  responses: {
    200: jsonResponse(listSchema, 'The holds, newest first'),
    ...errorResponses(400, 401, 403),
  },
});
const place = createRoute({
  method: 'post',
  path: '/holds',
  summary: 'Place a legal hold (hold.manage on every camera; audited)',
  tags,
  request: { body: jsonBody(holdCreateSchema, 'The hold') },
  responses: {
    201: jsonResponse(holdSchema, 'The hold placed'),
    ...errorResponses(400, 401, 403, 503),
  },
});
const get = createRoute({
  method: 'get',
  path: '/holds/{id}',
  summary: 'One legal hold',
  tags,
  request: { params: idParam },
  responses: { 200: jsonResponse(holdSchema, 'The hold'), ...errorResponses(400, 401, 403, 404) },
});
const extend = createRoute({
  method: 'post',
  path: '/holds/{id}/extend',
  summary: 'Move the expiry of a hold later, or to "until released" (audited)',
  tags,
  request: { params: idParam, body: jsonBody(holdExtendSchema, 'The new expiry') },
  responses: {
    200: jsonResponse(holdSchema, 'The hold'),
    ...errorResponses(400, 401, 403, 404, 409, 503),
  },
});
const release = createRoute({
  method: 'post',
  path: '/holds/{id}/release',
  summary: 'Release a hold: its footage follows normal retention again (audited)',
  tags,
  request: { params: idParam, body: jsonBody(holdReleaseSchema, 'Why') },
  responses: {
    200: jsonResponse(holdSchema, 'The hold'),
    ...errorResponses(400, 401, 403, 404, 409, 503),
  },
});
const held = createRoute({
  method: 'get',
  path: '/cameras/{id}/held-ranges',
  summary: 'Ranges of a camera under a legal hold in force, for the timeline',
  tags,
  request: { params: idParam, query: rangeQuery },
  responses: {
    200: jsonResponse(heldRangesSchema, 'Merged held ranges'),
    ...errorResponses(400, 401, 403),
  },
});

/** What these routes are built from: the HTTP kit and the services they use. */
export interface HoldsRoutesDeps extends RouteKit {
  holds: HoldService;
}

/** The legal hold routes. */
export function holdRoutes(ctx: HoldsRoutesDeps): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>();
  const { holds } = ctx;
  const actor = (c: Context<AppEnv>) => actorOf(c, ctx.http.trustProxy);

  app.openapi(list, async (c) => {
    const q = c.req.valid('query');
    const filter = {
      ...(q.status !== undefined ? { status: q.status } : {}),
      ...(q.cameraId !== undefined ? { cameraId: q.cameraId } : {}),
    };
    return c.json({ holds: await holds.list(actor(c), filter) }, 200);
  });
  app.openapi(place, async (c) => c.json(await holds.place(actor(c), c.req.valid('json')), 201));
  app.openapi(get, async (c) => c.json(await holds.get(actor(c), c.req.valid('param').id), 200));
  app.openapi(extend, async (c) =>
    c.json(await holds.extend(actor(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  app.openapi(release, async (c) =>
    c.json(await holds.release(actor(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  app.openapi(held, async (c) => {
    const { id } = c.req.valid('param');
    const q = c.req.valid('query');
    const fromMs = Date.parse(q.from);
    const toMs = Date.parse(q.to);
    if (toMs <= fromMs) throw invalidArgument("'to' must be after 'from'", { key: 'to' });
    authorize(currentPrincipal(c), ['playback.view', 'hold.manage'], { kind: 'camera', id });
    return c.json({ cameraId: id, ranges: await holds.heldRanges(id, fromMs, toMs) }, 200);
  });
  return app;
}
