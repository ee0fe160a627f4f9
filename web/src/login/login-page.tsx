/**
 * The sign-in page: username and password, with clear messages when sign-in fails; for an account
 * with a second factor, then its code (`second-factor-form.tsx`).
 */
import { useId, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { useApi } from '../api/index.ts';
import type { SessionUser } from '../api/index.ts';
import { LanguageSwitch, useI18n } from '../i18n/index.ts';
import { loginErrorMessage } from './login-error.ts';
import { SecondFactorForm } from './second-factor-form.tsx';
import './totp.css';

/** Why the sign-in page is shown with a notice: the session ended, or the server is down. */
export type LoginNotice = 'expired' | 'unreachable';

/** Props of the sign-in page. */
export interface LoginPageProps {
  /** A notice to show above the form, if the page was reached for a reason. */
  notice: LoginNotice | null;
  /** Called with the user once the server accepts the credentials. */
  onSignedIn: (user: SessionUser) => void;
}

/** The sign-in page. */
export function LoginPage({ notice, onSignedIn }: LoginPageProps) {
  const { t } = useI18n();
  const api = useApi();
  const id = useId();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const [challenge, setChallenge] = useState<string | null>(null);
  const [expired, setExpired] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSubmitting(true);
    setError(null);
    try {
      const answer = await api.login(username, password);
      setPassword('');
      if ('challenge' in answer) {
        setChallenge(answer.challenge);
        setExpired(false);
        setSubmitting(false);
      } else onSignedIn(answer);
    } catch (caught) {
      setError(caught);
      setPassword('');
      setSubmitting(false);
      passwordRef.current?.focus();
    }
  }

  const noticeText = expired
    ? t('totp.step.expired')
    : notice === 'expired'
      ? t('login.sessionExpired')
      : notice === 'unreachable'
        ? t('login.error.unreachable')
        : null;

  return (
    <div className="login">
      <div className="login-lang">
        <LanguageSwitch />
      </div>
      <main className="login-panel">
        <p className="brand-name login-brand">{t('app.name')}</p>
        <p className="brand-tagline">{t('app.tagline')}</p>
        <h1>{t('login.title')}</h1>
        {noticeText !== null && error === null && (
          <p className="notice" role="status">
            {noticeText}
          </p>
        )}
        {challenge !== null && (
          <SecondFactorForm
            challenge={challenge}
            onSignedIn={onSignedIn}
            onRestart={(wasExpired) => {
              setChallenge(null);
              setExpired(wasExpired);
            }}
          />
        )}
        {challenge === null && (
          <form onSubmit={(e) => void submit(e)} aria-describedby={`${id}-notice`}>
            <label htmlFor={`${id}-user`}>{t('login.username')}</label>
            <input
              id={`${id}-user`}
              name="username"
              autoComplete="username"
              autoCapitalize="none"
              spellCheck={false}
              required
              autoFocus
              value={username}
              onChange={(e) => setUsername(e.target.value)}
            />
            <label htmlFor={`${id}-password`}>{t('login.password')}</label>
            <input
              id={`${id}-password`}
              ref={passwordRef}
              name="password"
              type="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
            <div role="alert" className="form-error" data-testid="login-error">
              {error === null ? null : loginErrorMessage(t, error)}
            </div>
            <button type="submit" className="primary" disabled={submitting}>
              {submitting ? t('login.submitting') : t('login.submit')}
            </button>
          </form>
        )}
        <p className="muted small" id={`${id}-notice`}>
          {t('login.notice')}
        </p>
      </main>
    </div>
  );
}
