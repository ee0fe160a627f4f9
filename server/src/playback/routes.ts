/**
 * Playback routes: `GET /api/timeline` (spans, gaps, holds and camera events of cameras over a
 * window),
 * `POST /api/playback/sessions` (open an audited playback of up to 4 cameras),
 * `DELETE /api/playback/sessions/{session}` (close it: what it showed is written to the audit
 * trail), the session's media (`.../media`, `.../init`, `.../fragments`) and timeline
 * thumbnails (`.../thumbnail?at=`, key frames decoded small and cached), and stills
 * (`GET /api/cameras/{id}/still?at=` from recordings, `GET /api/cameras/{id}/still/live?reason=`).
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { invalidArgument } from '../app/index.ts';
import { authorize } from '../permissions/index.ts';
import {
  clientAddress,
  currentPrincipal,
  type AppEnv,
  errorResponses,
  jsonBody,
  jsonResponse,
} from '../http/index.ts';
import { parseStillFormat, stillMediaType } from '../stills/index.ts';
import type { PlaybackService } from './playback-service.ts';
import { MAX_SYNC_CAMERAS } from './playback-sessions.ts';
import { timelineSchema } from './timeline-shapes.ts';

/** What the playback routes need. */
export interface PlaybackRouteContext {
  playback: PlaybackService;
  http: { trustProxy: boolean };
}

const tags = ['playback'];
const isoParam = (name: string) =>
  z.iso
    .datetime({ offset: true })
    .openapi({ param: { name, in: 'query' }, example: '2026-03-01T10:00:00Z' });
const camParam = z.string().min(1).max(64);
const streamParam = z
  .enum(['main', 'sub'])
  .default('main')
  .openapi({
    param: { name: 'stream', in: 'query' },
    description: 'The stream: main (default) or sub (the light one a grid of tiles plays)',
  });
const binary = (type: string, description: string) => ({
  description,
  content: { [type]: { schema: z.string().openapi({ format: 'binary' }) } },
});

const timelineRoute = createRoute({
  method: 'get',
  path: '/timeline',
  summary:
    'Recorded spans, gaps (with causes), legal holds and camera events (motion, tamper, ' +
    'inputs) of cameras over a window',
  tags,
  request: {
    query: z.object({
      cameras: z
        .string()
        .min(1)
        .openapi({ param: { name: 'cameras', in: 'query' }, example: 'cam-001,cam-002' }),
      from: isoParam('from'),
      to: isoParam('to'),
      stream: streamParam,
    }),
  },
  responses: {
    200: jsonResponse(timelineSchema, 'Times in UTC ms'),
    ...errorResponses(400, 401, 403),
  },
});

const openRoute = createRoute({
  method: 'post',
  path: '/playback/sessions',
  summary: 'Open a playback of up to 4 cameras over a range (audited with the reason)',
  tags,
  request: {
    body: jsonBody(
      z
        .object({
          cameras: z.array(camParam).min(1).max(MAX_SYNC_CAMERAS),
          from: z.iso.datetime({ offset: true }),
          to: z.iso.datetime({ offset: true }),
          reason: z.string().max(500),
          caseReference: z.string().max(100).nullable().optional(),
        })
        .openapi('PlaybackRequest'),
      'Cameras, range, reason',
    ),
  },
  responses: {
    201: jsonResponse(
      z
        .object({ id: z.string(), cameras: z.array(z.string()), from: z.string(), to: z.string() })
        .openapi('PlaybackSession'),
      'The session',
    ),
    ...errorResponses(400, 401, 403),
  },
});

const sessionCam = z.object({
  session: z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name: 'session', in: 'path' } }),
  camera: camParam.openapi({ param: { name: 'camera', in: 'path' } }),
});
const segmentParams = sessionCam.extend({
  segment: z.coerce
    .number()
    .int()
    .nonnegative()
    .openapi({ param: { name: 'segment', in: 'path' } }),
});

const closeRoute = createRoute({
  method: 'delete',
  path: '/playback/sessions/{session}',
  summary: 'Close a playback session; the ranges it showed are written to the audit trail',
  tags,
  request: { params: sessionCam.pick({ session: true }) },
  responses: {
    204: { description: 'Closed' },
    ...errorResponses(401, 403, 404, 503),
  },
});

