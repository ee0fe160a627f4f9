/**
 * Camera group routes: `GET/POST /api/camera-groups`, `GET/PATCH/DELETE /api/camera-groups/{id}`.
 * Reading needs one of the registry-read permissions; changing needs `camera.manage`.
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { authorize, isAllowed, visibleGroups, CAMERA_REGISTRY_READ } from '../permissions/index.ts';
import { isAppError } from '../app/index.ts';
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
import type { CameraGroupService } from './groups.ts';
import type { Logger } from '../app/index.ts';
import {
  cameraGroupCreateSchema,
  cameraGroupPatchSchema,
  cameraGroupSchema,
  slugSchema,
} from './api-shapes.ts';

const idParam = z.object({
  id: slugSchema.openapi({ param: { name: 'id', in: 'path' }, example: 'grp-centro' }),
});
const listSchema = z.object({ groups: z.array(cameraGroupSchema) }).openapi('CameraGroupList');
const tags = ['camera groups'];

const list = createRoute({
  method: 'get',
  path: '/camera-groups',
  summary: 'List camera groups',
  tags,
  responses: { 200: jsonResponse(listSchema, 'Every group'), ...errorResponses(401, 403) },
});

const create = createRoute({
  method: 'post',
  path: '/camera-groups',
  summary: 'Add a camera group',
  tags,
  request: { body: jsonBody(cameraGroupCreateSchema, 'The group') },
  responses: {
    201: jsonResponse(cameraGroupSchema, 'The group as stored'),
    ...errorResponses(400, 401, 403, 409, 413),
  },
});

const get = createRoute({
  method: 'get',
  path: '/camera-groups/{id}',
  summary: 'One camera group',
  tags,
  request: { params: idParam },
  responses: {
    200: jsonResponse(cameraGroupSchema, 'The group'),
    ...errorResponses(400, 401, 403, 404),
  },
});

const patch = createRoute({
  method: 'patch',
  path: '/camera-groups/{id}',
  summary: 'Change a camera group (cameraIds replaces the membership)',
  tags,
  request: { params: idParam, body: jsonBody(cameraGroupPatchSchema, 'The fields to change') },
  responses: {
    200: jsonResponse(cameraGroupSchema, 'The group as stored'),
    ...errorResponses(400, 401, 403, 404, 409, 413),
  },
});

const remove = createRoute({
  method: 'delete',
  path: '/camera-groups/{id}',
  summary: 'Remove a camera group (its cameras stay)',
  tags,
  request: { params: idParam },
  responses: { 204: { description: 'Removed' }, ...errorResponses(400, 401, 403, 404) },
});

/** What these routes are built from: the HTTP kit and the services they use. */
export interface CamerasGroupRoutesDeps extends RouteKit {
  audit: AuditService;
  cameraGroups: CameraGroupService;
  logger: Logger;
}

/** The camera group routes. */
export function cameraGroupRoutes(ctx: CamerasGroupRoutesDeps): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>();
  const groups = ctx.cameraGroups;
  const audited = (c: Context<AppEnv>, action: string, id: string, details: object | null) =>
    ctx.audit.record({
      action,
      outcome: 'granted',
      principal: currentPrincipal(c),
      sourceAddress: clientAddress(c, ctx.http.trustProxy),
      resource: `group:${id}`,
      details: details === null ? null : { group: details },
    });

  app.openapi(list, async (c) => {
    const principal = currentPrincipal(c);
    authorize(principal, CAMERA_REGISTRY_READ);
    return c.json(
      { groups: visibleGroups(principal, await groups.list(), CAMERA_REGISTRY_READ) },
      200,
    );
  });
  app.openapi(create, async (c) => {
    authorize(currentPrincipal(c), 'camera.manage');
    const group = await groups.create(c.req.valid('json'));
    ctx.logger.info({ group: group.id, by: currentPrincipal(c).username }, 'camera group added');
    await audited(c, 'group.create', group.id, group);
    return c.json(group, 201);
  });
  app.openapi(get, async (c) => {
    const principal = currentPrincipal(c);
    const { id } = c.req.valid('param');
    authorize(principal, CAMERA_REGISTRY_READ);
    // Whoever may not see the whole registry learns nothing about groups outside their reach.
    const whole = isAllowed(principal, 'camera.manage');
    const group = await groups.get(id).catch((e: unknown) => {
      if (!whole && isAppError(e, 'not_found')) return undefined;
      throw e;
    });
    const [visible] = group ? visibleGroups(principal, [group], CAMERA_REGISTRY_READ) : [];
    if (!visible) authorize(principal, 'camera.manage', { kind: 'group', id });
    return c.json(visible ?? group, 200);
  });
  app.openapi(patch, async (c) => {
    const { id } = c.req.valid('param');
    authorize(currentPrincipal(c), 'camera.manage');
    const group = await groups.patch(id, c.req.valid('json'));
    ctx.logger.info({ group: id, by: currentPrincipal(c).username }, 'camera group changed');
    await audited(c, 'group.update', id, group);
    return c.json(group, 200);
  });
  app.openapi(remove, async (c) => {
    const { id } = c.req.valid('param');
    authorize(currentPrincipal(c), 'camera.manage');
    await groups.remove(id);
    ctx.logger.info({ group: id, by: currentPrincipal(c).username }, 'camera group removed');
    await audited(c, 'group.delete', id, null);
    return c.body(null, 204);
  });
  return app;
}
