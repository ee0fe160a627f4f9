/**
 * The auditor's filter: what the form holds, and the query string of `GET /api/audit` and
 * `GET /api/audit/export` it becomes (the times typed are read in the site's time zone). Pure.
 */
import { DEFAULT_SITE_TIME_ZONE, fromSiteInput } from '../time/index.ts';

/** The filter form as typed; empty strings mean "any". */
export interface AuditFilterForm {
  username: string;
  agencyId: string;
  cameraId: string;
  action: string;
  outcome: '' | 'granted' | 'denied';
  /** Date-time fields (`YYYY-MM-DDTHH:MM`) in the site's time zone. */
  from: string;
  to: string;
}

/** An empty filter. */
export const EMPTY_FILTER: AuditFilterForm = {
  username: '',
  agencyId: '',
  cameraId: '',
  action: '',
  outcome: '',
  from: '',
  to: '',
};

/**
 * The query parameters of a filter (times, read in `timeZone`, as UTC ms). Malformed times are
 * left out.
 */
export function filterParams(
  f: AuditFilterForm,
  timeZone: string = DEFAULT_SITE_TIME_ZONE,
): URLSearchParams {
  const p = new URLSearchParams();
  const set = (key: string, value: string) => {
    if (value.trim() !== '') p.set(key, value.trim());
  };
  set('username', f.username);
  set('agencyId', f.agencyId);
  set('cameraId', f.cameraId);
  set('action', f.action);
  set('outcome', f.outcome);
  const from = fromSiteInput(f.from, timeZone);
  const to = fromSiteInput(f.to, timeZone);
  if (!Number.isNaN(from)) p.set('fromMs', String(from));
  if (!Number.isNaN(to)) p.set('toMs', String(to));
  return p;
}

/** The path of one page of entries. */
export function pagePath(
  f: AuditFilterForm,
  beforeSeq: number | null,
  limit = 100,
  timeZone: string = DEFAULT_SITE_TIME_ZONE,
): string {
  const p = filterParams(f, timeZone);
  p.set('limit', String(limit));
  if (beforeSeq !== null) p.set('beforeSeq', String(beforeSeq));
  return `/api/audit?${p.toString()}`;
}

/** The download address of an export of the filtered entries. */
export function exportPath(
  f: AuditFilterForm,
  format: 'csv' | 'json',
  timeZone: string = DEFAULT_SITE_TIME_ZONE,
): string {
  const p = filterParams(f, timeZone);
  p.set('format', format);
  return `/api/audit/export?${p.toString()}`;
}

/** The details column (canonical JSON text) as short `key: value` text. */
export function detailsText(details: string | null): string {
  if (details === null) return '';
  try {
    const value = JSON.parse(details) as unknown;
    if (value === null || typeof value !== 'object') return details;
    return Object.entries(value)
      .map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`)
      .join('; ');
  } catch {
    return details;
  }
}
