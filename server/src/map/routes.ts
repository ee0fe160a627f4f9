/**
 * Map routes, for any signed-in user who may read the camera registry: `GET /api/map` (basemap,
 * first view, overlays), `GET /api/map/cameras` (every visible camera's state in one answer),
 * `GET /api/map/basemap.pmtiles` (the city's PMTiles archive with HTTP range requests: 206 with
 * Content-Range, 416 for a range outside the file) and `GET /api/map/overlays/{index}` (an
 * overlay's image).
 */
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { notFound } from '../app/index.ts';
import { authorize, CAMERA_REGISTRY_READ } from '../permissions/index.ts';
import { currentPrincipal, errorResponses, jsonResponse } from '../http/index.ts';
import type { AppEnv, RouteKit } from '../http/index.ts';
import { mapCamerasSchema, mapSettingsSchema } from './api-shapes.ts';
import { parseByteRange } from './byte-range.ts';
import type { MapService } from './create.ts';

const tags = ['map'];
const binary = (type: string, description: string) => ({
  description,
  content: { [type]: { schema: z.string().openapi({ format: 'binary' }) } },
});

const settingsRoute = createRoute({
  method: 'get',
  path: '/map',
  summary: "The map's basemap, first view and image overlays",
  tags,
  responses: { 200: jsonResponse(mapSettingsSchema, 'The settings'), ...errorResponses(401, 403) },
});
const camerasRoute = createRoute({
  method: 'get',
  path: '/map/cameras',
  summary: 'Every visible camera with its position, live state, recording and masks',
  tags,
  responses: { 200: jsonResponse(mapCamerasSchema, 'The cameras'), ...errorResponses(401, 403) },
});
const basemapRoute = createRoute({
  method: 'get',
  path: '/map/basemap.pmtiles',
  summary: 'The PMTiles archive of the basemap (HTTP range requests)',
  tags,
  responses: {
    200: binary('application/vnd.pmtiles', 'The whole archive'),
    206: binary('application/vnd.pmtiles', 'The requested range'),
    416: { description: 'The range is outside the file' },
    ...errorResponses(401, 403, 404),
  },
});
const overlayRoute = createRoute({
  method: 'get',
  path: '/map/overlays/{index}',
  summary: "An image overlay's picture",
  tags,
  request: {
    params: z.object({
      index: z.coerce
        .number()
        .int()
        .min(0)
        .max(99)
        .openapi({ param: { name: 'index', in: 'path' }, example: 0 }),
    }),
  },
  responses: {
    200: binary('image/png', 'The image'),
    ...errorResponses(400, 401, 403, 404),
  },
});

/** What these routes are built from: the HTTP kit and the map service. */
export interface MapRoutesDeps extends RouteKit {
  map: MapService;
}

/** Reads `length` bytes of `path` from `start`. */
async function readSlice(
  path: string,
  start: number,
  length: number,
): Promise<Uint8Array<ArrayBuffer>> {
  const handle = await open(path, 'r');
  try {
    const buf = new Uint8Array(length);
    const { bytesRead } = await handle.read(buf, 0, length, start);
    return buf.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** The map routes. */
export function mapRoutes(ctx: MapRoutesDeps): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>();
  const { map } = ctx;

  app.openapi(settingsRoute, (c) => {
    authorize(currentPrincipal(c), CAMERA_REGISTRY_READ);
    return c.json(map.settings, 200);
  });
  app.openapi(camerasRoute, async (c) => {
    const principal = currentPrincipal(c);
    authorize(principal, CAMERA_REGISTRY_READ);
    return c.json({ cameras: await map.cameraStates(principal) }, 200);
  });
  app.openapi(basemapRoute, async (c) => {
    authorize(currentPrincipal(c), CAMERA_REGISTRY_READ);
    const file = map.basemapFile;
    if (file === null) throw notFound('no PMTiles basemap is configured');
    const { size, mtimeMs } = await stat(file);
    const headers = {
      'content-type': 'application/vnd.pmtiles',
      'accept-ranges': 'bytes',
      // The archive changes only when the city extracts it again: the reader checks the ETag.
      etag: `"${size.toString(16)}-${Math.floor(mtimeMs).toString(16)}"`,
      'cache-control': 'private, max-age=3600',
    };
    const range = parseByteRange(c.req.header('range'), size);
    if (range === 'unsatisfiable') {
      return c.body(null, 416, { ...headers, 'content-range': `bytes */${size}` });
    }
    if (range === null) {
      const body = Readable.toWeb(createReadStream(file)) as ReadableStream<Uint8Array>;
      return c.body(body, 200, { ...headers, 'content-length': String(size) });
    }
    const bytes = await readSlice(file, range.start, range.end - range.start + 1);
    return c.body(bytes, 206, {
      ...headers,
      'content-length': String(bytes.length),
      'content-range': `bytes ${range.start}-${range.end}/${size}`,
    });
  });
  app.openapi(overlayRoute, async (c) => {
    authorize(currentPrincipal(c), CAMERA_REGISTRY_READ);
    const image = map.overlayImage(c.req.valid('param').index);
    if (image === undefined) throw notFound('no such overlay');
    const { size } = await stat(image.path);
    const body = Readable.toWeb(createReadStream(image.path)) as ReadableStream<Uint8Array>;
    return c.body(body, 200, {
      'content-length': String(size),
      'content-type': image.contentType,
      'cache-control': 'private, max-age=3600',
    });
  });
  return app;
}
