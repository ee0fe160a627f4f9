/**
 * `GET /api/timeline/days?cameras=a,b&month=2026-12`: the days of a month (in the site's time
 * zone) on which any of the cameras recorded, for the recordings page's calendar. Permission-checked
 * like the timeline (`playback.view` on every camera, within the look-back; a refusal is audited
 * as denied), and like the timeline not audited when granted: it is metadata.
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { currentPrincipal, errorResponses, jsonResponse, type AppEnv } from '../http/index.ts';
import type { RouteKit } from '../http/index.ts';
import type { PlaybackService } from './playback-service.ts';
import { recordedDays } from './recorded-days.ts';

const daysSchema = z
  .object({
    month: z.string().openapi({ example: '2026-12' }),
    timeZone: z
      .string()
      .openapi({ description: 'The site time zone (IANA)', example: 'Europe/Rome' }),
    days: z
      .array(z.string())
      .openapi({ description: 'Local dates with recordings, ascending', example: ['2026-12-07'] }),
  })
  .openapi('RecordedDays');

const daysRoute = createRoute({
  method: 'get',
  path: '/timeline/days',
  summary: 'The days of a month (site time zone) on which any of the cameras recorded',
  tags: ['playback'],
  request: {
    query: z.object({
      cameras: z
        .string()
        .min(1)
        .openapi({ param: { name: 'cameras', in: 'query' }, example: 'cam-001,cam-002' }),
      month: z
        .string()
        .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be YYYY-MM')
        .openapi({ param: { name: 'month', in: 'query' }, example: '2026-12' }),
    }),
  },
  responses: {
    200: jsonResponse(daysSchema, 'The days with recordings'),
    ...errorResponses(400, 401, 403),
  },
});

/** What the day routes need: the HTTP kit and the playback service. */
export interface TimelineDayRoutesDeps extends RouteKit {
  playback: PlaybackService;
}

/** The calendar route of the timeline. */
export function timelineDayRoutes(ctx: TimelineDayRoutesDeps): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>();
  app.openapi(daysRoute, async (c) => {
    const q = c.req.valid('query');
    const ids = q.cameras
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== '');
    const days = await recordedDays(ctx.playback, currentPrincipal(c), ids, q.month);
    return c.json({ month: q.month, timeZone: ctx.playback.timeZone, days }, 200);
  });
  return app;
}
