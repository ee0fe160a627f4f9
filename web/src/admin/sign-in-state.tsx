/**
 * How an account's sign-in stands, for its administrators: slowed after failed logins (until
 * when) or being guessed at; and whether "Unlock sign-in" applies.
 */
import { useI18n } from '../i18n/index.ts';
import { useSiteTime } from '../time/index.ts';
import type { User } from './admin-types.ts';

/** True when the account has waits running or is being guessed at: unlocking means something. */
export function signInHeld(u: User): boolean {
  return u.signIn.delayedUntilMs !== null || u.signIn.guessed;
}

/** A short note on the account's failed logins; nothing when sign-in is not held back. */
export function SignInNote({ user }: { user: User }) {
  const { t } = useI18n();
  const { time } = useSiteTime();
  if (!signInHeld(user)) return null;
  const { failedAttempts: count, delayedUntilMs } = user.signIn;
  return (
    <div className="admin-signin-note" role="note">
      {delayedUntilMs !== null
        ? t('admin.user.signInDelayed', { time: time(delayedUntilMs), count })
        : t('admin.user.signInGuessed', { count })}
    </div>
  );
}
