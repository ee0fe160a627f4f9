/**
 * The auditor's filter: what the form holds, and the query string of `GET /api/audit` and
 * `GET /api/audit/export` it becomes. Pure.
 */
import { fromLocalInput } from '../admin/index.ts';

/** The filter form as typed; empty strings mean "any". */
export interface AuditFilterForm {
  username: string;
  agencyId: string;
  cameraId: string;
  action: string;
  outcome: '' | 'granted' | 'denied';
  /** Local date-time fields (`YYYY-MM-DDTHH:MM`). */
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

/** The query parameters of a filter (times as UTC ms). Malformed times are left out. */
export function filterParams(f: AuditFilterForm): URLSearchParams {
  const p = new URLSearchParams();
  const set = (key: string, value: string) => {
    if (value.trim() !== '') p.set(key, value.trim());
  };
  set('username', f.username);
  set('agencyId', f.agencyId);
  set('cameraId', f.cameraId);
  set('action', f.action);
  set('outcome', f.outcome);
  const from = fromLocalInput(f.from);
  const to = fromLocalInput(f.to);
  if (from !== null) p.set('fromMs', String(from));
  if (to !== null) p.set('toMs', String(to));
  return p;
}

/** The path of one page of entries. */
export function pagePath(f: AuditFilterForm, beforeSeq: number | null, limit = 100): string {
  const p = filterParams(f);
  p.set('limit', String(limit));
  if (beforeSeq !== null) p.set('beforeSeq', String(beforeSeq));
  return `/api/audit?${p.toString()}`;
}

/** The download address of an export of the filtered entries. */
export function exportPath(f: AuditFilterForm, format: 'csv' | 'json'): string {
  const p = filterParams(f);
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
