/** The auditor's page (`#/audit`). */
export { AuditPage } from './audit-page.tsx';
