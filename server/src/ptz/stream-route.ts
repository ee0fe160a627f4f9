/**
 * `GET /api/cameras/{id}/ptz/events` (Server-Sent Events): a `status` event with the caller's view
 * of the camera's control at once, then again whenever it changes (a session opened or ended,
 * someone queued) — so a user waiting in line learns at once that control passed to them. Needs
 * `ptz.control` on the camera. A comment every 15 s keeps the connection open; the stream ends
 * after 5 minutes and the browser's EventSource reconnects, which checks the session and the
 * permission again.
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { streamSSE } from 'hono/streaming';
import { actorOf, type AppEnv, errorResponses, type RouteKit } from '../http/index.ts';
import type { PtzService } from './create.ts';

/** How long one stream lasts before the client reconnects (and is checked again). */
const STREAM_MS = 5 * 60_000;
const KEEP_ALIVE_MS = 15_000;

const events = createRoute({
  method: 'get',
  path: '/cameras/{id}/ptz/events',
  summary: "The camera's control as it changes (Server-Sent Events)",
  description:
    'text/event-stream: a `status` event (as `GET /api/cameras/{id}/ptz`) at once and after ' +
    'every change of who controls or waits; ends after 5 minutes (reconnect).',
  tags: ['ptz'],
  request: {
    params: z.object({
      id: z
        .string()
        .min(1)
        .max(64)
        .openapi({ param: { name: 'id', in: 'path' } }),
    }),
  },
  responses: {
    200: {
      description: 'The event stream',
      content: { 'text/event-stream': { schema: z.string() } },
    },
    ...errorResponses(401, 403, 404, 409),
  },
});

/** The PTZ event stream route. */
export function ptzStreamRoute(ctx: RouteKit & { ptz: PtzService }): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>();
  app.openapi(events, async (c) => {
    const actor = actorOf(c, ctx.http.trustProxy);
    const cameraId = c.req.valid('param').id;
    let dirty = true;
    let wake: (() => void) | undefined;
    // Checked before the stream opens: a refusal is an ordinary 403/404.
    const unwatch = await ctx.ptz.watch(actor, cameraId, () => {
      dirty = true;
      wake?.();
    });
    return streamSSE(c, async (s) => {
      let closed = false;
      s.onAbort(() => {
        closed = true;
        wake?.();
      });
      const started = Date.now();
      let lastWrite = 0;
      try {
        while (!closed && Date.now() - started < STREAM_MS) {
          if (dirty) {
            dirty = false;
            const status = await ctx.ptz.status(actor, cameraId);
            await s.writeSSE({ event: 'status', data: JSON.stringify(status) });
            lastWrite = Date.now();
            continue;
          }
          await new Promise<void>((resolve) => {
            wake = resolve;
            setTimeout(resolve, KEEP_ALIVE_MS);
          });
          wake = undefined;
          if (!dirty && Date.now() - lastWrite >= KEEP_ALIVE_MS) {
            await s.write(': keep-alive\n\n');
            lastWrite = Date.now();
          }
        }
      } catch {
        // The camera is gone or the camera stopped answering: the stream ends; the client's
        // reconnection is answered with the reason.
      } finally {
        unwatch();
      }
    });
  });
  return app;
}
