/**
 * Audit routes, all with `audit.read` (a partner agency's auditor reads only their own agency's
 * entries): `GET /api/audit` (filtered, newest first, paginated), `GET /api/audit/export?format=
 * csv|json` (the JSON is signed with the installation key), `GET /api/audit/verification` (walks
 * the whole chain). Reading the first page, exporting and verifying are themselves audited.
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { authorize, type Grant } from '../permissions/index.ts';
import {
  clientAddress,
  currentPrincipal,
  type AppEnv,
  errorResponses,
  jsonResponse,
} from '../http/index.ts';
import type { RouteKit } from '../http/index.ts';
import type { Clock } from '../app/index.ts';
import type { AuditService } from './create.ts';
import type { AuditFilter } from './query.ts';
import { MAX_PAGE } from './query.ts';

const tags = ['audit'];
const q = (name: string) => ({ param: { name, in: 'query' as const } });
const time = z.coerce.number().int().min(0);

const filterQuery = {
  userId: z.string().min(1).max(64).optional().openapi(q('userId')),
  username: z.string().min(1).max(200).optional().openapi(q('username')),
  agencyId: z.string().min(1).max(64).optional().openapi(q('agencyId')),
  cameraId: z.string().min(1).max(64).optional().openapi(q('cameraId')),
  action: z.string().min(1).max(64).optional().openapi(q('action')),
  outcome: z.enum(['granted', 'denied']).optional().openapi(q('outcome')),
  fromMs: time.optional().openapi(q('fromMs')),
  toMs: time.optional().openapi(q('toMs')),
  recordedFromMs: time.optional().openapi({
    ...q('recordedFromMs'),
    description: 'Entries whose recorded range (fromMs..toMs) reaches this instant or later',
  }),
  recordedToMs: time.optional().openapi({
    ...q('recordedToMs'),
    description: 'Entries whose recorded range starts before this instant',
  }),
};

const entrySchema = z
  .object({
    seq: z.number().int(),
    timeMs: z.number().int(),
    userId: z.string().nullable(),
    username: z.string().nullable(),
    agencyId: z.string().nullable(),
    sourceAddress: z.string().nullable(),
    action: z.string(),
    cameraId: z.string().nullable(),
    resource: z.string().nullable(),
    fromMs: z.number().int().nullable(),
    toMs: z.number().int().nullable(),
    outcome: z.enum(['granted', 'denied']),
    reason: z.string().nullable(),
    caseReference: z.string().nullable(),
    details: z.string().nullable(),
    prevHash: z.string(),
    hash: z.string(),
  })
  .openapi('AuditEntry');

const list = createRoute({
  method: 'get',
  path: '/audit',
  summary: 'Read the audit trail, newest first',
  tags,
  request: {
    query: z.object({
      ...filterQuery,
      beforeSeq: z.coerce.number().int().min(1).optional().openapi(q('beforeSeq')),
      limit: z.coerce.number().int().min(1).max(MAX_PAGE).optional().openapi(q('limit')),
    }),
  },
  responses: {
    200: jsonResponse(
      z
        .object({ entries: z.array(entrySchema), nextBeforeSeq: z.number().int().nullable() })
        .openapi('AuditPage'),
      'A page of entries and where the next starts',
    ),
    ...errorResponses(400, 401, 403),
  },
});

const exportRoute = createRoute({
  method: 'get',
  path: '/audit/export',
  summary: 'Export the filtered audit trail as CSV or as JSON signed with the installation key',
  tags,
  request: {
    query: z.object({ ...filterQuery, format: z.enum(['csv', 'json']).openapi(q('format')) }),
  },
  responses: {
    200: {
      description: 'The export, as an attachment',
      content: {
        'text/csv': { schema: z.string() },
        'application/json': { schema: z.object({}).passthrough().openapi('SignedAuditExport') },
      },
    },
    ...errorResponses(400, 401, 403),
  },
});

const verification = createRoute({
  method: 'get',
  path: '/audit/verification',
  summary: 'Verify the whole chain and its signed checkpoints now',
  tags,
  responses: {
    200: jsonResponse(
      z
        .object({
          ok: z.boolean(),
          entries: z.number().int(),
          checkpoints: z.number().int(),
          lastSeq: z.number().int(),
          lastCheckpointSeq: z.number().int(),
          unsealedEntries: z.number().int(),
          firstBreak: z
            .object({ seq: z.number().int(), kind: z.string(), message: z.string() })
            .optional(),
        })
        .openapi('AuditVerification'),
      'The verification report',
    ),
    ...errorResponses(401, 403),
  },
});

/** The filter a caller may use: partner auditors are held to their own agency. */
function scoped(c: Context<AppEnv>, grant: Grant, f: AuditFilter): AuditFilter {
  return grant.scope === 'installation' ? f : { ...f, agencyId: currentPrincipal(c).agencyId };
}

/** What these routes are built from: the HTTP kit and the services they use. */
export interface AuditRoutesDeps extends RouteKit {
  clock: Clock;
  audit: AuditService;
}

/** The audit routes. */
export function auditRoutes(ctx: AuditRoutesDeps): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>();
  const { audit } = ctx;
  const note = (c: Context<AppEnv>, action: string, details: Record<string, unknown>) =>
    audit.record({
      action,
      outcome: 'granted',
      principal: currentPrincipal(c),
      sourceAddress: clientAddress(c, ctx.http.trustProxy),
      details,
    });

  app.openapi(list, async (c) => {
    const grant = authorize(currentPrincipal(c), 'audit.read');
    const { beforeSeq, limit, ...f } = c.req.valid('query');
    const filter = scoped(c, grant, f);
    if (beforeSeq === undefined) await note(c, 'audit.read', { filter });
    return c.json(await audit.query(filter, { beforeSeq, limit }), 200);
  });

  app.openapi(exportRoute, async (c) => {
    const principal = currentPrincipal(c);
    const grant = authorize(principal, 'audit.read');
    const { format, ...f } = c.req.valid('query');
    const filter = scoped(c, grant, f);
    await note(c, 'audit.export', { filter, format });
    const stamp = new Date(ctx.clock.nowMs()).toISOString().replace(/[:.]/g, '-');
    const disposition = `attachment; filename="vedetta-audit-${stamp}.${format}"`;
    if (format === 'csv') {
      return c.body(await audit.exportCsv(filter), 200, {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': disposition,
      });
    }
    const doc = await audit.exportSigned(filter, {
      userId: principal.userId,
      username: principal.username,
      agencyId: principal.agencyId,
    });
    return c.body(JSON.stringify(doc, null, 2), 200, {
      'content-type': 'application/json; charset=utf-8',
      'content-disposition': disposition,
    });
  });

  app.openapi(verification, async (c) => {
    authorize(currentPrincipal(c), 'audit.read');
    const report = await audit.verify();
    await note(c, 'audit.verify', { ok: report.ok, lastSeq: report.lastSeq });
    const { lastHash: _lastHash, ...body } = report;
    return c.json(body, 200);
  });
  return app;
}
