/** The views module's public entry (see README.md). */
export { createViews, type ViewService, type ViewServiceDeps } from './create.ts';
export { viewRoutes } from './routes.ts';
export type { View } from './api-shapes.ts';
export { LAYOUTS, tileCountOf, type Layout } from './layouts.ts';
export type { ViewsDb, ViewTables } from './tables.ts';
