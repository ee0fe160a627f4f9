/**
 * Privacy mask routes: `GET /api/cameras/{id}/masks` (the masks and whether to draw them, for
 * whoever may watch the camera live or recorded, or manage it), `PUT /api/cameras/{id}/masks`
 * (`camera.manage`, audited), `POST /api/cameras/{id}/mask-lift` (`mask.lift`, audited, lapses by
 * itself) and `DELETE /api/cameras/{id}/mask-lift` (ends the caller's lift early).
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { authorize } from '../permissions/index.ts';
import type { AppEnv, RouteKit } from '../http/index.ts';
import { errorResponses, jsonBody, jsonResponse } from '../http/index.ts';
import type { PrivacyServices } from './create.ts';
import { actorOf } from '../http/index.ts';
import { liftReasonSchema } from './lift-api-shapes.ts';
import { maskSchema, maskSetSchema } from './polygon.ts';

const tags = ['privacy masks'];
const idParam = z.object({
  id: z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name: 'id', in: 'path' }, example: 'cam-001' }),
});
const liftSchema = z
  .object({
    id: z.string(),
    cameraId: z.string(),
    userId: z.string(),
    reason: z.string(),
    startedMs: z.number(),
    expiresMs: z.number(),
  })
  .openapi('MaskLift');
const viewSchema = z
  .object({
    cameraId: z.string(),
    masks: z.array(maskSchema),
    /** False while the caller's own lift is in force: draw nothing. */
    draw: z.boolean(),
    lift: liftSchema.nullable(),
  })
  .openapi('MaskView');

const view = createRoute({
  method: 'get',
  path: '/cameras/{id}/masks',
  summary: "A camera's privacy masks, and whether the caller must see them drawn",
  tags,
  request: { params: idParam },
  responses: { 200: jsonResponse(viewSchema, 'The masks'), ...errorResponses(400, 401, 403) },
});
const replace = createRoute({
  method: 'put',
  path: '/cameras/{id}/masks',
  summary: "Replace a camera's privacy masks (camera.manage; audited)",
  tags,
  request: { params: idParam, body: jsonBody(maskSetSchema, 'Every mask of the camera') },
  responses: {
    200: jsonResponse(z.object({ masks: z.array(maskSchema) }), 'The masks as stored'),
    ...errorResponses(400, 401, 403, 404),
  },
});
const lift = createRoute({
  method: 'post',
  path: '/cameras/{id}/mask-lift',
  summary: "Lift a camera's masks for yourself (mask.lift; audited; lapses by itself)",
  tags,
  request: { params: idParam, body: jsonBody(liftReasonSchema, 'Why') },
  responses: {
    201: jsonResponse(liftSchema, 'The lift'),
    ...errorResponses(400, 401, 403, 404, 503),
  },
});
const restore = createRoute({
  method: 'delete',
  path: '/cameras/{id}/mask-lift',
  summary: "End your lift of a camera's masks now",
  tags,
  request: { params: idParam },
  responses: { 204: { description: 'Masks drawn again' }, ...errorResponses(400, 401) },
});

/** What these routes are built from: the HTTP kit and the services they use. */
export interface PrivacyMaskRoutesDeps extends RouteKit {
  privacy: PrivacyServices;
}

/** The privacy mask routes. */
export function maskRoutes(ctx: PrivacyMaskRoutesDeps): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>();
  const { masks } = ctx.privacy;

  app.openapi(view, async (c) => {
    const { id } = c.req.valid('param');
    const a = actorOf(c, ctx.http.trustProxy);
    authorize(a.principal, ['live.view', 'playback.view', 'camera.manage'], { kind: 'camera', id });
    return c.json(await masks.viewRegistered(id, a.principal), 200);
  });
  app.openapi(replace, async (c) => {
    const { id } = c.req.valid('param');
    const stored = await masks.replace(actorOf(c, ctx.http.trustProxy), id, c.req.valid('json'));
    return c.json({ masks: stored }, 200);
  });
  app.openapi(lift, async (c) => {
    const { id } = c.req.valid('param');
    return c.json(await masks.lift(actorOf(c, ctx.http.trustProxy), id, c.req.valid('json')), 201);
  });
  app.openapi(restore, async (c) => {
    await masks.restore(actorOf(c, ctx.http.trustProxy), c.req.valid('param').id);
    return c.body(null, 204);
  });
  return app;
}
