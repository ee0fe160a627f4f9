/**
 * Retention routes: `GET /api/retention/status` (alarms, last sweep, last disk check; for
 * `camera.manage` or `audit.read`), `GET /api/retention/runs?days=30` (deletion runs, same) and
 * `POST /api/retention/sweep` (`camera.manage`: run a sweep now).
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { authorize } from '../permissions/index.ts';
import { currentPrincipal, type AppEnv, errorResponses, jsonResponse } from '../http/index.ts';
import type { RouteKit } from '../http/index.ts';
import type { RetentionService } from './retention-service.ts';

const tags = ['retention'];
const READ = ['camera.manage', 'audit.read'] as const;
const runSchema = z
  .object({
    id: z.number(),
    kind: z.enum(['retention', 'disk_pressure']),
    state: z.enum(['running', 'ok', 'failed', 'interrupted']),
    startedMs: z.number(),
    finishedMs: z.number().nullable(),
    segmentsDeleted: z.number(),
    bytesDeleted: z.number(),
    segmentsHeld: z.number(),
    cameras: z.record(
      z.string(),
      z.object({ segments: z.number(), bytes: z.number(), fromMs: z.number(), toMs: z.number() }),
    ),
    error: z.string().nullable(),
  })
  .openapi('RetentionRun');
const alarmSchema = z.object({
  key: z.string(),
  kind: z.string(),
  severity: z.enum(['warning', 'critical']),
  message: z.string(),
  cameraIds: z.array(z.string()),
  sinceMs: z.number(),
});
const statusSchema = z
  .object({
    alarms: z.array(alarmSchema),
    lastSweep: runSchema.nullable(),
    lastDiskCheck: z
      .object({
        atMs: z.number(),
        freeBytes: z.number(),
        totalBytes: z.number(),
        heldOnly: z.boolean(),
      })
      .nullable(),
    recordingStopped: z.array(z.string()),
  })
  .openapi('RetentionStatus');

const status = createRoute({
  method: 'get',
  path: '/retention/status',
  summary: 'Retention and storage: active alarms, last sweep, last disk check',
  tags,
  responses: { 200: jsonResponse(statusSchema, 'The status'), ...errorResponses(401, 403) },
});
const runs = createRoute({
  method: 'get',
  path: '/retention/runs',
  summary: 'Deletion runs (retention and disk pressure), newest first',
  tags,
  request: {
    query: z.object({
      days: z.coerce
        .number()
        .int()
        .min(1)
        .max(366)
        .default(30)
        .openapi({ param: { name: 'days', in: 'query' } }),
    }),
  },
  responses: {
    200: jsonResponse(z.object({ runs: z.array(runSchema) }), 'The runs'),
    ...errorResponses(400, 401, 403),
  },
});
const sweep = createRoute({
  method: 'post',
  path: '/retention/sweep',
  summary: 'Delete expired recordings now (camera.manage)',
  tags,
  responses: { 200: jsonResponse(runSchema, 'The run'), ...errorResponses(401, 403) },
});

/** What these routes are built from: the HTTP kit and the services they use. */
export interface RetentionRoutesDeps extends RouteKit {
  retention: RetentionService;
}

/** The retention routes. */
export function retentionRoutes(ctx: RetentionRoutesDeps): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>();
  const { retention } = ctx;
  app.openapi(status, (c) => {
    authorize(currentPrincipal(c), READ);
    const s = retention.status();
    return c.json(
      { alarms: retention.alarms.active(), ...s, recordingStopped: [...s.recordingStopped] },
      200,
    );
  });
  app.openapi(runs, async (c) => {
    authorize(currentPrincipal(c), READ);
    return c.json({ runs: await retention.runs(c.req.valid('query').days) }, 200);
  });
  app.openapi(sweep, async (c) => {
    authorize(currentPrincipal(c), 'camera.manage');
    return c.json((await retention.sweepNow()).run, 200);
  });
  return app;
}
