/**
 * Helpers that keep route definitions short and the OpenAPI document uniform: the error schema,
 * JSON bodies and responses, and the document's header. The document itself is generated from
 * the route definitions (`createRoute`), so it cannot drift from what the server does.
 */
import { z } from '@hono/zod-openapi';
import type { ZodType } from 'zod';

/** Name of the session cookie. */
export const SESSION_COOKIE = 'vedetta_session';

/** The error body schema, registered as the `Error` component. */
export const errorSchema = z
  .object({
    error: z.object({
      kind: z.enum([
        'not_found',
        'permission_denied',
        'unauthenticated',
        'invalid_argument',
        'failed_precondition',
        'already_exists',
        'resource_exhausted',
        'payload_too_large',
        'unavailable',
        'internal',
      ]),
      message: z.string(),
      details: z.record(z.string(), z.unknown()).optional(),
    }),
  })
  .openapi('Error');

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid request (the message names each bad key)',
  401: 'No valid session',
  403: 'Permission denied',
  404: 'Not found',
  409: 'Conflict with the current state (already exists, precondition failed)',
  413: 'Request body too large',
  429: 'Too many attempts',
  503: 'Unavailable',
};

/** Error responses for a route: 401 is always included on session routes. */
export function errorResponses(...statuses: number[]) {
  const out: Record<
    number,
    { description: string; content: { 'application/json': { schema: typeof errorSchema } } }
  > = {};
  for (const s of statuses) {
    out[s] = {
      description: ERROR_DESCRIPTIONS[s] ?? 'Error',
      content: { 'application/json': { schema: errorSchema } },
    };
  }
  return out;
}

/** A required JSON request body. */
export function jsonBody<T extends ZodType>(schema: T, description: string) {
  return { required: true, description, content: { 'application/json': { schema } } };
}

/** A JSON response. */
export function jsonResponse<T extends ZodType>(schema: T, description: string) {
  return { description, content: { 'application/json': { schema } } };
}

/**
 * Security requirement of routes that need a session or an API token (the default of the
 * document): either one.
 */
export const SESSION_SECURITY: Record<string, string[]>[] = [{ session: [] }, { token: [] }];

/** The document's header: title, version, and the session cookie as the security scheme. */
export function documentConfig(version: string) {
  return {
    openapi: '3.0.3',
    info: {
      title: 'Vedetta API',
      version,
      description:
        'The HTTP API of Vedetta. Every route needs a session cookie except those marked ' +
        'with an empty security list (health, this document, login).',
    },
    security: SESSION_SECURITY,
  };
}
