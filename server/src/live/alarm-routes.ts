/**
 * `GET /api/alarms` (the active alarms) and `GET /api/alarms/stream` (Server-Sent Events: the
 * active alarms, then every raise and clear as it happens). Each person sees the alarms of the
 * cameras they may watch, and installation alarms (disk) only within the owner agency. A stream
 * ends when its session does (asked again every `recheckMs`).
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { Principal } from '../permissions/index.ts';
import { currentPrincipal, type AppEnv, errorResponses, jsonResponse } from '../http/index.ts';
import type { AlarmChange, AlarmFeed, LiveAlarm } from './alarm-feed.ts';
import type { LiveAccess } from './live-access.ts';

const alarmSchema = z
  .object({
    key: z.string(),
    kind: z.enum(['camera_offline', 'recording_gap', 'disk_pressure', 'other']),
    severity: z.enum(['warning', 'critical']),
    message: z.string(),
    cameraIds: z.array(z.string()),
    sinceMs: z.number().int(),
  })
  .openapi('Alarm');

const list = createRoute({
  method: 'get',
  path: '/alarms',
  summary: 'The active alarms this user may see',
  tags: ['alarms'],
  responses: {
    200: jsonResponse(z.object({ alarms: z.array(alarmSchema) }), 'Active alarms, oldest first'),
    ...errorResponses(401),
  },
});

const stream = createRoute({
  method: 'get',
  path: '/alarms/stream',
  summary: 'Alarms as they happen (Server-Sent Events)',
  description:
    'text/event-stream: an `alarms` event with the active alarms, then `raised` and `cleared` ' +
    'events, each with one alarm as JSON; a comment every 15 s keeps the connection open.',
  tags: ['alarms'],
  responses: {
    200: {
      description: 'The event stream',
      content: { 'text/event-stream': { schema: z.string() } },
    },
    ...errorResponses(401),
  },
});

/** Who may see which alarm, with answers remembered for a while. */
class AlarmVisibility {
  private readonly cache = new Map<string, { ok: boolean; atMs: number }>();
  constructor(
    private readonly principal: Principal,
    private readonly access: LiveAccess,
    private readonly ttlMs = 30_000,
  ) {}

  async sees(alarm: LiveAlarm): Promise<boolean> {
    if (alarm.cameraIds.length === 0) return this.principal.agencyKind === 'owner';
    for (const id of alarm.cameraIds) {
      const hit = this.cache.get(id);
      const now = Date.now();
      let ok = hit !== undefined && now - hit.atMs < this.ttlMs ? hit.ok : undefined;
      if (ok === undefined) {
        ok = await this.access.mayWatch(this.principal, id);
        this.cache.set(id, { ok, atMs: now });
      }
      if (ok) return true;
    }
    return false;
  }
}

/** The alarm routes. */
export function alarmRoutes(
  feed: AlarmFeed,
  access: LiveAccess,
  recheckMs = 30_000,
): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>();
  app.openapi(list, async (c) => {
    const visibility = new AlarmVisibility(currentPrincipal(c), access);
    const alarms: LiveAlarm[] = [];
    for (const a of feed.list()) if (await visibility.sees(a)) alarms.push(a);
    return c.json({ alarms }, 200);
  });
  app.openapi(stream, (c) => sse(c, feed, access, recheckMs));
  return app;
}

function sse(c: Context<AppEnv>, feed: AlarmFeed, access: LiveAccess, recheckMs: number) {
  const principal = currentPrincipal(c);
  const sessionToken = c.get('sessionToken') ?? '';
  const visibility = new AlarmVisibility(principal, access);
  return streamSSE(c, async (s) => {
    let closed = false;
    const queue: AlarmChange[] = [];
    let wake: (() => void) | undefined;
    const unsubscribe = feed.subscribe((change) => {
      if (queue.length < 1000) queue.push(change);
      wake?.();
    });
    s.onAbort(() => {
      closed = true;
      wake?.();
    });
    try {
      const initial: LiveAlarm[] = [];
      for (const a of feed.list()) if (await visibility.sees(a)) initial.push(a);
      await s.writeSSE({ event: 'alarms', data: JSON.stringify(initial) });
      let lastCheck = Date.now();
      let lastWrite = Date.now();
      while (!closed) {
        const change = queue.shift();
        if (change !== undefined) {
          if (await visibility.sees(change.alarm)) {
            await s.writeSSE({ event: change.type, data: JSON.stringify(change.alarm) });
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
          if ((await access.resolveSession(sessionToken)) === undefined) break;
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
}
