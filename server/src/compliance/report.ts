/**
 * The compliance report for the data protection officer: cameras without a sign in place,
 * register entries still incomplete, retention exceptions (over 72 hours) with their written
 * justifications, legal holds in force, the deletion runs of the last 30 days, the agreements
 * in force with other agencies, and the cameras allowed to send their password in clear (Basic
 * authentication over plain RTSP). Built from the database at one instant of the clock;
 * the web app prints it (`web/src/compliance/`).
 */
import { agreementsInForce, grantsOf, type AccessTables } from '../access/index.ts';
import type { AgencyService } from '../accounts/index.ts';
import type { Clock } from '../app/index.ts';
import type { Db } from '../db/index.ts';
import type { RetentionTables } from '../retention/index.ts';
import type { HoldService, LegalHold } from '../holds/index.ts';
import { DAY_MS, isRetentionException } from '../cameras/index.ts';
import { listRuns, type RetentionRun } from '../retention/index.ts';
import type { RegisterEntry, RegisterService } from '../privacy/index.ts';

/** An agreement in force, as the report lists it. */
export interface AgreementSummary {
  id: string;
  title: string;
  granteeAgencyId: string;
  granteeName: string;
  legalInstrument: string;
  legalInstrumentDate: string;
  validFromMs: number;
  validUntilMs: number | null;
  permissions: string[];
  cameraIds: string[];
  groupIds: string[];
}

/** The report. */
export interface ComplianceReport {
  generatedMs: number;
  /** Start of the window of deletion runs (30 days before `generatedMs`). */
  runsSinceMs: number;
  cameraCount: number;
  camerasWithoutSignage: Pick<RegisterEntry, 'cameraId' | 'name' | 'location' | 'signage'>[];
  registerIncomplete: { cameraId: string; name: string; missing: string[] }[];
  retentionExceptions: Pick<
    RegisterEntry,
    'cameraId' | 'name' | 'purpose' | 'retentionDays' | 'retentionJustification'
  >[];
  activeHolds: LegalHold[];
  deletionRuns: RetentionRun[];
  deletionTotals: { runs: number; failed: number; segments: number; bytes: number };
  agreementsInForce: AgreementSummary[];
  /** Cameras allowed to send Basic credentials over plain rtsp:// (password in clear): a warning. */
  basicOverPlainRtsp: Pick<RegisterEntry, 'cameraId' | 'name' | 'location'>[];
}

/** What the report is built from. */
export interface ComplianceDeps {
  /** Handed to access (agreements) and retention (runs); the report queries no table itself. */
  db: Db<AccessTables & RetentionTables>;
  /** The agencies, for the grantees' names. */
  agencies: Pick<AgencyService, 'list'>;
  clock: Clock;
  holds: HoldService;
  register: RegisterService;
}

async function agreementSummaries(
  deps: ComplianceDeps,
  nowMs: number,
): Promise<AgreementSummary[]> {
  const live = await agreementsInForce(deps.db, nowMs);
  if (live.length === 0) return [];
  const [grants, agencies] = await Promise.all([
    grantsOf(
      deps.db,
      live.map((r) => r.id),
    ),
    deps.agencies.list(),
  ]);
  const nameOf = new Map(agencies.map((a) => [a.id, a.name]));
  return live.map((r) => ({
    id: r.id,
    title: r.title,
    granteeAgencyId: r.grantee_agency_id,
    granteeName: nameOf.get(r.grantee_agency_id) ?? '',
    legalInstrument: r.legal_instrument,
    legalInstrumentDate: r.legal_instrument_date,
    validFromMs: r.valid_from_ms,
    validUntilMs: r.valid_until_ms,
    permissions: grants.permissions
      .filter((p) => p.agreement_id === r.id)
      .map((p) => p.permission)
      .sort(),
    cameraIds: grants.cameras
      .filter((c) => c.agreement_id === r.id)
      .map((c) => c.camera_id)
      .sort(),
    groupIds: grants.groups
      .filter((g) => g.agreement_id === r.id)
      .map((g) => g.group_id)
      .sort(),
  }));
}

/** Builds the report at the clock's now. */
export async function complianceReport(deps: ComplianceDeps): Promise<ComplianceReport> {
  const now = deps.clock.nowMs();
  const since = now - 30 * DAY_MS;
  const entries = await deps.register.list();
  const runs = await listRuns(deps.db, since);
  return {
    generatedMs: now,
    runsSinceMs: since,
    cameraCount: entries.length,
    camerasWithoutSignage: entries
      .filter((e) => e.signage.status !== 'placed')
      .map((e) => ({
        cameraId: e.cameraId,
        name: e.name,
        location: e.location,
        signage: e.signage,
      })),
    registerIncomplete: entries.flatMap((e) => {
      const missing = [
        ...(e.legalBasisIsDefault ? ['legalBasis'] : []),
        ...(e.signage.status === 'placed' && e.signage.photoRef === null
          ? ['signagePhotoRef']
          : []),
        ...(e.fieldOfViewNotes === '' ? ['fieldOfViewNotes'] : []),
      ];
      return missing.length > 0 ? [{ cameraId: e.cameraId, name: e.name, missing }] : [];
    }),
    retentionExceptions: entries
      .filter((e) => isRetentionException(e))
      .map((e) => ({
        cameraId: e.cameraId,
        name: e.name,
        purpose: e.purpose,
        retentionDays: e.retentionDays,
        retentionJustification: e.retentionJustification,
      })),
    activeHolds: await deps.holds.activeHolds(),
    deletionRuns: runs,
    deletionTotals: {
      runs: runs.length,
      failed: runs.filter((r) => r.state === 'failed' || r.state === 'interrupted').length,
      segments: runs.reduce((n, r) => n + r.segmentsDeleted, 0),
      bytes: runs.reduce((n, r) => n + r.bytesDeleted, 0),
    },
    agreementsInForce: await agreementSummaries(deps, now),
    basicOverPlainRtsp: entries
      .filter((e) => e.basicOverPlainRtspAllowed)
      .map((e) => ({ cameraId: e.cameraId, name: e.name, location: e.location })),
  };
}
