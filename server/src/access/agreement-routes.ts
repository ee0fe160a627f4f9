/**
 * Agreement routes, all with `agreement.manage` (owner agency): `GET/POST /api/agreements`,
 * `GET/PUT /api/agreements/{id}`, and `POST /api/agreements/{id}/suspend|resume|revoke`.
 * Suspension and revocation take effect at once: open streams of the agency are notified.
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import {
  currentPrincipal,
  type AppEnv,
  errorResponses,
  jsonBody,
  jsonResponse,
  actorOf,
} from '../http/index.ts';
import type { RouteKit } from '../http/index.ts';
import type { AccessService } from './create.ts';
import { authorize } from '../permissions/index.ts';
import { agreementInputSchema, agreementSchema, statusReasonSchema } from './api-shapes.ts';

const tags = ['agreements'];
const idParam = z.object({
  id: z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name: 'id', in: 'path' } }),
});
const listQuery = z.object({
  granteeAgencyId: z
    .string()
    .min(1)
    .max(64)
    .optional()
    .openapi({ param: { name: 'granteeAgencyId', in: 'query' } }),
});

const list = createRoute({
  method: 'get',
  path: '/agreements',
  summary: 'List agreements',
  tags,
  request: { query: listQuery },
  responses: {
    200: jsonResponse(
      z.object({ agreements: z.array(agreementSchema) }).openapi('AgreementList'),
      'Agreements',
    ),
    ...errorResponses(400, 401, 403),
  },
});
const create = createRoute({
  method: 'post',
  path: '/agreements',
  summary: 'Create an agreement granting an agency cameras and permissions',
  tags,
  request: { body: jsonBody(agreementInputSchema, 'The terms') },
  responses: {
    201: jsonResponse(agreementSchema, 'Created'),
    ...errorResponses(400, 401, 403, 413),
  },
});
const get = createRoute({
  method: 'get',
  path: '/agreements/{id}',
  summary: 'One agreement',
  tags,
  request: { params: idParam },
  responses: {
    200: jsonResponse(agreementSchema, 'The agreement'),
    ...errorResponses(400, 401, 403, 404),
  },
});
const replace = createRoute({
  method: 'put',
  path: '/agreements/{id}',
  summary: 'Replace the terms of an agreement (not once revoked)',
  tags,
  request: { params: idParam, body: jsonBody(agreementInputSchema, 'The terms') },
  responses: {
    200: jsonResponse(agreementSchema, 'Changed'),
    ...errorResponses(400, 401, 403, 404, 409, 413),
  },
});

function reasonRoute(action: 'suspend' | 'revoke', summary: string) {
  return createRoute({
    method: 'post',
    path: `/agreements/{id}/${action}`,
    summary,
    tags,
    request: { params: idParam, body: jsonBody(statusReasonSchema, 'Why') },
    responses: {
      200: jsonResponse(agreementSchema, 'Changed'),
      ...errorResponses(400, 401, 403, 404, 409, 413),
    },
  });
}

const resume = createRoute({
  method: 'post',
  path: '/agreements/{id}/resume',
  summary: 'Resume a suspended agreement',
  tags,
  request: { params: idParam },
  responses: {
    200: jsonResponse(agreementSchema, 'Changed'),
    ...errorResponses(400, 401, 403, 404, 409),
  },
});

/** What these routes are built from: the HTTP kit and the services they use. */
export interface AccessAgreementRoutesDeps extends RouteKit {
  access: AccessService;
}

/** The agreement routes. */
export function agreementRoutes(ctx: AccessAgreementRoutesDeps): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>();
  const agreements = ctx.access.agreements;
  const actor = (c: Parameters<typeof actorOf>[0]) => actorOf(c, ctx.http.trustProxy);
  app.openapi(list, async (c) => {
    authorize(currentPrincipal(c), 'agreement.manage');
    return c.json({ agreements: await agreements.list(c.req.valid('query')) }, 200);
  });
  app.openapi(create, async (c) => {
    authorize(currentPrincipal(c), 'agreement.manage');
    return c.json(await agreements.create(actor(c), c.req.valid('json')), 201);
  });
  app.openapi(get, async (c) => {
    const { id } = c.req.valid('param');
    authorize(currentPrincipal(c), 'agreement.manage', { kind: 'agreement', id });
    return c.json(await agreements.get(id), 200);
  });
  app.openapi(replace, async (c) => {
    const { id } = c.req.valid('param');
    authorize(currentPrincipal(c), 'agreement.manage', { kind: 'agreement', id });
    return c.json(await agreements.update(actor(c), id, c.req.valid('json')), 200);
  });
  app.openapi(reasonRoute('suspend', 'Suspend an agreement at once'), async (c) => {
    const { id } = c.req.valid('param');
    authorize(currentPrincipal(c), 'agreement.manage', { kind: 'agreement', id });
    return c.json(await agreements.suspend(actor(c), id, c.req.valid('json').reason), 200);
  });
  app.openapi(resume, async (c) => {
    const { id } = c.req.valid('param');
    authorize(currentPrincipal(c), 'agreement.manage', { kind: 'agreement', id });
    return c.json(await agreements.resume(actor(c), id), 200);
  });
  app.openapi(reasonRoute('revoke', 'Revoke an agreement at once, for good'), async (c) => {
    const { id } = c.req.valid('param');
    authorize(currentPrincipal(c), 'agreement.manage', { kind: 'agreement', id });
    return c.json(await agreements.revoke(actor(c), id, c.req.valid('json').reason), 200);
  });
  return app;
}
