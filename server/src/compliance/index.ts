/** The compliance module's public entry (see README.md). */
export { createComplianceService, type ComplianceService } from './create.ts';
export { complianceRoutes, type ComplianceRoutesDeps } from './routes.ts';
export type { ComplianceReport, ComplianceDeps, AgreementSummary } from './report.ts';
