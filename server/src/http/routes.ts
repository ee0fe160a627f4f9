/**
 * Where every module's routes are mounted, one line each, under `/api`. A new module writes
 * `xxxRoutes(ctx): OpenAPIHono<AppEnv>` in its own folder (see `cameras/routes.ts`) and adds one
 * line here; its routes then require a session and appear in the OpenAPI document automatically.
 */
import type { OpenAPIHono } from '@hono/zod-openapi';
import { sessionRoutes } from '../accounts/routes.ts';
import { agencyRoutes } from '../access/agency-routes.ts';
import { agreementRoutes } from '../access/agreement-routes.ts';
import { roleRoutes } from '../access/role-routes.ts';
import { userRoutes } from '../access/user-routes.ts';
import { auditRoutes } from '../audit/routes.ts';
import { cameraGroupRoutes } from '../cameras/group-routes.ts';
import { cameraRoutes } from '../cameras/routes.ts';
import { liveRoutes } from '../live/routes.ts';
import { metricsRoutes } from '../recording/metrics-route.ts';
import { recordingRoutes } from '../recording/routes.ts';
import { playbackRoutes } from '../playback/routes.ts';
import { exportRoutes } from '../export/routes.ts';
import { verifyUploadRoutes } from '../export/verify-route.ts';
import { holdRoutes } from '../holds/routes.ts';
import { maskRoutes } from '../privacy/mask-routes.ts';
import { publicPrivacyRoutes } from '../privacy/public-routes.ts';
import { registerRoutes } from '../privacy/register-routes.ts';
import { retentionRoutes } from '../retention/routes.ts';
import type { AppEnv } from './context.ts';
import { healthRoutes } from './health-routes.ts';
import type { RouteContext } from './services.ts';

/** Mounts every module's routes on `app`. */
export function mountRoutes(app: OpenAPIHono<AppEnv>, ctx: RouteContext): void {
  app.route('/api', healthRoutes(ctx));
  app.route('/api', sessionRoutes(ctx));
  app.route('/api', cameraRoutes(ctx));
  app.route('/api', cameraGroupRoutes(ctx));
  app.route('/api', agencyRoutes(ctx));
  app.route('/api', userRoutes(ctx));
  app.route('/api', roleRoutes(ctx));
  app.route('/api', agreementRoutes(ctx));
  app.route('/api', auditRoutes(ctx));
  app.route('/api', recordingRoutes(ctx));
  app.route('/api', playbackRoutes(ctx));
  app.route('/api', exportRoutes({ ...ctx, key: ctx.audit.key }));
  app.route('/', verifyUploadRoutes({ ...ctx, key: ctx.audit.key }));
  app.route('/api', liveRoutes(ctx));
  app.route('/api', holdRoutes(ctx));
  app.route('/api', maskRoutes(ctx));
  app.route('/api', registerRoutes(ctx));
  app.route('/api', retentionRoutes(ctx));
  app.route('/api', publicPrivacyRoutes(ctx));
  app.route('/', metricsRoutes(ctx));
}
