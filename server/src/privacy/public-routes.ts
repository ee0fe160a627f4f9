/**
 * The public page's API, answered without a session (listed in `http/public-routes.ts`):
 * `GET /api/public/cameras` and `GET /api/public/notice`. Each answer holds only the register's
 * public fields (`public.ts`); the notice also the fingerprint of the key that signs evidence
 * packages, for recipients to pin.
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv, RouteKit } from '../http/index.ts';
import { errorResponses, jsonResponse } from '../http/index.ts';
import type { PrivacyServices } from './create.ts';
import { publicCameraSchema, publicNoticeSchema } from './public.ts';

/** The routes, as `METHOD /path`, for the list of routes that need no session. */
export const PUBLIC_PRIVACY_ROUTES = ['GET /api/public/cameras', 'GET /api/public/notice'] as const;

const tags = ['public'];
const cameras = createRoute({
  method: 'get',
  path: '/public/cameras',
  summary: 'Where the cameras are and why (public, no session)',
  tags,
  security: [],
  responses: {
    200: jsonResponse(
      z.object({ cameras: z.array(publicCameraSchema) }).openapi('PublicCameraList'),
      'Cameras',
    ),
    ...errorResponses(500),
  },
});
const notice = createRoute({
  method: 'get',
  path: '/public/notice',
  summary:
    "The privacy notice (second information layer) and the export signing key's fingerprint (public, no session)",
  tags,
  security: [],
  responses: { 200: jsonResponse(publicNoticeSchema, 'The notice'), ...errorResponses(500) },
});

/** What these routes are built from: the HTTP kit and the services they use. */
export interface PrivacyPublicRoutesDeps extends RouteKit {
  privacy: PrivacyServices;
}

/** The public routes of the privacy module. */
export function publicPrivacyRoutes(ctx: PrivacyPublicRoutesDeps): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>();
  app.openapi(cameras, async (c) => {
    c.header('Cache-Control', 'public, max-age=60');
    return c.json({ cameras: await ctx.privacy.publicCameras() }, 200);
  });
  app.openapi(notice, async (c) => {
    c.header('Cache-Control', 'public, max-age=60');
    return c.json(await ctx.privacy.publicNotice(), 200);
  });
  return app;
}
