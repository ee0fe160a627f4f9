/**
 * The RTSP re-stream (`#/admin/restream`, `user.manage`): where a partner agency's VMS connects
 * and how it adds a camera (`rtsp://host:port/<camera-id>/<main|sub>`, Digest, TCP), the service
 * accounts with disable (after a confirmation: it is final), and a form that makes one (name,
 * agency, password twice; a refused password said in the user's words). The password is never
 * shown again.
 */
import { useCallback, useId, useState } from 'react';
import { useI18n } from '../i18n/index.ts';
import { useSiteTime } from '../time/index.ts';
import { adminApi } from './admin-api.ts';
import { attempt, NotReady, OutcomeLine, type Outcome } from './feedback.tsx';
import { withPasswordRefusal } from './password-refusal.ts';
import { restreamApi, type RestreamInfo } from './restream-api.ts';
import { useLoad } from './use-load.ts';

const EMPTY = { name: '', agencyId: '', password: '', again: '' };

/** The addresses and how a VMS adds a camera. */
function Where({ info }: { info: RestreamInfo }) {
  const { t } = useI18n();
  const id = useId();
  const base = info.rtsp ?? info.rtsps ?? 'rtsp://host:port/';
  return (
    <div className="restream-where" aria-labelledby={`${id}-h`} role="group">
      <h3 id={`${id}-h`}>{t('admin.restream.where')}</h3>
      {!info.enabled && (
        <p className="small admin-warning-text" role="status">
          {t('admin.restream.off')}
        </p>
      )}
      <dl className="restream-addresses">
        <dt>{t('admin.restream.rtsp')}</dt>
        <dd className="mono" data-testid="restream-rtsp">
          {info.rtsp ?? t('admin.restream.notServed')}
        </dd>
        <dt>{t('admin.restream.rtsps')}</dt>
        <dd className="mono" data-testid="restream-rtsps">
          {info.rtsps ?? t('admin.restream.notServed')}
        </dd>
      </dl>
      <h3>{t('admin.restream.howTo')}</h3>
      <ul className="small">
        <li>{t('admin.restream.howAddress', { base })}</li>
        <li>{t('admin.restream.howStream')}</li>
        <li>{t('admin.restream.howAuth', { realm: info.realm })}</li>
        <li>{t('admin.restream.howTcp')}</li>
      </ul>
    </div>
  );
}

/** The RTSP re-stream tab. */
export function RestreamTab() {
  const { t } = useI18n();
  const time = useSiteTime();
  const hid = useId();
  const load = useCallback(async (s: AbortSignal) => {
    const [info, accounts, agencies] = await Promise.all([
      restreamApi.info(s),
      restreamApi.accounts(s),
      adminApi.agencies(s),
    ]);
    return { info, accounts, agencies };
  }, []);
  const { loaded, reload } = useLoad(load);
  const [outcome, setReported] = useState<Outcome>(null);
  const setOutcome = (o: Outcome) => setReported(withPasswordRefusal(o, t));
  const [draft, setDraft] = useState(EMPTY);
  const [disabling, setDisabling] = useState<string | null>(null);

  if (loaded.state !== 'ready') return <NotReady loaded={loaded} onRetry={reload} />;
  const { info, accounts, agencies } = loaded.data;
  const agencyName = (aid: string) => agencies.find((a) => a.id === aid)?.name ?? aid;
  const mismatch = draft.again !== '' && draft.again !== draft.password;
  const disable = (name: string) =>
    void attempt(() => restreamApi.disable(name), setOutcome).then((ok) => {
      setDisabling(null);
      if (ok) reload();
    });

  return (
    <section aria-labelledby={`${hid}-h`}>
      <h2 id={`${hid}-h`}>{t('admin.tab.restream')}</h2>
      <p className="small muted">{t('admin.restream.intro')}</p>
      <Where info={info} />
      <OutcomeLine outcome={outcome} />
      <h3>{t('admin.restream.accounts')}</h3>
      <table className="admin-table" aria-label={t('admin.restream.accounts')}>
        <thead>
          <tr>
            <th scope="col">{t('admin.restream.name')}</th>
            <th scope="col">{t('admin.restream.agency')}</th>
            <th scope="col">{t('admin.restream.created')}</th>
            <th scope="col">{t('admin.restream.state')}</th>
            <th scope="col">{t('admin.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {accounts.length === 0 && (
            <tr>
              <td colSpan={5} className="muted">
                {t('admin.restream.none')}
              </td>
            </tr>
          )}
          {accounts.map((a) => (
            <tr key={a.id} className={a.disabledMs !== null ? 'admin-muted' : undefined}>
              <td className="mono">{a.name}</td>
              <td>{agencyName(a.agencyId)}</td>
              <td className="small">{time.dateTime(a.createdMs)}</td>
              <td className="small">
                {a.disabledMs === null
                  ? t('admin.restream.enabled')
                  : t('admin.restream.disabledAt', { at: time.dateTime(a.disabledMs) })}
              </td>
              <td>
                {a.disabledMs === null && disabling !== a.name && (
                  <button type="button" onClick={() => setDisabling(a.name)}>
                    {t('admin.restream.disable')}
                  </button>
                )}
                {disabling === a.name && (
                  <div
                    className="admin-confirm"
                    role="alertdialog"
                    aria-label={t('admin.restream.disable')}
                  >
                    <p>{t('admin.restream.disableConfirm', { name: a.name })}</p>
                    <div className="admin-actions">
                      <button type="button" onClick={() => disable(a.name)}>
                        {t('admin.restream.disable')}
                      </button>
                      <button type="button" onClick={() => setDisabling(null)}>
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
      <form
        className="admin-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (draft.password !== draft.again) {
            setOutcome({ ok: false, message: t('admin.restream.mismatch') });
            return;
          }
          const body = {
            name: draft.name.trim(),
            agencyId: draft.agencyId || agencies[0]?.id || '',
            password: draft.password,
          };
          void attempt(() => restreamApi.add(body), setOutcome).then((ok) => {
            if (!ok) return;
            setDraft(EMPTY);
            reload();
          });
        }}
      >
        <h3>{t('admin.restream.add')}</h3>
        <label>
          {t('admin.restream.name')}
          <input
            required
            maxLength={64}
            pattern="[a-z0-9][a-z0-9._\-]{0,63}"
            title={t('admin.restream.nameHint')}
            placeholder="cc-milestone"
            autoComplete="off"
            value={draft.name}
            onChange={(e) => setDraft({ ...draft, name: e.target.value })}
          />
          <span className="small muted restream-hint">{t('admin.restream.nameHint')}</span>
        </label>
        <label>
          {t('admin.restream.agency')}
          <select
            value={draft.agencyId}
            onChange={(e) => setDraft({ ...draft, agencyId: e.target.value })}
          >
            {agencies.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('admin.restream.password')}
          <input
            required
            type="password"
            autoComplete="new-password"
            value={draft.password}
            onChange={(e) => setDraft({ ...draft, password: e.target.value })}
          />
        </label>
        <label>
          {t('admin.restream.passwordAgain')}
          <input
            required
            type="password"
            autoComplete="new-password"
            aria-invalid={mismatch}
            value={draft.again}
            onChange={(e) => setDraft({ ...draft, again: e.target.value })}
          />
          {mismatch && (
            <span className="small admin-warning-text">{t('admin.restream.mismatch')}</span>
          )}
        </label>
        <p className="small muted">{t('admin.restream.passwordNote')}</p>
        <button type="submit" disabled={mismatch}>
          {t('admin.restream.make')}
        </button>
      </form>
    </section>
  );
}
