/**
 * The account's security page: turning on the TOTP second factor. It shows the QR code and the
 * secret as text, confirms with a first code, then shows the ten recovery codes once with the
 * warning to keep them. An account whose role requires a factor gets this page first, with no
 * way into the application until it is done (the server holds such a session to enrolment).
 */
import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { ApiError, ErrorText } from '../api/index.ts';
import type { SessionUser } from '../api/index.ts';
import { LanguageSwitch, useI18n } from '../i18n/index.ts';
import { totpApi, type TotpEnrolment } from './totp-api.ts';
import './totp.css';

/** Props of the security page. */
export interface SecurityPageProps {
  user: SessionUser;
  /** Back to the application, with the user as it stands now (offered once it may leave). */
  onBack: (user: SessionUser) => void;
  onLogout: () => Promise<void>;
}

type Phase =
  | { kind: 'intro' }
  | { kind: 'scan'; enrolment: TotpEnrolment }
  | { kind: 'codes'; codes: string[] };

/** The security page. */
export function SecurityPage({ user, onBack, onLogout }: SecurityPageProps) {
  const { t } = useI18n();
  const id = useId();
  const [phase, setPhase] = useState<Phase>({ kind: 'intro' });
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [wrong, setWrong] = useState(false);
  const enrolled = user.secondFactor?.enrolled === true || phase.kind === 'codes';
  const now: SessionUser = {
    ...user,
    secondFactor: { required: user.secondFactor?.required ?? false, enrolled },
  };

  async function start() {
    setBusy(true);
    setError(null);
    try {
      setPhase({ kind: 'scan', enrolment: await totpApi.enrol() });
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  async function confirm(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setWrong(false);
    try {
      setPhase({ kind: 'codes', codes: await totpApi.confirm(code.replace(/\s/g, '')) });
    } catch (caught) {
      if (caught instanceof ApiError && caught.status === 400) setWrong(true);
      else setError(caught);
      setCode('');
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="login">
      <div className="login-lang">
        <LanguageSwitch />
        <button type="button" className="logout" onClick={() => void onLogout()}>
          {t('header.logout')}
        </button>
      </div>
      <main className="login-panel totp-panel" data-testid="security-page">
        <p className="brand-name login-brand">{t('app.name')}</p>
        <h1>{t('totp.enrol.title')}</h1>
        <p className="muted">
          {user.displayName} ({user.username})
        </p>
        {user.secondFactor?.required === true && !enrolled && (
          <p className="notice" role="status">
            {t('totp.enrol.required')}
          </p>
        )}
        {phase.kind === 'intro' && enrolled && <p>{t('totp.enrol.enabled')}</p>}
        {phase.kind === 'intro' && !enrolled && (
          <>
            <p>{t('totp.enrol.intro')}</p>
            <button type="button" className="primary" disabled={busy} onClick={() => void start()}>
              {t('totp.enrol.start')}
            </button>
          </>
        )}
        {phase.kind === 'scan' && (
          <form onSubmit={(e) => void confirm(e)}>
            <p>{t('totp.enrol.scan')}</p>
            <img
              className="totp-qr"
              src={phase.enrolment.qrDataUrl}
              alt={t('totp.enrol.qrAlt')}
              width={168}
              height={168}
            />
            <p className="small">{t('totp.enrol.secret')}</p>
            <code className="totp-secret" data-testid="totp-secret">
              {phase.enrolment.secret.replace(/(.{4})/g, '$1 ').trim()}
            </code>
            <label htmlFor={`${id}-code`}>{t('totp.enrol.confirmPrompt')}</label>
            <input
              id={`${id}-code`}
              name="code"
              inputMode="numeric"
              autoComplete="one-time-code"
              pattern="[0-9 ]{6,7}"
              maxLength={7}
              required
              autoFocus
              value={code}
              onChange={(e) => setCode(e.target.value)}
            />
            <div role="alert" className="form-error">
              {wrong ? t('totp.enrol.wrong') : null}
            </div>
            <button type="submit" className="primary" disabled={busy}>
              {t('totp.enrol.confirm')}
            </button>
          </form>
        )}
        {phase.kind === 'codes' && (
          <section aria-labelledby={`${id}-codes`}>
            <h2 id={`${id}-codes`}>{t('totp.enrol.codesTitle')}</h2>
            <p className="notice" role="status">
              {t('totp.enrol.codesWarning')}
            </p>
            <ol className="totp-codes" data-testid="recovery-codes">
              {phase.codes.map((c) => (
                <li key={c}>
                  <code>{c}</code>
                </li>
              ))}
            </ol>
          </section>
        )}
        {error !== null && <ErrorText error={error} />}
        {(enrolled || user.secondFactor?.required !== true) && (
          <button
            type="button"
            className={phase.kind === 'codes' ? 'primary' : undefined}
            onClick={() => onBack(now)}
          >
            {phase.kind === 'codes' ? t('totp.enrol.done') : t('totp.enrol.back')}
          </button>
        )}
      </main>
    </div>
  );
}
