/**
 * The root of the web application: checks the session at start, shows the sign-in page or the
 * main layout with the application's sections, and returns to sign-in whenever any API call
 * finds the session gone (401); a wall display's account gets its display, full screen, instead
 * of the layout. It also asks the server for the site's time zone, in which
 * every page writes dates and times.
 */
import { useCallback, useEffect, useState } from 'react';
import { ApiContext, ApiError, createApiClient, setUnauthorizedHandler } from '../api/index.ts';
import type { SessionUser } from '../api/index.ts';
import { I18nProvider, useI18n } from '../i18n/index.ts';
import { DisplayPage } from '../displays/index.ts';
import { Shell } from '../layout/index.ts';
import { LoginPage, SecurityPage } from '../login/index.ts';
import { DEFAULT_SITE_TIME_ZONE, isTimeZone, SiteTimeProvider } from '../time/index.ts';
import type { LoginNotice } from '../login/index.ts';
import { DEFAULT_SECTION, SECTIONS } from './sections.ts';

type SessionState =
  | { phase: 'checking' }
  | { phase: 'signed-out'; notice: LoginNotice | null }
  | { phase: 'signed-in'; user: SessionUser; security?: boolean };

/** The whole application, with its providers. */
export function App() {
  return (
    <I18nProvider>
      <SessionGate />
    </I18nProvider>
  );
}

function SessionGate() {
  const { t } = useI18n();
  const [session, setSession] = useState<SessionState>({ phase: 'checking' });
  const [api] = useState(() => createApiClient());
  const [timeZone, setTimeZone] = useState(DEFAULT_SITE_TIME_ZONE);

  useEffect(() => {
    const controller = new AbortController();
    api.getSiteTimeZone(controller.signal).then(
      (zone) => {
        if (zone !== null && isTimeZone(zone)) setTimeZone(zone);
      },
      // Unreachable or refused: the default zone stays; the session check reports the server.
      () => undefined,
    );
    return () => controller.abort();
  }, [api]);

  // A 401 on any call (the client's or a page's) while signed in: the session has expired. One
  // arriving after sign-out (a request still in flight) changes nothing.
  useEffect(
    () =>
      setUnauthorizedHandler(() =>
        setSession((s) =>
          s.phase === 'signed-in' ? { phase: 'signed-out', notice: 'expired' } : s,
        ),
      ),
    [],
  );

  useEffect(() => {
    const controller = new AbortController();
    api.getSession(controller.signal).then(
      (user) =>
        setSession(
          user === null ? { phase: 'signed-out', notice: null } : { phase: 'signed-in', user },
        ),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        const unreachable = error instanceof ApiError && error.status === 0;
        setSession({ phase: 'signed-out', notice: unreachable ? 'unreachable' : null });
      },
    );
    return () => controller.abort();
  }, [api]);

  const onSignedIn = useCallback((user: SessionUser) => {
    setSession({ phase: 'signed-in', user });
  }, []);

  const onLogout = useCallback(async () => {
    try {
      await api.logout();
    } finally {
      // Leave the operator's screen even if the server could not be told: the session then
      // ends by its idle expiry.
      setSession({ phase: 'signed-out', notice: null });
    }
  }, [api]);

  // A role that requires a second factor, without one: the security page first, and only it.
  const showSecurity =
    session.phase === 'signed-in' &&
    (session.security === true ||
      (session.user.secondFactor?.required === true && !session.user.secondFactor.enrolled));

  return (
    <ApiContext value={api}>
      <SiteTimeProvider timeZone={timeZone}>
        {session.phase === 'checking' && (
          <p className="app-loading" role="status">
            {t('app.loading')}
          </p>
        )}
        {session.phase === 'signed-out' && (
          <LoginPage notice={session.notice} onSignedIn={onSignedIn} />
        )}
        {session.phase === 'signed-in' && session.user.display != null && (
          <DisplayPage name={session.user.display.name} onLogout={() => void onLogout()} />
        )}
        {session.phase === 'signed-in' && session.user.display == null && showSecurity && (
          <SecurityPage
            user={session.user}
            onBack={(user) => setSession({ phase: 'signed-in', user })}
            onLogout={onLogout}
          />
        )}
        {session.phase === 'signed-in' && session.user.display == null && !showSecurity && (
          <Shell
            onSecurity={() => setSession({ ...session, security: true })}
            user={session.user}
            onLogout={onLogout}
            sections={SECTIONS}
            defaultSection={DEFAULT_SECTION}
          />
        )}
      </SiteTimeProvider>
    </ApiContext>
  );
}
