/** The HTTP module's public entry. */
export { createHttpApp, webSocketsOf, type HttpApp } from './app.ts';
export { startServer, type RunningServer, type ServerOptions } from './server.ts';
export { currentPrincipal, type AppEnv } from './context.ts';
export type { Services, HttpSettings, RouteContext } from './services.ts';
export { PUBLIC_ROUTES, isPublicRoute } from './public-routes.ts';
export { errorResponses, jsonBody, jsonResponse, SESSION_COOKIE } from './openapi.ts';
export { clientAddress } from './client-address.ts';
