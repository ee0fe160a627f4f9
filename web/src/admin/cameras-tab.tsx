/**
 * The cameras tab: the registry with each camera's state (recording or disabled, connection),
 * add and change (with a connection test), disable and enable, remove after a confirmation that
 * says what happens to the recordings, and a link to the camera's register entry (edited on the
 * privacy page, `#/privacy/<id>`).
 */
import { useCallback, useId, useState } from 'react';
import type { Camera } from '../api/index.ts';
import { hasMessage, useI18n } from '../i18n/index.ts';
import { adminApi } from './admin-api.ts';
import { CameraForm } from './camera-form.tsx';
import { cameraBody, draftOf, EMPTY_CAMERA, type CameraDraft } from './camera-model.ts';
import { attempt, NotReady, OutcomeLine, type Outcome } from './feedback.tsx';
import { OnvifPanel } from './onvif-panel.tsx';
import { useLoad } from './use-load.ts';

/** The cameras tab. */
export function CamerasTab() {
  const { t } = useI18n();
  const hid = useId();
  const load = useCallback(async (s: AbortSignal) => {
    const [cameras, groups] = await Promise.all([adminApi.cameras(s), adminApi.groups(s)]);
    const states = await Promise.all(cameras.map((c) => adminApi.cameraState(c.id, s)));
    return { cameras, groups, states: new Map(cameras.map((c, i) => [c.id, states[i]])) };
  }, []);
  const { loaded, reload } = useLoad(load);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [draft, setDraft] = useState<CameraDraft | null>(null);
  const [removing, setRemoving] = useState<string | null>(null);

  if (loaded.state !== 'ready') return <NotReady loaded={loaded} onRetry={reload} />;
  const { cameras, groups, states } = loaded.data;
  const run = (action: () => Promise<unknown>, after?: () => void) =>
    void attempt(action, setOutcome).then((ok) => {
      if (ok) {
        after?.();
        reload();
      }
    });
  const stateText = (c: Camera) => {
    if (!c.enabled) return t('admin.camera.disabled');
    const s = states.get(c.id);
    const parts = [t('admin.camera.enabledShort')];
    const label = (key: string) => (hasMessage(key) ? t(key) : null);
    const live = s?.live == null ? null : label(`admin.camera.state.${s.live}`);
    const rec = s?.recording == null ? null : label(`admin.camera.recording.${s.recording}`);
    if (live !== null) parts.push(live);
    if (rec !== null) parts.push(rec);
    return parts.join(' · ');
  };

  return (
    <section aria-labelledby={`${hid}-h`}>
      <h2 id={`${hid}-h`}>{t('admin.tab.cameras')}</h2>
      <OutcomeLine outcome={outcome} />
      <div className="admin-actions">
        <button type="button" onClick={() => setDraft(EMPTY_CAMERA)}>
          {t('admin.camera.new')}
        </button>
      </div>
      <OnvifPanel onUse={setDraft} />
      {draft !== null && (
        <CameraForm
          draft={draft}
          groups={groups}
          onChange={setDraft}
          onCancel={() => setDraft(null)}
          onSubmit={() => {
            const body = cameraBody(draft);
            const id = draft.editing;
            run(
              id === null ? () => adminApi.addCamera(body) : () => adminApi.changeCamera(id, body),
              () => setDraft(null),
            );
          }}
        />
      )}
      <table className="admin-table">
        <thead>
          <tr>
            <th scope="col">{t('admin.camera.id')}</th>
            <th scope="col">{t('admin.camera.name')}</th>
            <th scope="col">{t('admin.camera.main')}</th>
            <th scope="col">{t('admin.camera.stateColumn')}</th>
            <th scope="col">{t('admin.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {cameras.map((c) => (
            <tr key={c.id} className={c.enabled ? undefined : 'admin-muted'}>
              <td className="mono nowrap">{c.id}</td>
              <td>
                {c.name}
                {c.allowBasicOverPlainRtsp && (
                  <div className="small admin-warning-text">{t('admin.camera.basicOn')}</div>
                )}
              </td>
              <td className="mono small">{c.streams?.main ?? '—'}</td>
              <td>{stateText(c)}</td>
              <td>
                <div className="admin-actions">
                  <button type="button" onClick={() => setDraft(draftOf(c))}>
                    {t('admin.edit')}
                  </button>
                  <button
                    type="button"
                    onClick={() => run(() => adminApi.changeCamera(c.id, { enabled: !c.enabled }))}
                  >
                    {c.enabled ? t('admin.camera.disable') : t('admin.camera.enable')}
                  </button>
                  <button type="button" onClick={() => setRemoving(c.id)}>
                    {t('admin.camera.remove')}
                  </button>
                  <a href={`#/privacy/${encodeURIComponent(c.id)}`}>{t('admin.camera.register')}</a>
                </div>
                {removing === c.id && (
                  <div
                    className="admin-confirm"
                    role="alertdialog"
                    aria-label={t('admin.camera.remove')}
                  >
                    <p>{t('admin.camera.removeConfirm', { id: c.id, name: c.name })}</p>
                    <div className="admin-actions">
                      <button
                        type="button"
                        onClick={() =>
                          run(
                            () => adminApi.deleteCamera(c.id),
                            () => setRemoving(null),
                          )
                        }
                      >
                        {t('admin.camera.removeYes')}
                      </button>
                      <button type="button" onClick={() => setRemoving(null)}>
                        {t('admin.cancel')}
                      </button>
                    </div>
                  </div>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
