/**
 * `GET /api/site`: what the web app needs to know about the installation before and after
 * sign-in, public: the site's time zone (`site.timeZone`), in which every page writes dates and
 * times whatever the browser's own zone.
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { DEFAULT_TIME_ZONE } from '../app/index.ts';
import type { AppEnv, HttpSettings } from '../http/index.ts';
import { jsonResponse } from '../http/index.ts';

const siteSchema = z
  .object({
    timeZone: z.string().openapi({ description: 'IANA time zone, e.g. Europe/Rome' }),
  })
  .openapi('Site');

const site = createRoute({
  method: 'get',
  path: '/site',
  summary: "The installation's time zone",
  tags: ['system'],
  security: [],
  responses: { 200: jsonResponse(siteSchema, 'The site settings the web app uses') },
});

/** The site routes. */
export function siteRoutes(ctx: { http: Pick<HttpSettings, 'timeZone'> }): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>();
  app.openapi(site, (c) => c.json({ timeZone: ctx.http.timeZone ?? DEFAULT_TIME_ZONE }, 200));
  return app;
}
