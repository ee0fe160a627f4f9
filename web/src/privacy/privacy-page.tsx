/**
 * The privacy section: the camera register (every camera, for `camera.manage` and `audit.read`)
 * with, for the selected camera (`#/privacy/<id>`), its register entry and — for
 * `camera.manage` — the mask editor.
 */
import { useEffect, useState } from 'react';
import { ApiError, ErrorText } from '../api/index.ts';
import { useI18n } from '../i18n/index.ts';
import type { SectionPageProps } from '../layout/index.ts';
import { MaskEditor } from './mask-editor.tsx';
import { listRegister, type RegisterEntry } from './privacy-api.ts';
import { RegisterForm } from './register-form.tsx';
import './privacy.css';

type Data =
  | { state: 'loading' }
  | { state: 'denied' }
  | { state: 'error'; error: unknown }
  | { state: 'ready'; entries: RegisterEntry[] };

/** The privacy page. */
export function PrivacyPage({ user, param, setParam }: SectionPageProps) {
  const { t } = useI18n();
  const [data, setData] = useState<Data>({ state: 'loading' });
  const manage = user.permissions.includes('camera.manage');

  useEffect(() => {
    const controller = new AbortController();
    listRegister(controller.signal).then(
      (r) => setData({ state: 'ready', entries: r.entries }),
      (e: unknown) => {
        if (controller.signal.aborted) return;
        if (e instanceof ApiError && e.status === 403) setData({ state: 'denied' });
        else setData({ state: 'error', error: e });
      },
    );
    return () => controller.abort();
  }, []);

  if (data.state === 'loading') return <p role="status">{t('app.loading')}</p>;
  if (data.state === 'denied') return <p role="alert">{t('privacy.denied')}</p>;
  if (data.state === 'error') {
    return (
      <p role="alert">
        <ErrorText error={data.error} />
      </p>
    );
  }
  const selected = data.entries.find((e) => e.cameraId === param) ?? data.entries[0];

  return (
    <div className="privacy-page">
      <nav className="privacy-cameras" aria-label={t('privacy.cameras')}>
        <h1>{t('privacy.title')}</h1>
        <ul>
          {data.entries.map((e) => (
            <li key={e.cameraId}>
              <button
                type="button"
                aria-current={e.cameraId === selected?.cameraId}
                data-register-camera={e.cameraId}
                onClick={() => setParam(e.cameraId)}
              >
                <span>{e.name}</span> <small>{e.cameraId}</small>
              </button>
            </li>
          ))}
        </ul>
      </nav>
      {selected && (
        <div className="privacy-detail">
          <h2>
            {selected.name} <small>{selected.cameraId}</small>
          </h2>
          <RegisterForm
            entry={selected}
            editable={manage}
            onSaved={(saved) =>
              setData({
                state: 'ready',
                entries: data.entries.map((e) => (e.cameraId === saved.cameraId ? saved : e)),
              })
            }
          />
          {manage && <MaskEditor cameraId={selected.cameraId} cameraName={selected.name} />}
        </div>
      )}
    </div>
  );
}
