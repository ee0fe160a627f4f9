/**
 * One audit entry and its canonical encoding. The hash of entry n covers every field of entry n
 * and the hash of entry n-1, so that changing, deleting, inserting or reordering any entry breaks
 * the chain from that point on. The encoding is a JSON array in a fixed field order, tagged with
 * a version, so that it is unambiguous and stable across databases and releases.
 */
import { hash as oneShotHash } from 'node:crypto';

/** Whether the action was allowed (`granted`) or refused (`denied`). */
export type AuditOutcome = 'granted' | 'denied';

/** The previous hash of the first entry in a chain. */
export const GENESIS_HASH = '0'.repeat(64);

/** The tag that starts every canonical entry; changes only with a new encoding. */
export const ENTRY_ENCODING = 'vedetta-audit-entry-v1';

/** What an entry says, before it is placed in the chain. */
export interface AuditEntryContent {
  /** UTC milliseconds since the epoch when the action happened. */
  readonly timeMs: number;
  /** The acting user's id; null for an anonymous caller (e.g. a failed login). */
  readonly userId: string | null;
  /** The acting user's name as given (kept for failed logins of unknown names). */
  readonly username: string | null;
  /** The acting user's agency id. */
  readonly agencyId: string | null;
  /** The network address the request came from. */
  readonly sourceAddress: string | null;
  /** Dotted action name, e.g. `playback.view`, `session.login`, `agreement.revoke`. */
  readonly action: string;
  /** The camera concerned, when there is one. */
  readonly cameraId: string | null;
  /** Another resource concerned, as `kind:id` (e.g. `agreement:4`, `user:12`). */
  readonly resource: string | null;
  /** Start of the recorded range concerned (playback, export, hold), UTC ms. */
  readonly fromMs: number | null;
  /** End of the recorded range concerned, UTC ms. */
  readonly toMs: number | null;
  readonly outcome: AuditOutcome;
  /** The reason given by the user, or why access was denied. */
  readonly reason: string | null;
  /** The case reference (judicial-police file number) given for playback or export. */
  readonly caseReference: string | null;
  /** Further details as canonical JSON text (sorted keys), or null. */
  readonly details: string | null;
}

/** An entry in the chain. */
export interface AuditEntry extends AuditEntryContent {
  /** Position in the chain, 1-based, without gaps. */
  readonly seq: number;
  /** Hash of the previous entry (lowercase hex SHA-256), GENESIS_HASH for the first. */
  readonly prevHash: string;
  /** Lowercase hex SHA-256 of this entry's canonical encoding. */
  readonly hash: string;
}

/** The canonical text of an entry: what its hash is computed over. */
export function canonicalEntryText(seq: number, c: AuditEntryContent, prevHash: string): string {
  return JSON.stringify([
    ENTRY_ENCODING,
    seq,
    c.timeMs,
    c.userId,
    c.username,
    c.agencyId,
    c.sourceAddress,
    c.action,
    c.cameraId,
    c.resource,
    c.fromMs,
    c.toMs,
    c.outcome,
    c.reason,
    c.caseReference,
    c.details,
    prevHash,
  ]);
}

/** The hash of an entry at `seq` with the given content and previous hash. */
export function entryHash(seq: number, c: AuditEntryContent, prevHash: string): string {
  return oneShotHash('sha256', canonicalEntryText(seq, c, prevHash), 'hex');
}

/** Canonical JSON: object keys sorted at every level, no whitespace; undefined members dropped. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const v = (value as Record<string, unknown>)[key];
    if (v !== undefined) out[key] = sortKeys(v);
  }
  return out;
}
