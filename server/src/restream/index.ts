/** The re-stream module's public entry (see README.md). */
export {
  createRestream,
  type OpenSource,
  type RestreamAddresses,
  type RestreamDeps,
  type RestreamService,
} from './create.ts';
export type { RestreamSessionInfo } from './rtsp-listener.ts';
export {
  SERVICE_ACCOUNT_NAME,
  type NewServiceAccount,
  type ServiceAccount,
  type ServiceAccounts,
} from './service-accounts.ts';
export type { RestreamDb, RestreamTables } from './tables.ts';
export { restreamAccountRoutes, type RestreamAccountRoutesDeps } from './account-routes.ts';
