/**
 * Alarm console routes: `GET /api/alarms?state=&camera=&priority=&from=&to=&q=&offset=&limit=`
 * (history, what the caller may see), `POST /api/alarms` (an operator's report),
 * `GET /api/alarms/{id}`, `POST /api/alarms/{id}/acknowledge|assign|comments|close`, and
 * `GET /api/alarms/assignees`. The service checks access and audits every change. Reading takes
 * `live.view`, `alarm.handle` or `audit.read`; changing takes `alarm.handle`.
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { invalidArgument } from '../app/index.ts';
import {
  actorOf,
  currentPrincipal,
  type AppEnv,
  errorResponses,
  jsonBody,
  jsonResponse,
  type RouteKit,
} from '../http/index.ts';
import { authorize, type PermissionRequirement } from '../permissions/index.ts';
import {
  alarmAssignSchema,
  alarmCloseSchema,
  alarmCommentSchema,
  alarmDetailSchema,
  alarmReportSchema,
  alarmSchema,
  assigneeSchema,
} from './api-shapes.ts';
import type { AlarmService } from './create.ts';

const tags = ['alarms'];
const query = (name: string) => ({ param: { name, in: 'query' as const } });
const idParam = z.object({
  id: z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name: 'id', in: 'path' } }),
});
const listQuery = z.object({
  state: z
    .enum(['open', 'new', 'acknowledged', 'closed', 'all'])
    .optional()
    .openapi({ ...query('state'), description: '`open` (new or acknowledged) by default' }),
  camera: z
    .string()
    .min(1)
    .max(64 * 16)
    .optional()
    .openapi({ ...query('camera'), description: 'Camera ids, comma-separated' }),
  priority: z.enum(['high', 'medium', 'low']).optional().openapi(query('priority')),
  from: z.iso.datetime({ offset: true }).optional().openapi(query('from')),
  to: z.iso.datetime({ offset: true }).optional().openapi(query('to')),
  q: z
    .string()
    .max(200)
    .optional()
    .openapi({ ...query('q'), description: 'Text in the message, the kind or the reporter' }),
  offset: z.coerce.number().int().min(0).max(10_000).optional().openapi(query('offset')),
  limit: z.coerce.number().int().min(1).max(500).optional().openapi(query('limit')),
});
const listSchema = z
  .object({ alarms: z.array(alarmSchema), more: z.boolean() })
  .openapi('AlarmList');

const changeResponses = {
  200: jsonResponse(alarmDetailSchema, 'The alarm'),
  ...errorResponses(400, 401, 403, 404, 409, 503),
};
const action = (path: string, summary: string) =>
  createRoute({
    method: 'post',
    path: `/alarms/{id}/${path}`,
    summary,
    tags,
    request: { params: idParam },
    responses: changeResponses,
  });
const bodyAction = <T extends z.ZodType>(path: string, summary: string, body: T) =>
  createRoute({
    method: 'post',
    path: `/alarms/{id}/${path}`,
    summary,
    tags,
    request: { params: idParam, body: jsonBody(body, 'The request') },
    responses: changeResponses,
  });

const list = createRoute({
  method: 'get',
  path: '/alarms',
  summary: 'Alarms you may see, latest first (history: filter by state, camera, time, text)',
  tags,
  request: { query: listQuery },
  responses: { 200: jsonResponse(listSchema, 'The alarms'), ...errorResponses(400, 401, 403) },
});
const report = createRoute({
  method: 'post',
  path: '/alarms',
  summary: "An operator's report (segnalazione) on a camera at a moment (alarm.handle; audited)",
  tags,
  request: { body: jsonBody(alarmReportSchema, 'The report') },
  responses: {
    201: jsonResponse(alarmDetailSchema, 'The alarm raised'),
    ...errorResponses(400, 401, 403, 404, 503),
  },
});
const assignees = createRoute({
  method: 'get',
  path: '/alarms/assignees',
  summary: 'The active users of your agency, to assign an alarm to (alarm.handle)',
  tags,
  responses: {
    200: jsonResponse(z.object({ users: z.array(assigneeSchema) }), 'The users'),
    ...errorResponses(401, 403),
  },
});
const get = createRoute({
  method: 'get',
  path: '/alarms/{id}',
  summary: 'One alarm with its comments',
  tags,
  request: { params: idParam },
  responses: {
    200: jsonResponse(alarmDetailSchema, 'The alarm'),
    ...errorResponses(401, 403, 404),
  },
});
const acknowledge = action('acknowledge', 'Acknowledge a new alarm (alarm.handle; audited)');
const assign = bodyAction(
  'assign',
  'Assign an alarm to a user of your agency, or to nobody (alarm.handle; audited)',
  alarmAssignSchema,
);
const comment = bodyAction(
  'comments',
  'Comment on an open alarm (alarm.handle; audited)',
  alarmCommentSchema,
);
const close = bodyAction(
  'close',
  'Close an alarm, once a system condition has cleared (alarm.handle; audited)',
  alarmCloseSchema,
);

/** Reading alarms takes any one of these. */
export const ALARM_READ: PermissionRequirement = ['live.view', 'alarm.handle', 'audit.read'];

