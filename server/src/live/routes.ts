/**
 * Every live route, mounted under `/api` by the HTTP layer: the stream token, the MSE WebSocket,
 * and WebRTC signalling. (The alarm feed's events reach the browser through the alarm console,
 * `alarms/`, which the composition feeds from `LiveService.alarms`.)
 */
import type { NodeWebSocket } from '@hono/node-ws';
import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../http/index.ts';
import type { LiveService } from './live-service.ts';
import { mseRoutes } from './mse-routes.ts';
import { tokenRoutes } from './token-routes.ts';
import { webrtcRoutes } from './webrtc-routes.ts';

/** What the live routes need from the HTTP layer. */
export interface LiveRouteContext {
  live: LiveService;
  upgradeWebSocket: NodeWebSocket['upgradeWebSocket'];
  http: { trustProxy: boolean };
}

/** The live routes. */
export function liveRoutes(ctx: LiveRouteContext): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>();
  const trustProxy = ctx.http.trustProxy;
  app.route('/', tokenRoutes(ctx.live, trustProxy));
  app.route('/', mseRoutes(ctx.live, ctx.upgradeWebSocket, trustProxy));
  app.route('/', webrtcRoutes(ctx.live, ctx.live.webrtc, trustProxy));
  return app;
}
