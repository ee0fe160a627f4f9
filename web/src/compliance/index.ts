/** The compliance report page (DPO). */
export { CompliancePage } from './compliance-page.tsx';
export { formatBytes, type ComplianceReport } from './compliance-api.ts';
