/**
 * Where every module's routes are mounted, one line each, under `/api`. A new module writes
 * `xxxRoutes(ctx): OpenAPIHono<AppEnv>` in its own folder (see `cameras/routes.ts`) and adds one
 * line here; its routes then require a session and appear in the OpenAPI document automatically.
 */
import type { OpenAPIHono } from '@hono/zod-openapi';
import { secondFactorRoutes, sessionRoutes, tokenRoutes } from '../accounts/index.ts';
import { agencyRoutes, agreementRoutes, roleRoutes, userRoutes } from '../access/index.ts';
import { auditRoutes } from '../audit/index.ts';
import { cameraGroupRoutes, cameraRoutes } from '../cameras/index.ts';
import { liveRoutes } from '../live/index.ts';
import { metricsRoutes, recordingRoutes } from '../recording/index.ts';
import { playbackRoutes, timelineDayRoutes } from '../playback/index.ts';
import { exportRoutes, verifyUploadRoutes } from '../export/index.ts';
import { holdRoutes } from '../holds/index.ts';
import {
  cameraMaskRoutes,
  maskRoutes,
  publicPrivacyRoutes,
  registerRoutes,
} from '../privacy/index.ts';
import { retentionRoutes } from '../retention/index.ts';
import type { AppEnv } from '../http/index.ts';
import { complianceRoutes } from '../compliance/index.ts';
import { bookmarkRoutes } from '../bookmarks/index.ts';
import { alarmRoutes, alarmStreamRoutes } from '../alarms/index.ts';
import { viewRoutes } from '../views/index.ts';
import { ptzRoutes } from '../ptz/index.ts';
import { displayRoutes, displayStreamRoutes } from '../displays/index.ts';
import { mapRoutes } from '../map/index.ts';
import { restreamAccountRoutes } from '../restream/index.ts';
import { healthRoutes } from './health-routes.ts';
import { siteRoutes } from './site-routes.ts';
import { cameraTestRoutes } from './camera-test-routes.ts';
import { onvifRoutes } from './onvif-routes.ts';
import type { RouteContext } from './services.ts';

/** Mounts every module's routes on `app`. */
export function mountRoutes(app: OpenAPIHono<AppEnv>, ctx: RouteContext): void {
  app.route('/api', healthRoutes(ctx));
  app.route('/api', siteRoutes(ctx));
  app.route('/api', sessionRoutes(ctx));
  app.route('/api', secondFactorRoutes(ctx));
  app.route('/api', cameraTestRoutes(ctx));
  app.route('/api', onvifRoutes(ctx));
  app.route('/api', cameraRoutes(ctx));
  app.route('/api', cameraGroupRoutes(ctx));
  app.route('/api', agencyRoutes(ctx));
  app.route('/api', userRoutes(ctx));
  app.route('/api', tokenRoutes({ ...ctx, tokens: ctx.accounts.tokens }));
  app.route('/api', restreamAccountRoutes(ctx));
  app.route('/api', roleRoutes(ctx));
  app.route('/api', agreementRoutes(ctx));
  app.route('/api', auditRoutes(ctx));
  app.route('/api', recordingRoutes(ctx));
  app.route('/api', playbackRoutes(ctx));
  app.route('/api', timelineDayRoutes(ctx));
  app.route('/api', exportRoutes({ ...ctx, key: ctx.audit.key }));
  app.route('/', verifyUploadRoutes({ ...ctx, key: ctx.audit.key }));
  app.route('/api', liveRoutes(ctx));
  app.route('/api', holdRoutes(ctx));
  app.route('/api', bookmarkRoutes(ctx));
  app.route('/api', ptzRoutes(ctx));
  app.route('/api', alarmStreamRoutes(ctx));
  app.route('/api', alarmRoutes(ctx));
  app.route('/api', viewRoutes(ctx));
  app.route('/api', displayStreamRoutes(ctx));
  app.route('/api', displayRoutes(ctx));
  app.route('/api', mapRoutes(ctx));
  app.route('/api', maskRoutes(ctx));
  app.route('/api', cameraMaskRoutes(ctx));
  app.route('/api', registerRoutes(ctx));
  app.route('/api', complianceRoutes(ctx));
  app.route('/api', retentionRoutes(ctx));
  app.route('/api', publicPrivacyRoutes(ctx));
  app.route('/', metricsRoutes(ctx));
}
