/**
 * Builds the HTTP application: error handling, security headers on every response, the Origin
 * check (CSRF, cross-site WebSocket hijacking), body size limit, the session check on every
 * non-public `/api/` route, the module routes, the OpenAPI document at `/api/openapi.json`, and
 * the web app at `/`. Tests call `app.request(...)` on it directly, without a socket.
 */
import { createNodeWebSocket } from '@hono/node-ws';
import { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { AppError, notFound } from '../app/index.ts';
import type { AppEnv, HttpSettings } from '../http/index.ts';
import {
  errorHandler,
  errorResponse,
  validationHook,
  documentConfig,
  SESSION_COOKIE,
  hasWebApp,
  webAppHandler,
  registerWebSockets,
  originCheck,
  securityHeaders,
  trustedProxies,
  DEFAULT_TRUSTED_PROXIES,
  type HttpApp,
} from '../http/index.ts';
import { mountRoutes } from './routes.ts';
import type { Services } from './services.ts';
import { secondFactorGuard, sessionMiddleware, tokenMiddleware } from '../accounts/index.ts';
import { auditDenials } from '../audit/index.ts';
import { displayGuard } from '../displays/index.ts';

/** Creates the HTTP application for the given services. */
export function createHttpApp(services: Services, settings: HttpSettings): HttpApp {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  const ws = createNodeWebSocket({ app });
  registerWebSockets(app, ws);
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
  app.use('*', securityHeaders(settings));
  const proxies = trustedProxies(settings.trustedProxies ?? DEFAULT_TRUSTED_PROXIES);
  app.use('*', async (c, next) => {
    c.set('trustedProxies', proxies);
    await next();
  });
  // Before every route, WebSocket upgrades (live video) included: they are GETs served by the
  // routes below, so a middleware on `*` sees them first.
  app.use('*', originCheck(settings, logger));
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
  app.use(
    '/api/*',
    tokenMiddleware({
      tokens: services.accounts.tokens,
      audit: services.audit,
      trustProxy: settings.trustProxy,
      logger,
    }),
  );
  app.use('/api/*', sessionMiddleware(services.accounts.sessions));
  // A session that lacks a required second factor may only enrol one.
  app.use('/api/*', secondFactorGuard(services.accounts.secondFactor));
  app.use(
    '/api/*',
    auditDenials({
      audit: services.audit,
      trustProxy: settings.trustProxy,
      logger,
      clock: services.clock,
    }),
  );

  // A wall display's account may call only what a display needs (audited refusal otherwise).
  app.use('/api/*', displayGuard());

  mountRoutes(app, { ...services, http: settings, upgradeWebSocket: ws.upgradeWebSocket });

  app.openAPIRegistry.registerComponent('securitySchemes', 'session', {
    type: 'apiKey',
    in: 'cookie',
    name: SESSION_COOKIE,
  });
  // Programs: `Authorization: Bearer vdt_…` (design/identity.md).
  app.openAPIRegistry.registerComponent('securitySchemes', 'token', {
    type: 'http',
    scheme: 'bearer',
    description: 'An API token (`vdt_…`) made in Administration → Token API',
  });
  app.doc('/api/openapi.json', documentConfig(settings.version));
  app.all('/api/*', (c) => errorResponse(c, notFound(`${c.req.method} ${c.req.path}`)));
  if (settings.webDist !== null && hasWebApp(settings.webDist)) {
    app.get('*', webAppHandler(settings.webDist));
  }
  app.notFound((c) => errorResponse(c, notFound(c.req.path)));
  return app;
}
