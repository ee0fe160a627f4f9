/**
 * Calls of the alarm console's API (`/api/alarms`), thin typed functions over the app's one
 * request function; failures are `ApiError`s. Times are UTC ms.
 */
import { apiRequest } from '../api/index.ts';

/** How urgent an alarm is. */
export type AlarmPriority = 'high' | 'medium' | 'low';
/** Where an alarm stands. */
export type AlarmState = 'new' | 'acknowledged' | 'closed';

/** An alarm as the server shows it. */
export interface Alarm {
  id: string;
  /** `camera_offline`, `recording_gap`, `disk_pressure`, `login_guessing`, `operator_report`, ... */
  kind: string;
  priority: AlarmPriority;
  source: 'system' | 'operator' | 'camera';
  state: AlarmState;
  cameraIds: string[];
  message: string;
  params: Record<string, string | number>;
  /** The moment it is about: replay starts here. */
  eventMs: number;
  raisedMs: number;
  raisedBy: string | null;
  occurrences: number;
  /** When the system's condition ended; null while it holds. */
  clearedMs: number | null;
  acknowledgedMs: number | null;
  acknowledgedBy: string | null;
  assignee: { id: string; name: string } | null;
  closedMs: number | null;
  closedBy: string | null;
  updatedMs: number;
  commentCount: number;
  /** Whether the signed-in user may acknowledge, assign, comment and close it. */
  handleable: boolean;
}

/** One comment. */
export interface AlarmComment {
  id: string;
  authorName: string;
  atMs: number;
  text: string;
}

/** An alarm with its comments. */
export interface AlarmDetail extends Alarm {
  comments: AlarmComment[];
}

/** Someone to assign to. */
export interface Assignee {
  id: string;
  username: string;
  displayName: string;
}

/** What a listing asks for. */
export interface AlarmQuery {
  state: 'open' | 'all';
  text?: string;
  /** Only alarms on these cameras. */
  cameraIds?: readonly string[];
  /** Only alarms of this time range (UTC ms). */
  fromMs?: number;
  toMs?: number;
}

/** The alarms the user may see, latest first. */
export async function listAlarms(q: AlarmQuery, signal?: AbortSignal): Promise<Alarm[]> {
  const p = new URLSearchParams({ state: q.state, limit: '500' });
  if (q.text !== undefined && q.text.trim() !== '') p.set('q', q.text.trim());
  if (q.cameraIds !== undefined && q.cameraIds.length > 0) p.set('camera', q.cameraIds.join(','));
  if (q.fromMs !== undefined) p.set('from', new Date(q.fromMs).toISOString());
  if (q.toMs !== undefined) p.set('to', new Date(q.toMs).toISOString());
  return (await apiRequest<{ alarms: Alarm[] }>('GET', `/api/alarms?${p.toString()}`, { signal }))
    .alarms;
}

/** One alarm with its comments. */
export function getAlarm(id: string, signal?: AbortSignal): Promise<AlarmDetail> {
  return apiRequest<AlarmDetail>('GET', `/api/alarms/${encodeURIComponent(id)}`, { signal });
}

/** An operator's report (segnalazione). */
export function reportAlarm(input: {
  cameraId: string;
  atMs: number;
  note: string;
  priority: AlarmPriority;
}): Promise<AlarmDetail> {
  return apiRequest<AlarmDetail>('POST', '/api/alarms', { body: input });
}

const post = (id: string, action: string, body: unknown = {}) =>
  apiRequest<AlarmDetail>('POST', `/api/alarms/${encodeURIComponent(id)}/${action}`, { body });

/** Acknowledges a new alarm. */
export const acknowledgeAlarm = (id: string) => post(id, 'acknowledge');
/** Assigns to a user of one's agency, or to nobody. */
export const assignAlarm = (id: string, userId: string | null) => post(id, 'assign', { userId });
/** Comments on an open alarm. */
export const commentAlarm = (id: string, text: string) => post(id, 'comments', { text });
/** Closes an alarm, with an optional note. */
export const closeAlarm = (id: string, note?: string) =>
  post(id, 'close', note !== undefined && note.trim() !== '' ? { note } : {});

/** The users of one's agency, to assign to. */
export async function listAssignees(signal?: AbortSignal): Promise<Assignee[]> {
  return (await apiRequest<{ users: Assignee[] }>('GET', '/api/alarms/assignees', { signal }))
    .users;
}
