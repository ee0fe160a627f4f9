/**
 * Why the server refused a new password (`invalid_argument` naming `password`, with
 * `details.reason`: too short, too long, containing the username, too easy to guess), said in
 * the user's language.
 */
import { ApiError } from '../api/index.ts';
import type { MessageKey } from '../i18n/index.ts';
import type { Outcome } from './feedback.tsx';

const REASONS: Record<string, MessageKey> = {
  too_short: 'admin.password.too_short',
  too_long: 'admin.password.too_long',
  contains_username: 'admin.password.contains_username',
  too_weak: 'admin.password.too_weak',
};

/** The message key for a refused password, or undefined for any other failure. */
export function passwordRefusalKey(error: unknown): MessageKey | undefined {
  if (!(error instanceof ApiError) || error.kind !== 'invalid_argument') return undefined;
  const key = error.details?.['key'];
  const reason = error.details?.['reason'];
  if (key !== 'password' || typeof reason !== 'string') return undefined;
  return Object.hasOwn(REASONS, reason) ? REASONS[reason] : undefined;
}

/** The outcome to show: a refused password in the user's words, anything else unchanged. */
export function withPasswordRefusal(outcome: Outcome, t: (key: MessageKey) => string): Outcome {
  if (outcome === null || outcome.ok || !('error' in outcome)) return outcome;
  const key = passwordRefusalKey(outcome.error);
  return key === undefined ? outcome : { ok: false, message: t(key) };
}