const mediaRoute = createRoute({
  method: 'get',
  path: '/playback/sessions/{session}/cameras/{camera}/media',
  summary: 'Segments of a camera in a window (at most 2 h): codec and fragment list',
  tags,
  request: {
    params: sessionCam,
    query: z.object({ from: isoParam('from'), to: isoParam('to'), stream: streamParam }),
  },
  responses: {
    200: jsonResponse(
      z
        .object({
          segments: z.array(
            z.object({
              id: z.number(),
              startMs: z.number(),
              endMs: z.number(),
              codecString: z.string(),
              width: z.number(),
              height: z.number(),
              fragments: z.array(z.tuple([z.number(), z.number(), z.number()])),
              complete: z.boolean(),
            }),
          ),
        })
        .openapi('PlaybackMedia'),
      'Fragments as [start ms from segment start, duration ms, starts with key frame]',
    ),
    ...errorResponses(400, 401, 403, 404),
  },
});
const initRoute = createRoute({
  method: 'get',
  path: '/playback/sessions/{session}/cameras/{camera}/segments/{segment}/init',
  summary: "A segment's init segment (ftyp + moov), as recorded",
  tags,
  request: { params: segmentParams },
  responses: { 200: binary('video/mp4', 'Init segment'), ...errorResponses(400, 401, 403, 404) },
});
const fragmentsRoute = createRoute({
  method: 'get',
  path: '/playback/sessions/{session}/cameras/{camera}/segments/{segment}/fragments',
  summary: 'Recorded fragments (moof + mdat) first..first+count-1 of a segment, as stored',
  tags,
  request: {
    params: segmentParams,
    query: z.object({
      first: z.coerce
        .number()
        .int()
        .nonnegative()
        .openapi({ param: { name: 'first', in: 'query' } }),
      count: z.coerce
        .number()
        .int()
        .positive()
        .default(10)
        .openapi({ param: { name: 'count', in: 'query' } }),
    }),
  },
  responses: { 200: binary('video/mp4', 'Media segment'), ...errorResponses(400, 401, 403, 404) },
});

const thumbnailRoute = createRoute({
  method: 'get',
  path: '/playback/sessions/{session}/cameras/{camera}/thumbnail',
  summary: 'A small JPEG (160 px wide) of the key frame at or before an instant, for the timeline',
  tags,
  request: { params: sessionCam, query: z.object({ at: isoParam('at') }) },
  responses: {
    200: {
      description: 'The image; X-Frame-Time gives the key frame time (UTC)',
      content: { 'image/jpeg': { schema: z.string().openapi({ format: 'binary' }) } },
    },
    ...errorResponses(400, 401, 403, 404),
  },
});

const stillQuery = z.object({
  at: isoParam('at'),
  format: z
    .enum(['jpeg', 'jpg', 'png'])
    .optional()
    .openapi({ param: { name: 'format', in: 'query' } }),
  reason: z
    .string()
    .max(500)
    .optional()
    .openapi({ param: { name: 'reason', in: 'query' } }),
  caseReference: z
    .string()
    .max(100)
    .optional()
    .openapi({ param: { name: 'caseReference', in: 'query' } }),
});
const idParam = z.object({ id: camParam.openapi({ param: { name: 'id', in: 'path' } }) });
const stillRoute = createRoute({
  method: 'get',
  path: '/cameras/{id}/still',
  summary: 'The recorded frame shown at an instant, as JPEG or PNG (audited; a reason is required)',
  tags,
  request: { params: idParam, query: stillQuery },
  responses: {
    200: {
      description: 'The image; X-Frame-Time gives the frame time (UTC)',
      content: {
        'image/jpeg': { schema: z.string().openapi({ format: 'binary' }) },
        'image/png': { schema: z.string().openapi({ format: 'binary' }) },
      },
    },
    ...errorResponses(400, 401, 403, 404),
  },
});
const liveStillRoute = createRoute({
  method: 'get',
  path: '/cameras/{id}/still/live',
  summary: 'The live picture now, as JPEG or PNG (audited; a reason is required)',
  tags,
  request: {
    params: idParam,
    query: z.object({
      format: z
        .enum(['jpeg', 'jpg', 'png'])
        .optional()
        .openapi({ param: { name: 'format', in: 'query' } }),
      reason: z
        .string()
        .max(500)
        .openapi({
          param: { name: 'reason', in: 'query' },
          description: 'Why the still is taken (at least 3 characters; recorded in the audit)',
        }),
      caseReference: z
        .string()
        .max(100)
        .optional()
        .openapi({ param: { name: 'caseReference', in: 'query' } }),
    }),
  },
  responses: {
    200: {
      description: 'The image',
      content: { 'image/jpeg': { schema: z.string().openapi({ format: 'binary' }) } },
    },
    ...errorResponses(400, 401, 403, 404, 503),
  },
});

function videoBody(bytes: Buffer): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

