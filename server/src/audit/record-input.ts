/**
 * What modules pass to `audit.record(...)`, and how it becomes an entry's content: ids become
 * text, details become canonical JSON, and malformed input is refused with a message naming the
 * field, so that nothing ambiguous ever enters the chain.
 */
import type { Actor } from '../permissions/index.ts';
import { invalidArgument } from '../app/index.ts';
import { canonicalJson, type AuditEntryContent, type AuditOutcome } from './entry.ts';

/** Who acted. Ids may be numbers or strings; they are stored as text. */
export interface AuditPrincipal {
  readonly userId: string | number;
  readonly username?: string | null;
  readonly agencyId?: string | number | null;
}

/** One thing to write into the audit trail. */
export interface AuditRecordInput {
  /** Dotted lower-case action name, e.g. `live.start`; see `AUDIT_ACTIONS`. */
  readonly action: string;
  readonly outcome: AuditOutcome;
  /** The acting user; omitted or null for an anonymous caller. */
  readonly principal?: AuditPrincipal | null;
  /** The name an anonymous caller gave (a failed login), when there is no principal. */
  readonly username?: string | null;
  /** The caller's network address. */
  readonly sourceAddress?: string | null;
  readonly cameraId?: string | number | null;
  /** Another resource as `kind:id`, e.g. `agreement:3`. */
  readonly resource?: string | null;
  /** Recorded range concerned, UTC ms. */
  readonly fromMs?: number | null;
  readonly toMs?: number | null;
  /** Reason given by the user, or the reason for a denial. */
  readonly reason?: string | null;
  /** Case reference given for playback or export. */
  readonly caseReference?: string | null;
  /** Anything else worth keeping; stored as canonical JSON. */
  readonly details?: Record<string, unknown> | null;
}

const ACTION_RE = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/;
const MAX_TEXT = 2000;
const MAX_DETAILS = 16_000;

function text(field: string, v: string | number | null | undefined, max = 200): string | null {
  if (v === undefined || v === null) return null;
  const s = String(v);
  if (s.length > max) throw invalidArgument(`audit ${field}: longer than ${max} characters`);
  return s;
}

function time(field: string, v: number | null | undefined): number | null {
  if (v === undefined || v === null) return null;
  if (!Number.isSafeInteger(v))
    throw invalidArgument(`audit ${field}: must be an integer (UTC ms)`);
  return v;
}

/** Turns a record request into entry content at `timeMs`; throws invalid_argument naming the field. */
export function toEntryContent(input: AuditRecordInput, timeMs: number): AuditEntryContent {
  if (!ACTION_RE.test(input.action)) {
    throw invalidArgument(`audit action: '${input.action}' is not a dotted lower-case name`);
  }
  if (input.outcome !== 'granted' && input.outcome !== 'denied') {
    throw invalidArgument(`audit outcome: must be 'granted' or 'denied'`);
  }
  const fromMs = time('fromMs', input.fromMs);
  const toMs = time('toMs', input.toMs);
  if (fromMs !== null && toMs !== null && toMs < fromMs) {
    throw invalidArgument('audit toMs: must not be before fromMs');
  }
  const details =
    input.details === undefined || input.details === null ? null : canonicalJson(input.details);
  if (details !== null && details.length > MAX_DETAILS) {
    throw invalidArgument(`audit details: longer than ${MAX_DETAILS} characters`);
  }
  const p = input.principal ?? null;
  return {
    timeMs,
    userId: p ? String(p.userId) : null,
    username: text('username', p?.username ?? input.username),
    agencyId: text('agencyId', p?.agencyId),
    sourceAddress: text('sourceAddress', input.sourceAddress),
    action: input.action,
    cameraId: text('cameraId', input.cameraId),
    resource: text('resource', input.resource),
    fromMs,
    toMs,
    outcome: input.outcome,
    reason: text('reason', input.reason, MAX_TEXT),
    caseReference: text('caseReference', input.caseReference),
    details,
  };
}

/** The audit trail's view of who acts (user, username, agency). */
export function auditPrincipalOf(actor: Actor): AuditPrincipal {
  const p = actor.principal;
  return { userId: p.userId, username: p.username, agencyId: p.agencyId };
}
