/**
 * `GET /api/alarms/stream` (Server-Sent Events): an `alarms` event with the open alarms the
 * caller may see, then one event per change, named by it (`raised`, `updated`, `cleared`,
 * `acknowledged`, `assigned`, `commented`, `closed`), each with the alarm as JSON (id, state and
 * all). A comment every 15 s keeps the connection open; the stream ends when its session does
 * (asked again every `recheckMs`), and each change is shown as the re-read principal may see it.
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { streamSSE } from 'hono/streaming';
import type { SessionService } from '../accounts/index.ts';
import {
  actorOf,
  currentPrincipal,
  type AppEnv,
  errorResponses,
  type RouteKit,
} from '../http/index.ts';
import { authorize, type Principal } from '../permissions/index.ts';
import type { AlarmChange, AlarmService } from './create.ts';
import { ALARM_READ } from './routes.ts';

const stream = createRoute({
  method: 'get',
  path: '/alarms/stream',
  summary: 'Alarms as they happen (Server-Sent Events)',
  description:
    'text/event-stream: an `alarms` event with the open alarms, then `raised`, `updated`, ' +
    '`cleared`, `acknowledged`, `assigned`, `commented` and `closed` events, each with one ' +
    'alarm as JSON; a comment every 15 s keeps the connection open.',
  tags: ['alarms'],
  responses: {
    200: {
      description: 'The event stream',
      content: { 'text/event-stream': { schema: z.string() } },
    },
    ...errorResponses(401, 403),
  },
});

/** What the stream is built from. */
export interface AlarmStreamDeps extends RouteKit {
  alarms: AlarmService;
  accounts: { sessions: Pick<SessionService, 'resolve'> };
}

/** The alarm event stream. */
export function alarmStreamRoutes(ctx: AlarmStreamDeps, recheckMs = 30_000): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>();
  app.openapi(stream, (c) => {
    authorize(currentPrincipal(c), ALARM_READ);
    const actor = actorOf(c, ctx.http.trustProxy);
    const sessionToken = c.get('sessionToken') ?? '';
    return streamSSE(c, async (s) => {
      let principal: Principal = actor.principal;
      let closed = false;
      const queue: AlarmChange[] = [];
      let wake: (() => void) | undefined;
      const unsubscribe = ctx.alarms.onChange((change) => {
        if (queue.length < 1000) queue.push(change);
        wake?.();
      });
      s.onAbort(() => {
        closed = true;
        wake?.();
      });
      try {
        const open = await ctx.alarms.list(actor, { state: 'open' }, { limit: 500 });
        await s.writeSSE({ event: 'alarms', data: JSON.stringify(open.alarms) });
        let lastCheck = Date.now();
        let lastWrite = Date.now();
        while (!closed) {
          const change = queue.shift();
          if (change !== undefined) {
            const view = ctx.alarms.viewFor(principal, change.alarm);
            if (view !== undefined) {
              await s.writeSSE({ event: change.type, data: JSON.stringify(view) });
              lastWrite = Date.now();
            }
            continue;
          }
          await new Promise<void>((resolve) => {
            wake = resolve;
            setTimeout(resolve, 5000);
          });
          wake = undefined;
          const now = Date.now();
          if (now - lastCheck > recheckMs) {
            lastCheck = now;
            const again = await ctx.accounts.sessions.resolve(sessionToken);
            if (again === undefined) break;
            principal = again;
          }
          if (now - lastWrite > 15_000) {
            await s.write(': keep-alive\n\n');
            lastWrite = now;
          }
        }
      } finally {
        unsubscribe();
      }
    });
  });
  return app;
}
