/**
 * The composition's public entry: what `main.ts`, the `vedetta` command and tests use to start
 * Vedetta or build its services. No module imports it.
 */
export { startVedetta, httpSettingsOf, VERSION, type StartOptions, type Vedetta } from './start.ts';
export { createServices, type Services, type ServiceDeps, type RouteContext } from './services.ts';
export { createHttpApp } from './http-app.ts';
export { mountRoutes } from './routes.ts';
export type { Schema, VedettaDb } from './schema.ts';
