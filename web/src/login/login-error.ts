/**
 * The message a failed sign-in shows. Wrong username and wrong password read the same, so the
 * page never tells which of the two was wrong.
 */
import { ApiError } from '../api/index.ts';
import type { I18n } from '../i18n/index.ts';

/** The translated message for an error thrown by `api.login`. */
export function loginErrorMessage(t: I18n['t'], error: unknown): string {
  if (!(error instanceof ApiError)) return t('login.error.other', { status: '?' });
  if (error.status === 0) return t('login.error.unreachable');
  if (error.status === 401 || error.status === 403) return t('login.error.credentials');
  if (error.status === 429) {
    return error.retryAfterSeconds === undefined
      ? t('login.error.rateLimited')
      : t('login.error.rateLimitedSeconds', { seconds: error.retryAfterSeconds });
  }
  return t('login.error.other', { status: error.status });
}
