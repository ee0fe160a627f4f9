/**
 * PTZ routes, all under `/api/cameras/{id}/ptz`: `GET` (who controls it, the caller's place),
 * `POST control` (take control, or wait in line with `queue`; 409 "in use by … until …"),
 * `DELETE control` (give it back), `POST move` (continuous move), `POST stop`, `POST home`,
 * `GET presets`, `POST presets/{token}/goto`, `POST presets` (save), `PUT presets/{token}`
 * (overwrite with the current position and a name), `DELETE presets/{token}`, and `GET events`
 * (the control state as it changes, `stream-route.ts`). Every route needs
 * `ptz.control` on the camera; preset changes also `camera.manage`.
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import {
  actorOf,
  type AppEnv,
  errorResponses,
  jsonBody,
  jsonResponse,
  type RouteKit,
} from '../http/index.ts';
import {
  moveSchema,
  presetInputSchema,
  presetSchema,
  statusSchema,
  takeSchema,
} from './api-shapes.ts';
import type { PtzService } from './create.ts';
import { ptzStreamRoute } from './stream-route.ts';

const tags = ['ptz'];
const pathParam = (name: string) => ({ param: { name, in: 'path' as const } });
const cameraParam = z.object({ id: z.string().min(1).max(64).openapi(pathParam('id')) });
const presetParam = cameraParam.extend({
  token: z.string().min(1).max(64).openapi(pathParam('token')),
});
const presetList = z.object({ presets: z.array(presetSchema) }).openapi('PtzPresetList');
const errors = errorResponses(400, 401, 403, 404, 409, 503);

const route = <M extends 'get' | 'post' | 'put' | 'delete', P extends string>(
  method: M,
  path: P,
  summary: string,
) => ({ method, path: `/cameras/{id}/ptz${path}` as const, summary, tags });

const getStatus = createRoute({
  ...route('get', '', 'Who controls the camera, and your place in line'),
  request: { params: cameraParam },
  responses: { 200: jsonResponse(statusSchema, 'The control state'), ...errors },
});
const take = createRoute({
  ...route('post', '/control', 'Take control (a higher priority takes it at once; audited)'),
  request: { params: cameraParam, body: jsonBody(takeSchema, 'Whether to wait in line') },
  responses: { 200: jsonResponse(statusSchema, 'The control state'), ...errors },
});
const release = createRoute({
  ...route('delete', '/control', 'Give control back (audited)'),
  request: { params: cameraParam },
  responses: { 200: jsonResponse(statusSchema, 'The control state'), ...errors },
});
const move = createRoute({
  ...route('post', '/move', 'Continuous move at the given velocities (takes control)'),
  request: { params: cameraParam, body: jsonBody(moveSchema, 'Velocities, -1 to 1') },
  responses: { 204: { description: 'Moving' }, ...errors },
});
const stop = createRoute({
  ...route('post', '/stop', 'Stop moving'),
  request: { params: cameraParam },
  responses: { 204: { description: 'Stopped' }, ...errors },
});
const home = createRoute({
  ...route('post', '/home', 'Go to the home position'),
  request: { params: cameraParam },
  responses: { 204: { description: 'Going home' }, ...errors },
});
const presets = createRoute({
  ...route('get', '/presets', 'The presets stored in the camera'),
  request: { params: cameraParam },
  responses: { 200: jsonResponse(presetList, 'The presets'), ...errors },
});
const gotoPreset = createRoute({
  ...route('post', '/presets/{token}/goto', 'Go to a preset (takes control)'),
  request: { params: presetParam },
  responses: { 204: { description: 'Going' }, ...errors },
});
const savePreset = createRoute({
  ...route('post', '/presets', 'Save the current position as a new preset (camera.manage)'),
  request: { params: cameraParam, body: jsonBody(presetInputSchema, "The preset's name") },
  responses: { 201: jsonResponse(presetSchema, 'The preset saved'), ...errors },
});
const updatePreset = createRoute({
  ...route('put', '/presets/{token}', 'Overwrite a preset with the current position and a name'),
  request: { params: presetParam, body: jsonBody(presetInputSchema, "The preset's name") },
  responses: { 200: jsonResponse(presetSchema, 'The preset saved'), ...errors },
});
const removePreset = createRoute({
  ...route('delete', '/presets/{token}', 'Delete a preset (camera.manage)'),
  request: { params: presetParam },
  responses: { 204: { description: 'Deleted' }, ...errors },
});

/** What these routes are built from. */
export interface PtzRoutesDeps extends RouteKit {
  ptz: PtzService;
}

/** The PTZ routes. */
export function ptzRoutes(ctx: PtzRoutesDeps): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>();
  const { ptz } = ctx;
  const actor = (c: Context<AppEnv>) => actorOf(c, ctx.http.trustProxy);

  app.openapi(getStatus, async (c) =>
    c.json(await ptz.status(actor(c), c.req.valid('param').id), 200),
  );
  app.openapi(take, async (c) =>
    c.json(await ptz.take(actor(c), c.req.valid('param').id, c.req.valid('json').queue), 200),
  );
  app.openapi(release, async (c) =>
    c.json(await ptz.release(actor(c), c.req.valid('param').id), 200),
  );
  app.openapi(move, async (c) => {
    await ptz.move(actor(c), c.req.valid('param').id, c.req.valid('json'));
    return c.body(null, 204);
  });
  app.openapi(stop, async (c) => {
    await ptz.stop(actor(c), c.req.valid('param').id);
    return c.body(null, 204);
  });
  app.openapi(home, async (c) => {
    await ptz.home(actor(c), c.req.valid('param').id);
    return c.body(null, 204);
  });
  app.openapi(presets, async (c) =>
    c.json({ presets: await ptz.presets(actor(c), c.req.valid('param').id) }, 200),
  );
  app.openapi(gotoPreset, async (c) => {
    const p = c.req.valid('param');
    await ptz.gotoPreset(actor(c), p.id, p.token);
    return c.body(null, 204);
  });
  app.openapi(savePreset, async (c) =>
    c.json(await ptz.savePreset(actor(c), c.req.valid('param').id, c.req.valid('json')), 201),
  );
  app.openapi(updatePreset, async (c) => {
    const p = c.req.valid('param');
    return c.json(await ptz.savePreset(actor(c), p.id, c.req.valid('json'), p.token), 200);
  });
  app.openapi(removePreset, async (c) => {
    const p = c.req.valid('param');
    await ptz.removePreset(actor(c), p.id, p.token);
    return c.body(null, 204);
  });
  app.route('/', ptzStreamRoute(ctx));
  return app;
}
