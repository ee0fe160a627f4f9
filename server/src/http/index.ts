/** The HTTP kit's public entry: context, OpenAPI helpers, error mapping, server; imports no feature module. */
export { startServer, type RunningServer, type ServerOptions } from './server.ts';
export { webSocketsOf, registerWebSockets, type HttpApp } from './http-app.ts';
export { currentPrincipal, type AppEnv } from './context.ts';
export type { HttpSettings, RouteKit } from './route-kit.ts';
export { PUBLIC_ROUTES, isPublicRoute } from './public-routes.ts';
export { errorResponses, jsonBody, jsonResponse, SESSION_COOKIE } from './openapi.ts';
export {
  clientAddress,
  clientFromForwardedFor,
  forwardedAddress,
  isAddressOrCidr,
  trustedProxies,
  DEFAULT_TRUSTED_PROXIES,
  type TrustedProxies,
} from './client-address.ts';
export { originCheck, ownOrigin, needsOriginCheck } from './origin-check.ts';
export {
  securityHeaders,
  securityHeaderValues,
  contentSecurityPolicy,
  tileImageSource,
} from './security-headers.ts';
export { actorOf } from './actor.ts';
export { errorHandler, errorResponse, validationHook } from './errors.ts';
export { documentConfig } from './openapi.ts';
export { defaultWebDist, hasWebApp, webAppHandler } from './static-web.ts';
