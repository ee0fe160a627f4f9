/** The compliance module's service: the DPO's report at the clock's now. */
import { complianceReport, type ComplianceDeps, type ComplianceReport } from './report.ts';

/** What the compliance module offers. */
export interface ComplianceService {
  /** The report at the clock's now. */
  report(): Promise<ComplianceReport>;
}

/** Creates the compliance service. */
export function createComplianceService(deps: ComplianceDeps): ComplianceService {
  return { report: () => complianceReport(deps) };
}
