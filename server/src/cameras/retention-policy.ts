/**
 * The retention rules, in one place: how long each purpose may keep recordings, when a written
 * justification is needed, and when a recording is due for deletion. The camera registry's
 * schema calls `retentionIssues` (so that every way of changing a camera is checked), the sweeper
 * calls `retentionCutoffMs`, and the compliance report lists the exceptions these rules define.
 *
 * Sources: D.L. 11/2009 art. 6 c. 8 (urban security: at most 7 days, then automatic deletion);
 * Garante Privacy, provision of 8 April 2010, §3.4 (retention beyond 24-72 hours only for
 * specific, stated needs).
 */
import { invalidArgument } from '../app/index.ts';

/** Purposes a camera may serve (the registry's `purpose`). */
export const PURPOSES = ['urban_security', 'traffic', 'waste'] as const;
/** One purpose. */
export type Purpose = (typeof PURPOSES)[number];

/** One day, ms. */
export const DAY_MS = 86_400_000;
/** Longest retention allowed for urban-security cameras (D.L. 11/2009 art. 6 c. 8). */
export const URBAN_SECURITY_MAX_RETENTION_DAYS = 7;
/** Retention above which a written justification is required (72 hours). */
export const JUSTIFICATION_ABOVE_DAYS = 3;
/** Longest retention the registry accepts for any purpose (with a justification). */
export const ABSOLUTE_MAX_RETENTION_DAYS = 365;

/** Retention given to a new camera that names none, per purpose (config `retention.defaultDays`). */
export const DEFAULT_RETENTION_DAYS: Readonly<Record<Purpose, number>> = {
  urban_security: 3,
  traffic: 2,
  waste: 2,
};

/** The hard cap of a purpose, in days (only urban security has one set by law). */
export function maxRetentionDays(purpose: string): number {
  return purpose === 'urban_security'
    ? URBAN_SECURITY_MAX_RETENTION_DAYS
    : ABSOLUTE_MAX_RETENTION_DAYS;
}

/** The retention fields of a camera, as the rules see them. */
export interface RetentionFields {
  purpose: string;
  retentionDays: number;
  retentionJustification: string | null;
}

/** One broken rule: the camera field and what is wrong with it. */
export interface RetentionIssue {
  path: 'retentionDays' | 'retentionJustification';
  message: string;
}

/** Every retention rule the fields break (empty when they are lawful). */
export function retentionIssues(c: RetentionFields): RetentionIssue[] {
  const issues: RetentionIssue[] = [];
  const max = maxRetentionDays(c.purpose);
  if (c.purpose === 'urban_security' && c.retentionDays > max) {
    issues.push({
      path: 'retentionDays',
      message:
        `must be at most ${max} days for urban_security cameras (D.L. 11/2009 art. 6 c. 8); ` +
        `${c.retentionDays} refused. Only a legal hold keeps footage longer`,
    });
  }
  const justification = c.retentionJustification?.trim() ?? '';
  if (c.retentionDays > JUSTIFICATION_ABOVE_DAYS && justification === '') {
    issues.push({
      path: 'retentionJustification',
      message: `is required when retentionDays is over ${JUSTIFICATION_ABOVE_DAYS} (72 hours)`,
    });
  }
  return issues;
}

/** Throws `invalid_argument` naming every broken rule, e.g. for a CLI or an import. */
export function checkRetention(c: RetentionFields): void {
  const issues = retentionIssues(c);
  if (issues.length === 0) return;
  const text = issues.map((i) => `${i.path}: ${i.message}`).join('; ');
  throw invalidArgument(`invalid retention: ${text}`, { issues });
}

/** True when the retention is an exception the DPO must see (over 72 hours). */
export function isRetentionException(c: RetentionFields): boolean {
  return c.retentionDays > JUSTIFICATION_ABOVE_DAYS;
}

/**
 * The deletion cut-off at `nowMs` for a retention of `days`: a segment whose end is at or before
 * it is past retention. Days are fixed 24-hour periods (UTC milliseconds; no calendar days, so
 * that a daylight-saving change never keeps footage an hour longer).
 */
export function retentionCutoffMs(nowMs: number, days: number): number {
  return nowMs - days * DAY_MS;
}
