/**
 * The compliance report for the data protection officer: cameras without a sign in place,
 * register entries still incomplete, retention exceptions (over 72 hours) with their written
 * justifications, legal holds in force, the deletion runs of the last 30 days, and the
 * agreements in force with other agencies. Built from the database at one instant of the clock;
 * the web app prints it (`web/src/compliance/`).
 */
import { agreementInForce } from '../access/agreement-rules.ts';
import type { Clock } from '../app/clock.ts';
import type { Db } from '../db/database.ts';
import type { HoldService } from '../holds/hold-service.ts';
import type { LegalHold } from '../holds/schema.ts';
import { DAY_MS, isRetentionException } from '../retention/policy.ts';
import { listRuns, type RetentionRun } from '../retention/runs.ts';
import type { RegisterEntry, RegisterService } from './register.ts';

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
}

/** What the report is built from. */
export interface ComplianceDeps {
  db: Db;
  clock: Clock;
  holds: HoldService;
  register: RegisterService;
}

async function agreementsInForce(db: Db, nowMs: number): Promise<AgreementSummary[]> {
  const rows = await db
    .selectFrom('agreements as a')
    .innerJoin('agencies as g', 'g.id', 'a.grantee_agency_id')
    .selectAll('a')
    .select('g.name as grantee_name')
    .orderBy('a.valid_from_ms')
    .execute();
  const live = rows.filter((r) =>
    agreementInForce(
      { status: r.status, validFromMs: r.valid_from_ms, validUntilMs: r.valid_until_ms },
      nowMs,
    ),
  );
  if (live.length === 0) return [];
  const ids = live.map((r) => r.id);
  const [perms, cams, groups] = await Promise.all([
    db.selectFrom('agreement_permissions').selectAll().where('agreement_id', 'in', ids).execute(),
    db.selectFrom('agreement_cameras').selectAll().where('agreement_id', 'in', ids).execute(),
    db.selectFrom('agreement_groups').selectAll().where('agreement_id', 'in', ids).execute(),
  ]);
  return live.map((r) => ({
    id: r.id,
    title: r.title,
    granteeAgencyId: r.grantee_agency_id,
    granteeName: r.grantee_name,
    legalInstrument: r.legal_instrument,
    legalInstrumentDate: r.legal_instrument_date,
    validFromMs: r.valid_from_ms,
    validUntilMs: r.valid_until_ms,
    permissions: perms
      .filter((p) => p.agreement_id === r.id)
      .map((p) => p.permission)
      .sort(),
    cameraIds: cams
      .filter((c) => c.agreement_id === r.id)
      .map((c) => c.camera_id)
      .sort(),
    groupIds: groups
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
    agreementsInForce: await agreementsInForce(deps.db, now),
  };
}
