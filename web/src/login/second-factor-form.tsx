/**
 * The sign-in's second step: the 6-digit code of the authenticator app, or (switched by a link)
 * one of the recovery codes. A wrong code clears the field; an expired challenge goes back to
 * the password.
 */
import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { ApiError, useApi } from '../api/index.ts';
import type { SessionUser } from '../api/index.ts';
import { useI18n } from '../i18n/index.ts';
import { loginErrorMessage } from './login-error.ts';

/** Props of the second step. */
export interface SecondFactorFormProps {
  challenge: string;
  onSignedIn: (user: SessionUser) => void;
  /** Back to the password (the challenge expired, or the person asks). */
  onRestart: (expired: boolean) => void;
}

/** The second step's form. */
export function SecondFactorForm({ challenge, onSignedIn, onRestart }: SecondFactorFormProps) {
  const { t } = useI18n();
  const api = useApi();
  const id = useId();
  const [recovery, setRecovery] = useState(false);
  const [value, setValue] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSubmitting(true);
    setError(null);
    try {
      const proof = recovery ? { recoveryCode: value.trim() } : { code: value.trim() };
      onSignedIn(await api.secondFactor(challenge, proof));
    } catch (caught) {
      setSubmitting(false);
      setValue('');
      const expired = caught instanceof ApiError && caught.details?.reason === 'challenge_expired';
      if (expired) {
        onRestart(true);
        return;
      }
      const wrong = caught instanceof ApiError && caught.status === 401;
      setError(wrong ? t('totp.step.wrong') : loginErrorMessage(t, caught));
    }
  }

  return (
    <form onSubmit={(e) => void submit(e)} data-testid="second-factor-form">
      <h2>{t('totp.step.title')}</h2>
      <p>{recovery ? t('totp.step.recoveryPrompt') : t('totp.step.prompt')}</p>
      <label htmlFor={`${id}-code`}>
        {recovery ? t('totp.step.recoveryCode') : t('totp.step.code')}
      </label>
      <input
        id={`${id}-code`}
        key={recovery ? 'recovery' : 'code'}
        name={recovery ? 'recoveryCode' : 'code'}
        inputMode={recovery ? 'text' : 'numeric'}
        autoComplete="one-time-code"
        autoCapitalize="none"
        spellCheck={false}
        pattern={recovery ? undefined : '[0-9 ]{6,7}'}
        maxLength={recovery ? 40 : 7}
        required
        autoFocus
        value={value}
        onChange={(e) => setValue(e.target.value)}
      />
      <div role="alert" className="form-error" data-testid="login-error">
        {error}
      </div>
      <button type="submit" className="primary" disabled={submitting}>
        {submitting ? t('login.submitting') : t('totp.step.submit')}
      </button>
      <p className="login-links">
        <button
          type="button"
          className="link"
          onClick={() => {
            setRecovery(!recovery);
            setValue('');
            setError(null);
          }}
        >
          {recovery ? t('totp.step.useCode') : t('totp.step.useRecovery')}
        </button>
        <button type="button" className="link" onClick={() => onRestart(false)}>
          {t('totp.step.back')}
        </button>
      </p>
    </form>
  );
}
