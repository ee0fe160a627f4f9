/** The export module's public entry: what other modules may use (see README.md). */
export { createExports, EXPORTS_DIR } from './create.ts';
export type { ExportService } from './export-service.ts';
export { markPackagePurged, packagesFinishedBefore } from './export-store.ts';
export { exportRoutes } from './routes.ts';
export type { ExportDb, ExportTables } from './tables.ts';
export { verifyUploadRoutes } from './verify-routes.ts';
export { verifyPackage } from './verify/verify-package.ts';
