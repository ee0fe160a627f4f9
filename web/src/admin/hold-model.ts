/**
 * The legal-hold form: its draft, the prefill read from the address
 * (`#/admin/holds?cameras=cam-001,cam-002&from=…&to=…&reason=…`, times as UTC ms or ISO, so the
 * recordings page and bookmarks can link to it), and the body it sends. Times are typed as
 * Italian date-times in the site's zone (`parseSiteDateTime`); an instant from the address keeps
 * its milliseconds (`,522`), so a range starting at the first recorded frame stays inside it.
 * Pure functions, tested.
 */
import { formatSiteDateTime, parseSiteDateTime } from '../time/index.ts';

/** What the hold form holds while it is edited. */
export interface HoldDraft {
  cameraIds: string[];
  /** `7/12/2026 15:27:04`, in the site's zone. */
  from: string;
  to: string;
  authority: string;
  reference: string;
  description: string;
  /** Empty: until released (then `untilReleasedReason` is needed). */
  expires: string;
  untilReleasedReason: string;
}

/** An empty hold draft. */
export const EMPTY_HOLD: HoldDraft = {
  cameraIds: [],
  from: '',
  to: '',
  authority: '',
  reference: '',
  description: '',
  expires: '',
  untilReleasedReason: '',
};

/** An instant given in the address: UTC ms, or an ISO date-time; undefined when neither. */
function instantOf(value: string | null): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const n = Number(value);
  if (/^\d+$/.test(value.trim()) && Number.isFinite(n)) return n;
  const iso = Date.parse(value);
  return Number.isNaN(iso) ? undefined : iso;
}

/** An instant as the form shows it: `7/12/2026 15:27:04`, with `,522` when it has milliseconds. */
function shown(ms: number, timeZone: string): string {
  const rest = ((Math.round(ms) % 1000) + 1000) % 1000;
  const text = formatSiteDateTime(ms, timeZone);
  return rest === 0 ? text : `${text},${String(rest).padStart(3, '0')}`;
}

/** The query part of a route parameter such as `holds?cameras=…`: its parameters. */
export function queryOf(param: string | null): URLSearchParams {
  const q = param?.indexOf('?') ?? -1;
  return new URLSearchParams(q >= 0 && param !== null ? param.slice(q + 1) : '');
}

/**
 * The draft an address asks for: `cameras` (comma-separated ids), `from`, `to` (UTC ms or ISO),
 * `reason` (the description), `reference`, `authority`. Null when it asks for nothing.
 */
export function prefillOf(query: URLSearchParams, timeZone: string): HoldDraft | null {
  const cameras = (query.get('cameras') ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  const from = instantOf(query.get('from'));
  const to = instantOf(query.get('to'));
  const reason = query.get('reason') ?? '';
  if (cameras.length === 0 && from === undefined && to === undefined && reason === '') return null;
  return {
    ...EMPTY_HOLD,
    cameraIds: cameras,
    from: from === undefined ? '' : shown(from, timeZone),
    to: to === undefined ? '' : shown(to, timeZone),
    description: reason,
    reference: query.get('reference') ?? '',
    authority: query.get('authority') ?? '',
  };
}

/** A typed time as UTC ms; the text itself when it cannot be read (the server names the field). */
function timeOf(text: string, timeZone: string): number | string {
  const ms = parseSiteDateTime(text, timeZone);
  return Number.isNaN(ms) ? text : ms;
}

/** The body of `POST /api/holds`. */
export function holdBody(d: HoldDraft, timeZone: string): Record<string, unknown> {
  const body: Record<string, unknown> = {
    cameraIds: d.cameraIds,
    fromMs: timeOf(d.from, timeZone),
    toMs: timeOf(d.to, timeZone),
    authority: d.authority,
    reference: d.reference,
    description: d.description,
    expiresMs: d.expires.trim() === '' ? null : timeOf(d.expires, timeZone),
  };
  if (d.expires.trim() === '') body['untilReleasedReason'] = d.untilReleasedReason;
  return body;
}

/** The body of an extension: a new expiry typed in the site's zone, or none (until released). */
export function extendBody(
  expires: string,
  reason: string,
  timeZone: string,
): { expiresMs: number | string | null; reason?: string } {
  return {
    expiresMs: expires.trim() === '' ? null : timeOf(expires, timeZone),
    ...(reason.trim() === '' ? {} : { reason: reason.trim() }),
  };
}
