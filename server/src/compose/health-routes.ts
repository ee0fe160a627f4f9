/**
 * `GET /api/health`: the liveness and readiness probe, public. Answers 200 when the database
 * answers, 503 otherwise.
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { sql } from 'kysely';
import type { AppEnv } from '../http/index.ts';
import { jsonResponse } from '../http/index.ts';
import type { RouteContext } from './services.ts';

const healthSchema = z
  .object({
    status: z.enum(['ok', 'degraded']),
    version: z.string(),
    timeMs: z.number().int(),
    database: z.enum(['ok', 'unavailable']),
  })
  .openapi('Health');

const health = createRoute({
  method: 'get',
  path: '/health',
  summary: 'Liveness and readiness probe',
  tags: ['system'],
  security: [],
  responses: {
    200: jsonResponse(healthSchema, 'Vedetta is up'),
    503: jsonResponse(healthSchema, 'Vedetta is up but its database is not'),
  },
});

/** The health routes. */
export function healthRoutes(ctx: RouteContext): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>();
  app.openapi(health, async (c) => {
    let database: 'ok' | 'unavailable' = 'ok';
    try {
      await sql`select 1`.execute(ctx.db);
    } catch {
      database = 'unavailable';
    }
    const body = {
      status: database === 'ok' ? ('ok' as const) : ('degraded' as const),
      version: ctx.http.version,
      timeMs: ctx.clock.nowMs(),
      database,
    };
    return database === 'ok' ? c.json(body, 200) : c.json(body, 503);
  });
  return app;
}
