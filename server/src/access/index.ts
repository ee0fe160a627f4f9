/** The access module's public entry (see README.md). */
export { agreementsInForce, grantsOf, type AgreementGrants } from './agreements-in-force.ts';
export type { AccessTables, AccessDb } from './tables.ts';
export { type AccessService, createAccessService } from './create.ts';
export { agencyRoutes } from './agency-routes.ts';
export { agreementRoutes } from './agreement-routes.ts';
export {
  loadAgreementsInForce,
  loadPrincipalAccess,
  loadRole,
  type PrincipalAccessDbs,
} from './principal-access.ts';
export { roleRoutes } from './role-routes.ts';
export { userRoutes } from './user-routes.ts';
