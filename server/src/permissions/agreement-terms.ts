/**
 * Validation of an agreement's terms: who receives access, under which legal instrument, for
 * which period, with which camera permissions, over which cameras and groups. Errors name the
 * field. Pure, except for the existence checks passed in.
 */
import { invalidArgument } from '../app/index.ts';
import { CAMERA_PERMISSIONS, isCameraPermission, type CameraPermission } from './permissions.ts';

/** The terms an administrator writes. */
export interface AgreementInput {
  granteeAgencyId: string;
  title: string;
  /** Protocol or convention reference, e.g. "Protocollo d'intesa prot. 1234/2025". */
  legalInstrument: string;
  /** Date the instrument was signed, YYYY-MM-DD. */
  legalInstrumentDate: string;
  validFromMs: number;
  /** Exclusive end; null or absent for open-ended. */
  validUntilMs?: number | null | undefined;
  permissions: readonly string[];
  cameraIds?: readonly string[] | undefined;
  groupIds?: readonly string[] | undefined;
}

/** Checked terms. */
export interface AgreementTermsInput {
  granteeAgencyId: string;
  title: string;
  legalInstrument: string;
  legalInstrumentDate: string;
  validFromMs: number;
  validUntilMs: number | null;
  permissions: CameraPermission[];
  cameraIds: string[];
  groupIds: string[];
}

function isDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s);
}

/** Checks the shape and consistency of terms; existence of ids is checked by the service. */
export function checkAgreementInput(input: AgreementInput): AgreementTermsInput {
  const title = input.title.trim();
  if (title.length < 1 || title.length > 200) throw invalidArgument('title: 1 to 200 characters');
  const legalInstrument = input.legalInstrument.trim();
  if (legalInstrument.length < 1 || legalInstrument.length > 500) {
    throw invalidArgument(
      'legalInstrument: 1 to 500 characters (protocol or convention reference)',
    );
  }
  if (!isDate(input.legalInstrumentDate)) {
    throw invalidArgument('legalInstrumentDate: must be a date YYYY-MM-DD');
  }
  if (!Number.isSafeInteger(input.validFromMs) || input.validFromMs < 0) {
    throw invalidArgument('validFromMs: must be a time in UTC milliseconds');
  }
  const until = input.validUntilMs ?? null;
  if (until !== null && (!Number.isSafeInteger(until) || until <= input.validFromMs)) {
    throw invalidArgument('validUntilMs: must be after validFromMs (or null for open-ended)');
  }
  const unknown = input.permissions.filter((p) => !isCameraPermission(p));
  if (unknown.length > 0) {
    throw invalidArgument(
      `permissions: ${unknown.join(', ')} cannot be granted by agreement (only ${CAMERA_PERMISSIONS.join(', ')})`,
    );
  }
  const permissions = CAMERA_PERMISSIONS.filter((p) => input.permissions.includes(p));
  if (permissions.length === 0) throw invalidArgument('permissions: grant at least one permission');
  const cameraIds = [...new Set(input.cameraIds ?? [])];
  const groupIds = [...new Set(input.groupIds ?? [])];
  if (cameraIds.length === 0 && groupIds.length === 0) {
    throw invalidArgument('cameraIds: name at least one camera or camera group (groupIds)');
  }
  return {
    granteeAgencyId: input.granteeAgencyId,
    title,
    legalInstrument,
    legalInstrumentDate: input.legalInstrumentDate,
    validFromMs: input.validFromMs,
    validUntilMs: until,
    permissions,
    cameraIds,
    groupIds,
  };
}
