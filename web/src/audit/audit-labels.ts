/**
 * The audit trail's codes in words: action names (`agency.delete` → "Ente eliminato") and the
 * reasons of refusals (`role_lacks_permission` → "Il ruolo non ha il permesso"). A code this
 * client has no words for is shown as it is, so nothing is hidden.
 */
import { labelOf } from '../i18n/index.ts';
import type { MessageKey } from '../i18n/index.ts';
// One list for server and web: the server's own (a pure module with no imports).
import { AUDIT_ACTIONS } from '../../../server/src/audit/actions.ts';

/**
 * Actions the server records that `AUDIT_ACTIONS` (the ones offered as filters) does not list
 * (yet): downloads, mask restores, paused recording, retention runs.
 */
export const OTHER_RECORDED_ACTIONS = [
  'export.download',
  'mask.restore',
  'recording.pause',
  'retention.run',
] as const;

/** Every action the page has words for and offers as a filter, the server's list first. */
export const LABELLED_ACTIONS: readonly string[] = [
  ...new Set<string>([...AUDIT_ACTIONS, ...OTHER_RECORDED_ACTIONS]),
];

/**
 * Why the server refused: the access decision's reasons (`DenyReason` in
 * server/src/permissions/decide.ts) and `not_owner` (another user's or agency's resource,
 * server/src/audit/denial-middleware.ts). A copy: the web may not import the server's access
 * code; `audit-labels.test.ts` compares it with the server's source.
 */
export const DENY_REASONS = [
  'role_lacks_permission',
  'agency_lacks_right',
  'lookback_exceeded',
  'owner_agency_only',
  'not_a_camera_permission',
  'camera_permission_needs_camera',
  'not_owner',
] as const;

/** One reason of a refusal. */
export type DenyReason = (typeof DENY_REASONS)[number];

/**
 * Why a live view ended (`live.stop` entries): a copy of `StopReason` in
 * server/src/live/live-viewers.ts, compared with it by `audit-labels.test.ts`.
 */
export const LIVE_STOP_REASONS = [
  'client_closed',
  'session_ended',
  'permission_revoked',
  'server_shutdown',
  'error',
] as const;

type T = (key: MessageKey) => string;

/**
 * The label of an action: its own words, else (a refusal is recorded under the permission asked
 * for, e.g. `camera.manage`) the permission's, else the code itself.
 */
export function actionLabel(t: T, action: string): string {
  return labelOf(t, `audit.action.${action}`, labelOf(t, `perm.${action}`, action));
}

/** Whether a reason is one of the refusal codes. */
export function isDenyReason(reason: string): reason is DenyReason {
  return (DENY_REASONS as readonly string[]).includes(reason);
}

/** How a person signed in (`session.login`'s `method`, server/src/accounts/login.ts). */
export const LOGIN_METHODS = ['password', 'password+totp', 'password+recovery'] as const;

/**
 * The details of an entry in words where the page knows them: a sign-in's method
 * ("Metodo di accesso: password e codice dell'app"); otherwise `key: value; …` as recorded.
 */
export function detailsLabel(
  t: T,
  action: string,
  details: string | null,
  plain: (details: string | null) => string,
): string {
  if (action === 'session.login' && details !== null) {
    try {
      const method = (JSON.parse(details) as { method?: unknown }).method;
      if (typeof method === 'string' && (LOGIN_METHODS as readonly string[]).includes(method)) {
        return `${t('audit.loginMethod')}: ${t(`audit.loginMethod.${method}` as MessageKey)}`;
      }
    } catch {
      // Not JSON: shown as recorded.
    }
  }
  return plain(details);
}

/**
 * The words of a reason code: a refusal's, or why a live view ended (for `live.stop` entries);
 * any other reason (a person's justification) as written.
 */
export function reasonLabel(t: T, reason: string, action?: string): string {
  if (isDenyReason(reason)) return labelOf(t, `audit.reason.${reason}`, reason);
  if (action === 'live.stop' && (LIVE_STOP_REASONS as readonly string[]).includes(reason)) {
    return labelOf(t, `audit.stop.${reason}`, reason);
  }
  return reason;
}
