/**
 * The display's own routes, for a display account's session: `GET /api/displays/me` (its display
 * and what it shows) and `GET /api/displays/me/stream` (Server-Sent Events: a `display` event
 * with the display as JSON, then one on every change; `gone` when the display is deleted or its
 * account unbound, and the stream ends). A comment every 15 s keeps the connection open through
 * proxies; the session is asked again every `recheckMs` and the stream ends with it. A browser's
 * EventSource reconnects by itself after a drop and gets the current content first.
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { streamSSE } from 'hono/streaming';
import type { SessionService } from '../accounts/index.ts';
import { currentPrincipal, type AppEnv, errorResponses, jsonResponse } from '../http/index.ts';
import { displaySchema, type Display } from './api-shapes.ts';
import type { DisplayService } from './create.ts';

const tags = ['displays'];

const me = createRoute({
  method: 'get',
  path: '/displays/me',
  summary: 'The display this display account shows, and what it shows',
  tags,
  responses: { 200: jsonResponse(displaySchema, 'The display'), ...errorResponses(401, 404) },
});
const stream = createRoute({
  method: 'get',
  path: '/displays/me/stream',
  summary: 'What this display shows, as it changes (Server-Sent Events)',
  description:
    'text/event-stream: a `display` event with the display as JSON, then one on every change; ' +
    '`gone` when it is deleted or the account unbound; a comment every 15 s.',
  tags,
  responses: {
    200: {
      description: 'The event stream',
      content: { 'text/event-stream': { schema: z.string() } },
    },
    ...errorResponses(401, 404),
  },
});

/** What the display's routes are built from. */
export interface DisplayStreamDeps {
  displays: DisplayService;
  accounts: { sessions: Pick<SessionService, 'resolve'> };
}

/** The display account's routes. */
export function displayStreamRoutes(
  ctx: DisplayStreamDeps,
  recheckMs = 30_000,
  keepAliveMs = 15_000,
): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>();
  app.openapi(me, async (c) => c.json(await ctx.displays.mine(currentPrincipal(c)), 200));
  app.openapi(stream, async (c) => {
    const principal = currentPrincipal(c);
    const first = await ctx.displays.mine(principal);
    const sessionToken = c.get('sessionToken') ?? '';
    return streamSSE(c, async (s) => {
      let closed = false;
      const queue: (Display | null)[] = [];
      let wake: (() => void) | undefined;
      const unsubscribe = ctx.displays.subscribe(first.id, (d) => {
        if (queue.length < 100) queue.push(d);
        wake?.();
      });
      s.onAbort(() => {
        closed = true;
        wake?.();
      });
      try {
        await s.writeSSE({ event: 'display', data: JSON.stringify(first) });
        let lastCheck = Date.now();
        let lastWrite = Date.now();
        while (!closed) {
          const change = queue.shift();
          if (change !== undefined) {
            if (change === null || change.accountId !== principal.userId) {
              await s.writeSSE({ event: 'gone', data: '{}' });
              break;
            }
            await s.writeSSE({ event: 'display', data: JSON.stringify(change) });
            lastWrite = Date.now();
            continue;
          }
          await new Promise<void>((resolve) => {
            wake = resolve;
            setTimeout(resolve, Math.min(5000, keepAliveMs));
          });
          wake = undefined;
          const now = Date.now();
          if (now - lastCheck > recheckMs) {
            lastCheck = now;
            const again = await ctx.accounts.sessions.resolve(sessionToken);
            if (again?.access.display?.id !== first.id) break;
          }
          if (now - lastWrite >= keepAliveMs) {
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
