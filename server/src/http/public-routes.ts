/**
 * The only API routes that answer without a session. Every other `/api/` route requires one;
 * a test enumerates the routes to prove it.
 */

/** `METHOD /path` of each public API route. */
export const PUBLIC_ROUTES: readonly string[] = [
  'GET /api/health',
  'GET /api/site',
  'GET /api/openapi.json',
  'POST /api/session',
  'POST /api/session/second-factor',
  'GET /api/public/cameras',
  'GET /api/public/notice',
];

/** True when a request to `method path` needs no session. */
export function isPublicRoute(method: string, path: string): boolean {
  const normalized = path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
  return PUBLIC_ROUTES.includes(`${method.toUpperCase()} ${normalized}`);
}
