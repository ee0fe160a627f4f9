/**
 * Pure helpers of the administration pages: date-time fields (in the site's time zone) to UTC
 * milliseconds and back,
 * the agreement form to the API's body (with the checks a person should see before sending), and
 * the look-back limit in hours.
 */
import { DEFAULT_SITE_TIME_ZONE, fromSiteInput, toSiteInput } from '../time/index.ts';

/**
 * `YYYY-MM-DDTHH:MM` in the site's time zone (what `<input type="datetime-local">` holds) for a
 * UTC ms.
 */
export function toLocalInput(ms: number, timeZone: string = DEFAULT_SITE_TIME_ZONE): string {
  return toSiteInput(ms, timeZone, 'minutes');
}

/** UTC ms for a `YYYY-MM-DDTHH:MM` field in the site's zone; null when empty or malformed. */
export function fromLocalInput(
  value: string,
  timeZone: string = DEFAULT_SITE_TIME_ZONE,
): number | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)) return null;
  const ms = fromSiteInput(value, timeZone);
  return Number.isNaN(ms) ? null : ms;
}

/** The agreement form as typed. */
export interface AgreementForm {
  granteeAgencyId: string;
  title: string;
  legalInstrument: string;
  legalInstrumentDate: string;
  validFrom: string;
  validUntil: string;
  permissions: string[];
  cameraIds: string[];
  groupIds: string[];
}

/** Why a form cannot be sent: the field and a message key suffix. */
export interface FormProblem {
  field: keyof AgreementForm;
  problem: 'required' | 'invalid' | 'order';
}

/** The API body for an agreement form, or the first problem found. */
export function agreementBody(
  f: AgreementForm,
  timeZone: string = DEFAULT_SITE_TIME_ZONE,
): { ok: true; body: Record<string, unknown> } | { ok: false; problem: FormProblem } {
  const need = (field: keyof AgreementForm, value: string) =>
    value.trim() === ''
      ? { ok: false as const, problem: { field, problem: 'required' as const } }
      : null;
  const missing =
    need('granteeAgencyId', f.granteeAgencyId) ??
    need('title', f.title) ??
    need('legalInstrument', f.legalInstrument) ??
    need('legalInstrumentDate', f.legalInstrumentDate) ??
    need('validFrom', f.validFrom);
  if (missing) return missing;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(f.legalInstrumentDate)) {
    return { ok: false, problem: { field: 'legalInstrumentDate', problem: 'invalid' } };
  }
  const from = fromLocalInput(f.validFrom, timeZone);
  if (from === null) return { ok: false, problem: { field: 'validFrom', problem: 'invalid' } };
  let until: number | null = null;
  if (f.validUntil.trim() !== '') {
    until = fromLocalInput(f.validUntil, timeZone);
    if (until === null) return { ok: false, problem: { field: 'validUntil', problem: 'invalid' } };
    if (until <= from) return { ok: false, problem: { field: 'validUntil', problem: 'order' } };
  }
  if (f.permissions.length === 0) {
    return { ok: false, problem: { field: 'permissions', problem: 'required' } };
  }
  if (f.cameraIds.length === 0 && f.groupIds.length === 0) {
    return { ok: false, problem: { field: 'cameraIds', problem: 'required' } };
  }
  return {
    ok: true,
    body: {
      granteeAgencyId: f.granteeAgencyId,
      title: f.title.trim(),
      legalInstrument: f.legalInstrument.trim(),
      legalInstrumentDate: f.legalInstrumentDate,
      validFromMs: from,
      validUntilMs: until,
      permissions: f.permissions,
      cameraIds: f.cameraIds,
      groupIds: f.groupIds,
    },
  };
}

/** Hours typed for a look-back limit → ms (null for empty: no limit); undefined when invalid. */
export function lookbackMs(hours: string): number | null | undefined {
  if (hours.trim() === '') return null;
  const h = Number(hours);
  if (!Number.isFinite(h) || h <= 0 || h > 24 * 366) return undefined;
  return Math.round(h * 3_600_000);
}

/** Toggles `value` in a list (checkbox groups). */
export function toggle<T>(list: readonly T[], value: T): T[] {
  return list.includes(value) ? list.filter((v) => v !== value) : [...list, value];
}
