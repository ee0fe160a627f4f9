/**
 * `GET /api/compliance/report` (`audit.read` or `camera.manage`): the DPO's report as JSON; the
 * web app prints it.
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { authorize } from '../permissions/index.ts';
import {
  actorOf,
  errorResponses,
  jsonResponse,
  type AppEnv,
  type RouteKit,
} from '../http/index.ts';
import type { ComplianceService } from './create.ts';

const report = createRoute({
  method: 'get',
  path: '/compliance/report',
  summary:
    'Compliance report for the DPO (signage, retention exceptions, holds, deletions, agreements)',
  tags: ['compliance'],
  responses: {
    200: jsonResponse(z.record(z.string(), z.unknown()).openapi('ComplianceReport'), 'The report'),
    ...errorResponses(401, 403),
  },
});

/** What the compliance routes are built from. */
export interface ComplianceRoutesDeps extends RouteKit {
  compliance: ComplianceService;
}

/** The compliance report route. */
export function complianceRoutes(ctx: ComplianceRoutesDeps): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>();
  app.openapi(report, async (c) => {
    authorize(actorOf(c, false).principal, ['audit.read', 'camera.manage']);
    const r = await ctx.compliance.report();
    return c.json(r as unknown as Record<string, unknown>, 200);
  });
  return app;
}