/** What these routes are built from: the HTTP kit and the alarm service. */
export interface AlarmRoutesDeps extends RouteKit {
  alarms: AlarmService;
}

/** The alarm console routes (the event stream is in `stream-routes.ts`). */
export function alarmRoutes(ctx: AlarmRoutesDeps): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>();
  const { alarms } = ctx;
  // Who may read no alarm at all (or handle none) is refused before anything is looked up.
  const actor = (c: Context<AppEnv>, required: PermissionRequirement) => {
    authorize(currentPrincipal(c), required);
    return actorOf(c, ctx.http.trustProxy);
  };

  app.openapi(list, async (c) => {
    const q = c.req.valid('query');
    const cameraIds = q.camera
      ?.split(',')
      .map((s) => s.trim())
      .filter((s) => s !== '');
    const fromMs = q.from !== undefined ? Date.parse(q.from) : undefined;
    const toMs = q.to !== undefined ? Date.parse(q.to) : undefined;
    if (fromMs !== undefined && toMs !== undefined && toMs < fromMs) {
      throw invalidArgument("invalid query: to: must not be before 'from'");
    }
    const page = await alarms.list(
      actor(c, ALARM_READ),
      { state: q.state ?? 'open', cameraIds, priority: q.priority, fromMs, toMs, text: q.q },
      {
        ...(q.offset !== undefined ? { offset: q.offset } : {}),
        ...(q.limit ? { limit: q.limit } : {}),
      },
    );
    return c.json(page, 200);
  });
  app.openapi(report, async (c) =>
    c.json(await alarms.report(actor(c, 'alarm.handle'), c.req.valid('json')), 201),
  );
  app.openapi(assignees, async (c) =>
    c.json({ users: await alarms.assignees(actor(c, 'alarm.handle')) }, 200),
  );
  app.openapi(get, async (c) =>
    c.json(await alarms.get(actor(c, ALARM_READ), c.req.valid('param').id), 200),
  );
  app.openapi(acknowledge, async (c) =>
    c.json(await alarms.acknowledge(actor(c, 'alarm.handle'), c.req.valid('param').id), 200),
  );
  app.openapi(assign, async (c) => {
    const who = actor(c, 'alarm.handle');
    return c.json(await alarms.assign(who, c.req.valid('param').id, c.req.valid('json')), 200);
  });
  app.openapi(comment, async (c) => {
    const who = actor(c, 'alarm.handle');
    return c.json(await alarms.comment(who, c.req.valid('param').id, c.req.valid('json')), 200);
  });
  app.openapi(close, async (c) => {
    const who = actor(c, 'alarm.handle');
    return c.json(await alarms.close(who, c.req.valid('param').id, c.req.valid('json')), 200);
  });
  return app;
}
