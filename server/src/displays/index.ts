/** The displays module's public entry (see README.md). */
export {
  createDisplays,
  type DisplayService,
  type DisplayServiceDeps,
  type DisplayListener,
} from './create.ts';
export { displayRoutes } from './routes.ts';
export { displayStreamRoutes } from './stream-routes.ts';
export { displayAccessLoader, type AccessLoader } from './display-access.ts';
export { displayGuard, displayMayCall } from './guard.ts';
export type { Display, DisplayContent } from './api-shapes.ts';
export type { DisplaysDb, DisplayTables } from './tables.ts';
