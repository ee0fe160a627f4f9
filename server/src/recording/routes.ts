/**
 * Recording routes: `GET /api/cameras/{id}/status` (live ingest state and recording completeness,
 * needs `live.view` on the camera) and `GET /api/cameras/{id}/segments?from&to` (the segments and
 * gaps of a range, needs `playback.view` on the camera, within the role's look-back limit).
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { authorize } from '../permissions/index.ts';
import { invalidArgument } from '../app/index.ts';
import { currentPrincipal, type AppEnv, errorResponses, jsonResponse } from '../http/index.ts';
import type { RouteKit } from '../http/index.ts';
import type { Clock } from '../app/index.ts';
import type { CameraRegistry } from '../cameras/index.ts';
import { recordedStreamsOf } from '../cameras/index.ts';
import type { RecordingService } from './recording-service.ts';
import type { IngestManager, StreamStatus } from '../ingest/index.ts';
import type { RecordingDb } from './tables.ts';
import type { Completeness } from './completeness.ts';
import { cameraStatusSchema, segmentListSchema } from './api-shapes.ts';
import {
  gapsInRange,
  openGapOf,
  segmentsInRange,
  type Gap,
  type Segment,
} from './segment-store.ts';

const MAX_RANGE_MS = 7 * 24 * 3_600_000;
const tags = ['recording'];
const iso = (ms: number): string => new Date(ms).toISOString();

const idParam = z.object({
  id: z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name: 'id', in: 'path' }, example: 'cam-001' }),
});

const rangeQuery = z.object({
  from: z.iso
    .datetime({ offset: true })
    .openapi({ param: { name: 'from', in: 'query' }, example: '2026-03-01T10:00:00Z' }),
  to: z.iso
    .datetime({ offset: true })
    .openapi({ param: { name: 'to', in: 'query' }, example: '2026-03-01T11:00:00Z' }),
  stream: z
    .enum(['main', 'sub'])
    .default('main')
    .openapi({ param: { name: 'stream', in: 'query' } }),
});

const statusRoute = createRoute({
  method: 'get',
  path: '/cameras/{id}/status',
  summary: "A camera's live state and recording completeness (this hour, today)",
  tags,
  request: { params: idParam },
  responses: {
    200: jsonResponse(cameraStatusSchema, 'The status'),
    ...errorResponses(400, 401, 403, 404),
  },
});

const segmentsRoute = createRoute({
  method: 'get',
  path: '/cameras/{id}/segments',
  summary: 'Recorded segments and gaps of a camera in a time range (at most 7 days)',
  tags,
  request: { params: idParam, query: rangeQuery },
  responses: {
    200: jsonResponse(segmentListSchema, 'Segments and gaps overlapping the range'),
    ...errorResponses(400, 401, 403, 404),
  },
});

function completenessJson(c: Completeness) {
  return {
    from: iso(c.fromMs),
    to: iso(c.toMs),
    expectedSeconds: c.expectedSeconds,
    recordedSeconds: c.recordedSeconds,
    ratio: c.ratio,
  };
}

function gapJson(
  g: Gap | { start_ms: number; end_ms: number | null; cause: Gap['cause']; message: string },
) {
  return {
    start: iso(g.start_ms),
    end: g.end_ms === null ? null : iso(g.end_ms),
    startMs: g.start_ms,
    endMs: g.end_ms,
    cause: g.cause,
    message: g.message,
  };
}

function segmentJson(s: Segment) {
  return {
    id: s.id,
    start: iso(s.start_ms),
    end: iso(s.end_ms),
    startMs: s.start_ms,
    endMs: s.end_ms,
    durationMs: Math.round((s.duration_90k / 90) * 1000) / 1000,
    sizeBytes: s.size_bytes,
    frameCount: s.frame_count,
    codec: s.codec,
    codecString: s.codec_string,
    width: s.width,
    height: s.height,
    state: s.state,
    closedBy: s.closed_by,
    sha256: s.sha256,
    fragmentsSha256: s.fragments_sha256,
    signature: s.signature,
    keyFingerprint: s.key_fingerprint,
  };
}

function liveJson(s: StreamStatus) {
  return {
    state: s.state,
    since: iso(s.sinceMs),
    lastError: s.lastError && {
      cause: s.lastError.cause,
      message: s.lastError.message,
      at: iso(s.lastError.atMs),
    },
    bitrateBps: s.bitrateBps,
    fps: s.fps,
    framesTotal: s.counters.frames,
    packetsLost: s.counters.packetsLost,
    lossEvents: s.counters.lossEvents,
    stalls: s.counters.stalls,
    reconnects: s.counters.reconnects,
    wallSource: s.wallSource,
    video: s.info,
  };
}

/** What these routes are built from: the HTTP kit and the services they use. */
export interface RecordingRoutesDeps extends RouteKit {
  clock: Clock;
  cameras: CameraRegistry;
  recording: RecordingService;
  ingest: IngestManager;
  db: RecordingDb;
}

