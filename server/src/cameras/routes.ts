/**
 * Camera registry routes: `GET/POST /api/cameras`, `GET/PUT/PATCH/DELETE /api/cameras/{id}`.
 * Reading needs one of the registry-read permissions; changing needs `camera.manage`. A reader
 * without `camera.manage` on a camera (an operator, an auditor, a partner agency's user) gets it
 * without its stream URLs and credentials reference.
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import {
  authorize,
  isAllowed,
  visibleCameras,
  CAMERA_PERMISSIONS,
  CAMERA_REGISTRY_READ,
  type Principal,
} from '../permissions/index.ts';
import {
  clientAddress,
  currentPrincipal,
  type AppEnv,
  errorResponses,
  jsonBody,
  jsonResponse,
} from '../http/index.ts';
import type { RouteKit } from '../http/index.ts';
import type { AuditService } from '../audit/index.ts';
import type { Logger } from '../app/index.ts';
import type { CameraRegistry } from './registry.ts';
import {
  cameraCreateSchema,
  cameraPatchSchema,
  cameraReplaceSchema,
  cameraViewSchema as cameraSchema,
  slugSchema,
  type Camera,
  type CameraView,
} from './api-shapes.ts';
import { cameraView } from './rows.ts';

/**
 * The camera as `principal` may see it: streams and credentials only with `camera.manage`, and
 * the camera permissions the principal holds on it (the same decision the routes make), so the
 * web app asks only for what it may see (no live status of a camera it may not watch).
 */
function viewFor(principal: Principal, camera: Camera): CameraView {
  const resource = { kind: 'camera', id: camera.id } as const;
  return cameraView(
    camera,
    isAllowed(principal, 'camera.manage', resource),
    CAMERA_PERMISSIONS.filter((p) => isAllowed(principal, p, resource)),
  );
}

const idParam = z.object({
  id: slugSchema.openapi({ param: { name: 'id', in: 'path' }, example: 'cam-001' }),
});
const listSchema = z.object({ cameras: z.array(cameraSchema) }).openapi('CameraList');
const tags = ['cameras'];

const list = createRoute({
  method: 'get',
  path: '/cameras',
  summary: 'List the cameras in the registry',
  tags,
  responses: { 200: jsonResponse(listSchema, 'Every camera'), ...errorResponses(401, 403) },
});

const create = createRoute({
  method: 'post',
  path: '/cameras',
  summary: 'Add a camera',
  tags,
  request: { body: jsonBody(cameraCreateSchema, 'The camera') },
  responses: {
    201: jsonResponse(cameraSchema, 'The camera as stored'),
    ...errorResponses(400, 401, 403, 409, 413),
  },
});

const get = createRoute({
  method: 'get',
  path: '/cameras/{id}',
  summary: 'One camera',
  tags,
  request: { params: idParam },
  responses: {
    200: jsonResponse(cameraSchema, 'The camera'),
    ...errorResponses(400, 401, 403, 404),
  },
});

const replace = createRoute({
  method: 'put',
  path: '/cameras/{id}',
  summary: 'Replace every field of a camera',
  tags,
  request: { params: idParam, body: jsonBody(cameraReplaceSchema, 'The whole camera') },
  responses: {
    200: jsonResponse(cameraSchema, 'The camera as stored'),
    ...errorResponses(400, 401, 403, 404, 413),
  },
});

const patch = createRoute({
  method: 'patch',
  path: '/cameras/{id}',
  summary: 'Change some fields of a camera',
  tags,
  request: { params: idParam, body: jsonBody(cameraPatchSchema, 'The fields to change') },
  responses: {
    200: jsonResponse(cameraSchema, 'The camera as stored'),
    ...errorResponses(400, 401, 403, 404, 413),
  },
});

const remove = createRoute({
  method: 'delete',
  path: '/cameras/{id}',
  summary: 'Remove a camera from the registry',
  tags,
  request: { params: idParam },
  responses: { 204: { description: 'Removed' }, ...errorResponses(400, 401, 403, 404) },
});

/** What these routes are built from: the HTTP kit and the services they use. */
export interface CamerasRoutesDeps extends RouteKit {
  audit: AuditService;
  logger: Logger;
  cameras: CameraRegistry;
}

/** The camera registry routes. */
export function cameraRoutes(ctx: CamerasRoutesDeps): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>();
  const { cameras } = ctx;
  const audited = (c: Context<AppEnv>, action: string, id: string, details: object | null) =>
    ctx.audit.record({
      action,
      outcome: 'granted',
      principal: currentPrincipal(c),
      sourceAddress: clientAddress(c, ctx.http.trustProxy),
      resource: `camera:${id}`,
      cameraId: id,
      details: details === null ? null : { camera: details },
    });

  app.openapi(list, async (c) => {
    const principal = currentPrincipal(c);
    authorize(principal, CAMERA_REGISTRY_READ);
    const visible = visibleCameras(principal, await cameras.list(), CAMERA_REGISTRY_READ);
    return c.json({ cameras: visible.map((camera) => viewFor(principal, camera)) }, 200);
  });
  app.openapi(create, async (c) => {
    authorize(currentPrincipal(c), 'camera.manage');
    const camera = await cameras.create(c.req.valid('json'));
    ctx.logger.info({ camera: camera.id, by: currentPrincipal(c).username }, 'camera added');
    await audited(c, 'camera.create', camera.id, camera);
    return c.json(viewFor(currentPrincipal(c), camera), 201);
  });
  app.openapi(get, async (c) => {
    const { id } = c.req.valid('param');
    const principal = currentPrincipal(c);
    authorize(principal, CAMERA_REGISTRY_READ, { kind: 'camera', id });
    return c.json(viewFor(principal, await cameras.get(id)), 200);
  });
  app.openapi(replace, async (c) => {
    const { id } = c.req.valid('param');
    authorize(currentPrincipal(c), 'camera.manage', { kind: 'camera', id });
    const camera = await cameras.replace(id, c.req.valid('json'));
    ctx.logger.info({ camera: id, by: currentPrincipal(c).username }, 'camera replaced');
    await audited(c, 'camera.update', id, camera);
    return c.json(viewFor(currentPrincipal(c), camera), 200);
  });
  app.openapi(patch, async (c) => {
    const { id } = c.req.valid('param');
    authorize(currentPrincipal(c), 'camera.manage', { kind: 'camera', id });
    const camera = await cameras.patch(id, c.req.valid('json'));
    ctx.logger.info({ camera: id, by: currentPrincipal(c).username }, 'camera changed');
    await audited(c, 'camera.update', id, camera);
    return c.json(viewFor(currentPrincipal(c), camera), 200);
  });
  app.openapi(remove, async (c) => {
    const { id } = c.req.valid('param');
    authorize(currentPrincipal(c), 'camera.manage', { kind: 'camera', id });
    await cameras.remove(id);
    ctx.logger.info({ camera: id, by: currentPrincipal(c).username }, 'camera removed');
    await audited(c, 'camera.delete', id, null);
    return c.body(null, 204);
  });
  return app;
}
