/**
 * The operators' "Schermi" page: the room's wall displays of their agency and what each shows
 * (refreshed every few seconds, so everyone sees what the others pushed), a form choosing what to
 * push (a camera, a view, an instant replay), "Invia qui" and "Riprendi" on each display; for
 * managers, new displays and deletion. Every push and take-back is audited by the server.
 */
import { useCallback, useEffect, useState } from 'react';
import './displays.css';
import { ErrorText } from '../api/index.ts';
import { useCameraData } from '../cameras/index.ts';
import { useI18n } from '../i18n/index.ts';
import type { SectionPageProps } from '../layout/index.ts';
import { DisplayCard } from './display-card.tsx';
import {
  clearDisplay,
  deleteDisplay,
  listDisplays,
  pushToDisplay,
  type Display,
  type Push,
} from './displays-api.ts';
import { NewDisplayForm } from './new-display-form.tsx';
import { PushForm } from './push-form.tsx';

/** How often the list is asked again, ms. */
const REFRESH_MS = 5000;

/** What the address asks to start with: `#/displays/camera:<id>` or `#/displays/view:<id>`. */
function initialOf(param: string | null): { kind: 'camera' | 'view'; id: string } | null {
  const m = /^(camera|view):(.+)$/.exec(param ?? '');
  return m?.[1] === 'camera' || m?.[1] === 'view' ? { kind: m[1], id: m[2] ?? '' } : null;
}

/** The displays page. */
export function DisplaysPage({ user, param }: SectionPageProps) {
  const { t } = useI18n();
  const { data } = useCameraData();
  const [displays, setDisplays] = useState<Display[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [makePush, setMakePush] = useState<(() => Push) | null>(null);
  const mayPush = user.permissions.includes('display.push');
  const mayManage = user.permissions.includes('display.manage');

  useEffect(() => {
    const controller = new AbortController();
    const load = () =>
      listDisplays(controller.signal).then(
        (list) => {
          setDisplays(list);
          setError(null);
        },
        (e: unknown) => {
          if (!controller.signal.aborted) setError(e);
        },
      );
    void load();
    const timer = window.setInterval(() => void load(), REFRESH_MS);
    return () => {
      controller.abort();
      window.clearInterval(timer);
    };
  }, [attempt]);

  const onPushChange = useCallback((make: (() => Push) | null) => setMakePush(() => make), []);
  const act = async (id: string, action: () => Promise<unknown>) => {
    setBusy(id);
    setError(null);
    try {
      await action();
      setAttempt((n) => n + 1);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  };

  const cameras = data.state === 'ready' ? data.cameras : [];
  return (
    <div className="displays-page">
      <h1>{t('displays.title')}</h1>
      <p className="displays-intro">{t('displays.intro')}</p>
      {mayPush && (
        <PushForm
          cameras={cameras}
          onChange={onPushChange}
          initial={initialOf(param)}
          mayListViews={user.permissions.includes('live.view')}
        />
      )}
      {error !== null && (
        <p className="form-error" role="alert">
          <ErrorText error={error} />
        </p>
      )}
      {displays === null ? (
        <p role="status">{t('app.loading')}</p>
      ) : displays.length === 0 ? (
        <p className="displays-empty">{t('displays.empty')}</p>
      ) : (
        <ul className="displays-list" aria-label={t('displays.title')}>
          {displays.map((d) => (
            <DisplayCard
              key={d.id}
              display={d}
              mayPush={mayPush}
              busy={busy === d.id}
              {...(makePush !== null
                ? { onPush: () => void act(d.id, () => pushToDisplay(d.id, makePush())) }
                : {})}
              onClear={() => void act(d.id, () => clearDisplay(d.id))}
              {...(mayManage
                ? {
                    onDelete: () => {
                      if (window.confirm(t('displays.deleteConfirm', { name: d.name }))) {
                        void act(d.id, () => deleteDisplay(d.id));
                      }
                    },
                  }
                : {})}
            />
          ))}
        </ul>
      )}
      {mayManage && <NewDisplayForm onCreated={() => setAttempt((n) => n + 1)} />}
    </div>
  );
}