/** The recording routes. */
export function recordingRoutes(ctx: RecordingRoutesDeps): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>();
  const { cameras, recording, ingest, db } = ctx;

  app.openapi(statusRoute, async (c) => {
    const { id } = c.req.valid('param');
    authorize(currentPrincipal(c), 'live.view', { kind: 'camera', id });
    const cam = await cameras.get(id);
    const live = ingest.cameraIds().includes(id) ? ingest.status(id).main : undefined;
    const rec = recording.status(id);
    const paused = rec ? undefined : recording.wants(id) ? recording.diskPause : undefined;
    const { hour, day } = await recording.currentCompleteness(id);
    const subRec = recording.status(id, 'sub');
    const subWanted = subRec !== undefined || recordedStreamsOf(cam).includes('sub');
    const subNow = subWanted ? await recording.currentCompleteness(id, 'sub') : undefined;
    const stored = rec ? undefined : await openGapOf(db, { cameraId: id, stream: 'main' });
    const openGap =
      rec?.openGap ??
      (stored && { startMs: stored.start_ms, cause: stored.cause, message: stored.message });
    return c.json(
      {
        cameraId: id,
        live: live ? liveJson(live) : null,
        recording: {
          state: rec?.state ?? (paused ? ('error' as const) : ('not_recorded' as const)),
          lastError: rec?.lastError
            ? { message: rec.lastError.message, at: iso(rec.lastError.atMs) }
            : paused
              ? { message: paused, at: iso(ctx.clock.nowMs()) }
              : null,
          openGap: openGap
            ? gapJson({
                start_ms: openGap.startMs,
                end_ms: null,
                cause: openGap.cause,
                message: openGap.message,
              })
            : null,
          clockDriftMs: rec?.clockDriftMs ?? 0,
          hour: completenessJson(hour),
          day: completenessJson(day),
          sub: subNow
            ? {
                state: subRec?.state ?? ('not_recorded' as const),
                hour: completenessJson(subNow.hour),
                day: completenessJson(subNow.day),
              }
            : null,
        },
      },
      200,
    );
  });

  app.openapi(segmentsRoute, async (c) => {
    const { id } = c.req.valid('param');
    const q = c.req.valid('query');
    const fromMs = Date.parse(q.from);
    const toMs = Date.parse(q.to);
    authorize(currentPrincipal(c), 'playback.view', { kind: 'camera', id, fromMs });
    if (!(toMs > fromMs)) throw invalidArgument("'to' must be after 'from'", { key: 'to' });
    if (toMs - fromMs > MAX_RANGE_MS) {
      throw invalidArgument("'to' must be at most 7 days after 'from'", { key: 'to' });
    }
    await cameras.get(id);
    const ref = { cameraId: id, stream: q.stream };
    const segments = await segmentsInRange(db, ref, fromMs, toMs);
    const gaps = await gapsInRange(db, ref, fromMs, toMs);
    return c.json(
      {
        cameraId: id,
        stream: q.stream,
        from: iso(fromMs),
        to: iso(toMs),
        segments: segments.map(segmentJson),
        gaps: gaps.map(gapJson),
      },
      200,
    );
  });
  return app;
}
