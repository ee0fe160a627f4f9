/** The audit module's public entry: what other modules may use (see README.md). */
export type { AuditRecorder } from './audit-log.ts';
export { auditDenials } from './denial-middleware.ts';
export type { AuditEntry } from './entry.ts';
export { checkJustification } from './justification.ts';
export type { AuditPrincipal, AuditRecordInput } from './record-input.ts';
export { auditPrincipalOf } from './record-input.ts';
export { auditRoutes } from './routes.ts';
export { type AuditService, createAuditService } from './create.ts';
export { AUDIT_WITNESS_FILE } from './witness-file.ts';
export { readWitnessFile, type WitnessContent } from './witness-read.ts';
export type { AuditTables } from './tables.ts';
export { verifySqliteFile, verifyStoredChain } from './verify-store.ts';
export type { AuditVerifyReport } from './verify.ts';
