/**
 * The HTTP application type, and the WebSocket support made with an app (the composition creates
 * the app; `startServer` attaches its WebSockets to the Node server).
 */
import type { NodeWebSocket } from '@hono/node-ws';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from './context.ts';

/** The HTTP application type. */
export type HttpApp = OpenAPIHono<AppEnv>;

const webSockets = new WeakMap<HttpApp, NodeWebSocket>();

/** Records the WebSocket support created with `app`. */
export function registerWebSockets(app: HttpApp, ws: NodeWebSocket): void {
  webSockets.set(app, ws);
}

/** The WebSocket support created with `app` (used by `startServer`). */
export function webSocketsOf(app: HttpApp): NodeWebSocket | undefined {
  return webSockets.get(app);
}
