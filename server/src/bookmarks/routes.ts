/**
 * Bookmark routes: `GET /api/bookmarks?camera=&from=&to=&q=` (what the caller may play back),
 * `POST /api/bookmarks`, `GET/PATCH/DELETE /api/bookmarks/{id}`. The service checks access and
 * audits every change. Times are UTC ms in bodies, ISO 8601 in the query.
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
} from '../http/index.ts';
import { authorize } from '../permissions/index.ts';
import type { RouteKit } from '../http/index.ts';
import {
  bookmarkCreateSchema,
  bookmarkPatchSchema,
  bookmarkSchema,
  BOOKMARK_MAX_CAMERAS,
} from './api-shapes.ts';
import type { BookmarkService } from './create.ts';
import { invalidArgument } from '../app/index.ts';

const tags = ['bookmarks'];
const query = (name: string) => ({ param: { name, in: 'query' as const } });
const idParam = z.object({
  id: z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name: 'id', in: 'path' } }),
});
const listQuery = z.object({
  camera: z
    .string()
    .min(1)
    .max(64 * BOOKMARK_MAX_CAMERAS)
    .optional()
    .openapi({
      ...query('camera'),
      description: 'Camera ids, comma-separated',
      example: 'cam-012',
    }),
  from: z.iso.datetime({ offset: true }).optional().openapi(query('from')),
  to: z.iso.datetime({ offset: true }).optional().openapi(query('to')),
  q: z
    .string()
    .max(200)
    .optional()
    .openapi({ ...query('q'), description: 'Text in the title, note or case reference' }),
  limit: z.coerce.number().int().min(1).max(500).optional().openapi(query('limit')),
});
const listSchema = z.object({ bookmarks: z.array(bookmarkSchema) }).openapi('BookmarkList');

const list = createRoute({
  method: 'get',
  path: '/bookmarks',
  summary: 'Bookmarks on cameras you may play back, latest first',
  tags,
  request: { query: listQuery },
  responses: { 200: jsonResponse(listSchema, 'The bookmarks'), ...errorResponses(400, 401, 403) },
});
const create = createRoute({
  method: 'post',
  path: '/bookmarks',
  summary: 'Mark an instant or range of cameras (bookmark.manage and playback.view; audited)',
  tags,
  request: { body: jsonBody(bookmarkCreateSchema, 'The bookmark') },
  responses: {
    201: jsonResponse(bookmarkSchema, 'The bookmark made'),
    ...errorResponses(400, 401, 403, 404, 503),
  },
});
const get = createRoute({
  method: 'get',
  path: '/bookmarks/{id}',
  summary: 'One bookmark',
  tags,
  request: { params: idParam },
  responses: {
    200: jsonResponse(bookmarkSchema, 'The bookmark'),
    ...errorResponses(401, 403, 404),
  },
});
const patch = createRoute({
  method: 'patch',
  path: '/bookmarks/{id}',
  summary: 'Change a bookmark (its author, or a supervisor of their agency; audited)',
  tags,
  request: { params: idParam, body: jsonBody(bookmarkPatchSchema, 'The fields to change') },
  responses: {
    200: jsonResponse(bookmarkSchema, 'The bookmark'),
    ...errorResponses(400, 401, 403, 404, 503),
  },
});
const remove = createRoute({
  method: 'delete',
  path: '/bookmarks/{id}',
  summary: 'Delete a bookmark (its author, or a supervisor of their agency; audited)',
  tags,
  request: { params: idParam },
  responses: { 204: { description: 'Deleted' }, ...errorResponses(401, 403, 404, 503) },
});

/** What these routes are built from: the HTTP kit and the bookmark service. */
export interface BookmarkRoutesDeps extends RouteKit {
  bookmarks: BookmarkService;
}

/** The bookmark routes. */
export function bookmarkRoutes(ctx: BookmarkRoutesDeps): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>();
  const { bookmarks } = ctx;
  // Who may play back no camera at all (or, to make one, bookmark none) is refused before
  // anything is looked up, so that a refusal reveals nothing.
  const actor = (c: Context<AppEnv>, permission: 'playback.view' | 'bookmark.manage') => {
    authorize(currentPrincipal(c), permission);
    return actorOf(c, ctx.http.trustProxy);
  };

  app.openapi(list, async (c) => {
    const q = c.req.valid('query');
    const cameraIds = q.camera
      ?.split(',')
      .map((s) => s.trim())
      .filter((s) => s !== '');
    const fromMs = q.from !== undefined ? Date.parse(q.from) : undefined;
    const toMs = q.to !== undefined ? Date.parse(q.to) : undefined;
    if (fromMs !== undefined && toMs !== undefined && toMs < fromMs) {
      throw invalidArgument("invalid query: to: must not be before 'from'");
    }
    const found = await bookmarks.list(
      actor(c, 'playback.view'),
      { cameraIds, fromMs, toMs, text: q.q },
      q.limit,
    );
    return c.json({ bookmarks: found }, 200);
  });
  app.openapi(create, async (c) =>
    c.json(await bookmarks.create(actor(c, 'bookmark.manage'), c.req.valid('json')), 201),
  );
  app.openapi(get, async (c) =>
    c.json(await bookmarks.get(actor(c, 'playback.view'), c.req.valid('param').id), 200),
  );
  app.openapi(patch, async (c) =>
    c.json(
      await bookmarks.update(
        actor(c, 'bookmark.manage'),
        c.req.valid('param').id,
        c.req.valid('json'),
      ),
      200,
    ),
  );
  app.openapi(remove, async (c) => {
    await bookmarks.remove(actor(c, 'bookmark.manage'), c.req.valid('param').id);
    return c.body(null, 204);
  });
  return app;
}
