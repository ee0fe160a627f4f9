/**
 * Builds the HTTP application: error handling, body size limit, the session check on every
 * non-public `/api/` route, the module routes, the OpenAPI document at `/api/openapi.json`, and
 * the web app at `/`. Tests call `app.request(...)` on it directly, without a socket.
 */
import { createNodeWebSocket, type NodeWebSocket } from '@hono/node-ws';
import { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { AppError, notFound } from '../app/errors.ts';
import type { AppEnv } from './context.ts';
import { errorHandler, errorResponse, validationHook } from './errors.ts';
import { documentConfig, SESSION_COOKIE } from './openapi.ts';
import { mountRoutes } from './routes.ts';
import type { HttpSettings, Services } from './services.ts';
import { sessionMiddleware } from './session-middleware.ts';
import { auditDenials } from '../audit/denial-middleware.ts';
import { hasWebApp, webAppHandler } from './static-web.ts';

/** The HTTP application type. */
export type HttpApp = OpenAPIHono<AppEnv>;

const webSockets = new WeakMap<HttpApp, NodeWebSocket>();

/** The WebSocket support created with `app` (used by `startServer`). */
export function webSocketsOf(app: HttpApp): NodeWebSocket | undefined {
  return webSockets.get(app);
}

/** Creates the HTTP application for the given services. */
export function createHttpApp(services: Services, settings: HttpSettings): HttpApp {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  const ws = createNodeWebSocket({ app });
  webSockets.set(app, ws);
  const logger = services.logger.child({ module: 'http' });

  app.onError(errorHandler(logger));
  app.use('*', async (c, next) => {
    const started = performance.now();
    await next();
    const ms = Math.round(performance.now() - started);
    const line = { method: c.req.method, path: c.req.path, status: c.res.status, ms };
    if (c.res.status >= 500) logger.warn(line, 'request');
    else logger.debug(line, 'request');
  });
  app.use(
    '/api/*',
    bodyLimit({
      maxSize: settings.maxBodyBytes,
      onError: () => {
        throw new AppError(
          'payload_too_large',
          `request body is larger than ${settings.maxBodyBytes} bytes`,
          { maxBytes: settings.maxBodyBytes },
        );
      },
    }),
  );
  app.use('/api/*', sessionMiddleware(services.accounts.sessions));
  app.use('/api/*', auditDenials(services.audit, settings.trustProxy, logger));

  mountRoutes(app, { ...services, http: settings, upgradeWebSocket: ws.upgradeWebSocket });

  app.openAPIRegistry.registerComponent('securitySchemes', 'session', {
    type: 'apiKey',
    in: 'cookie',
    name: SESSION_COOKIE,
  });
  app.doc('/api/openapi.json', documentConfig(settings.version));
  app.all('/api/*', (c) => errorResponse(c, notFound(`${c.req.method} ${c.req.path}`)));
  if (settings.webDist !== null && hasWebApp(settings.webDist)) {
    app.get('*', webAppHandler(settings.webDist));
  }
  app.notFound((c) => errorResponse(c, notFound(c.req.path)));
  return app;
}