/** The playback routes. */
export function playbackRoutes(ctx: PlaybackRouteContext): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>();
  const { playback } = ctx;
  const address = (c: Parameters<typeof clientAddress>[0]) => clientAddress(c, ctx.http.trustProxy);

  app.openapi(timelineRoute, async (c) => {
    const q = c.req.valid('query');
    const ids = q.cameras
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== '');
    const toMs = Date.parse(q.to);
    const t = await playback.timeline(currentPrincipal(c), ids, Date.parse(q.from), toMs, q.stream);
    return c.json(
      {
        from: new Date(t.fromMs).toISOString(),
        to: new Date(toMs).toISOString(),
        cameras: t.cameras.map((x) => ({
          id: x.cameraId,
          spans: x.spans,
          gaps: x.gaps.map((g) => ({
            from: g.fromMs,
            to: g.toMs,
            cause: g.cause,
            message: g.message,
            open: g.open,
          })),
          holds: x.holds.map((h) => ({
            id: h.id,
            from: h.fromMs,
            to: h.toMs,
            authority: h.authority,
            reference: h.reference,
          })),
          events: x.events.map((e) => ({
            id: e.id,
            kind: e.kind,
            from: e.fromMs,
            to: e.toMs,
            endCause: e.endCause,
            triggers: e.triggers,
            topic: e.topic,
            source: { ...e.source },
          })),
        })),
        eventsMore: t.eventsMore,
      },
      200,
    );
  });

  app.openapi(openRoute, async (c) => {
    const b = c.req.valid('json');
    const s = await playback.openSession(
      currentPrincipal(c),
      {
        cameras: b.cameras,
        fromMs: Date.parse(b.from),
        toMs: Date.parse(b.to),
        reason: b.reason,
        caseReference: b.caseReference ?? null,
      },
      address(c),
    );
    return c.json(
      {
        id: s.id,
        cameras: s.cameras,
        from: new Date(s.fromMs).toISOString(),
        to: new Date(s.toMs).toISOString(),
      },
      201,
    );
  });

  app.openapi(closeRoute, async (c) => {
    const principal = currentPrincipal(c);
    authorize(principal, 'playback.view'); // no playback anywhere: refused before any look-up
    await playback.closeSession(principal, c.req.valid('param').session);
    return c.body(null, 204);
  });

  app.openapi(mediaRoute, async (c) => {
    const p = c.req.valid('param');
    const q = c.req.valid('query');
    const segments = await playback.media(
      currentPrincipal(c),
      p.session,
      p.camera,
      Date.parse(q.from),
      Date.parse(q.to),
      q.stream,
    );
    return c.json({ segments }, 200);
  });

  app.openapi(initRoute, async (c) => {
    const p = c.req.valid('param');
    const bytes = await playback.init(currentPrincipal(c), p.session, p.camera, p.segment);
    return c.body(videoBody(bytes), 200, {
      'content-type': 'video/mp4',
      'cache-control': 'private, max-age=3600',
    });
  });

  app.openapi(fragmentsRoute, async (c) => {
    const p = c.req.valid('param');
    const q = c.req.valid('query');
    const bytes = await playback.fragments(
      currentPrincipal(c),
      p.session,
      p.camera,
      p.segment,
      q.first,
      q.count,
    );
    return c.body(videoBody(bytes), 200, {
      'content-type': 'video/mp4',
      'cache-control': 'private, no-store',
    });
  });

  app.openapi(thumbnailRoute, async (c) => {
    const p = c.req.valid('param');
    const atMs = Date.parse(c.req.valid('query').at);
    if (!Number.isFinite(atMs)) throw invalidArgument('at: not a time');
    const thumb = await playback.thumbnail(currentPrincipal(c), p.session, p.camera, atMs);
    return c.body(videoBody(thumb.image), 200, {
      'content-type': 'image/jpeg',
      'x-frame-time': new Date(Math.round(thumb.frameMs)).toISOString(),
      'cache-control': 'private, max-age=3600',
    });
  });

  app.openapi(stillRoute, async (c) => {
    const { id } = c.req.valid('param');
    const q = c.req.valid('query');
    const atMs = Date.parse(q.at);
    if (!Number.isFinite(atMs)) throw invalidArgument('at: not a time');
    const format = parseStillFormat(q.format);
    const still = await playback.recordedStill(
      currentPrincipal(c),
      id,
      atMs,
      format,
      { reason: q.reason ?? null, caseReference: q.caseReference ?? null },
      address(c),
    );
    return c.body(videoBody(still.image), 200, {
      'content-type': stillMediaType(format),
      'x-frame-time': new Date(Math.round(still.frameMs)).toISOString(),
      'cache-control': 'private, no-store',
    });
  });

  app.openapi(liveStillRoute, async (c) => {
    const { id } = c.req.valid('param');
    const q = c.req.valid('query');
    const format = parseStillFormat(q.format);
    const still = await playback.liveStill(
      currentPrincipal(c),
      id,
      format,
      { reason: q.reason, caseReference: q.caseReference ?? null },
      address(c),
    );
    return c.body(videoBody(still.image), 200, {
      'content-type': stillMediaType(format),
      'x-frame-time': new Date(Math.round(still.frameMs)).toISOString(),
      'cache-control': 'no-store',
    });
  });
  return app;
}
