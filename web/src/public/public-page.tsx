/**
 * The public page, served at `/public` without signing in: the map and list of cameras and the
 * privacy notice, in Italian (default) or English. It calls only the two public API routes.
 */
import { useEffect, useState } from 'react';
import { I18nProvider, LanguageSwitch, useI18n, type MessageKey } from '../i18n/index.ts';
import { CameraTable } from './camera-table.tsx';
import { PrivacyNotice } from './privacy-notice.tsx';
import { loadPublicData, type PublicCamera, type PublicNotice } from './public-api.ts';
import { PublicMap } from './public-map.tsx';
import './public.css';

type Data =
  | { state: 'loading' }
  | { state: 'error' }
  | { state: 'ready'; cameras: PublicCamera[]; notice: PublicNotice };

function PublicContent() {
  const { t, tn } = useI18n();
  const [data, setData] = useState<Data>({ state: 'loading' });

  useEffect(() => {
    const controller = new AbortController();
    loadPublicData(controller.signal).then(
      (d) => setData({ state: 'ready', ...d }),
      () => {
        if (!controller.signal.aborted) setData({ state: 'error' });
      },
    );
    return () => controller.abort();
  }, []);

  useEffect(() => {
    document.title = `${t('public.title')} — ${t('public.notice.title')}`;
  }, [t]);

  return (
    <div className="public-page">
      <header className="public-header">
        <div>
          <h1>{t('public.title')}</h1>
          <p className="public-muted">{t('public.subtitle')}</p>
        </div>
        <LanguageSwitch />
      </header>
      <main>
        {data.state === 'loading' && <p role="status">{t('app.loading')}</p>}
        {data.state === 'error' && <p role="alert">{t('public.loadError')}</p>}
        {data.state === 'ready' && (
          <>
            <section aria-labelledby="map-title" className="public-map-section">
              <h2 id="map-title">
                {t('public.map')}{' '}
                <span className="public-muted" data-testid="public-count">
                  ({tn('public.count', data.cameras.length)})
                </span>
              </h2>
              <PublicMap
                cameras={data.cameras}
                tileUrl={data.notice.map.tileUrl}
                attribution={data.notice.map.attribution}
                plainNotice={t('public.mapPlain')}
                describe={(c) =>
                  `${c.id} — ${c.name}: ${t(`purpose.${c.purpose}` as MessageKey)}, ${tn('public.days', c.retentionDays)}`
                }
              />
              <h3>{t('public.list')}</h3>
              <CameraTable cameras={data.cameras} />
            </section>
            <PrivacyNotice notice={data.notice} />
          </>
        )}
      </main>
    </div>
  );
}

/** The public page with its own language provider (no session, no API client). */
export function PublicApp() {
  return (
    <I18nProvider>
      <PublicContent />
    </I18nProvider>
  );
}

/** True when the browser is on the public page's address (`/public`). */
export function isPublicPath(pathname: string): boolean {
  return /^\/public\/?$/.test(pathname);
}
