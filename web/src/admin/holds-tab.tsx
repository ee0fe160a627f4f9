/**
 * The legal holds tab: every hold the user may see (cameras, range in the site's zone, authority
 * and reference, reason, expiry or "until released" with its reason, state), placing one —
 * prefilled from the address `#/admin/holds?cameras=…&from=…&to=…&reason=…` so the recordings
 * page and bookmarks can link here — extending and releasing with a reason. The server decides
 * (31 days at most, within what was recorded); its messages are shown in the user's language.
 */
import { useCallback, useEffect, useId, useState } from 'react';
import { useI18n, type MessageKey } from '../i18n/index.ts';
import { useSiteTime } from '../time/index.ts';
import { adminApi } from './admin-api.ts';
import type { LegalHold } from './admin-types.ts';
import { attempt, NotReady, OutcomeLine, type Outcome } from './feedback.tsx';
import { HoldForm } from './hold-form.tsx';
import {
  EMPTY_HOLD,
  extendBody,
  holdBody,
  prefillOf,
  queryOf,
  type HoldDraft,
} from './hold-model.ts';
import { useLoad } from './use-load.ts';

type Change = { id: string; kind: 'extend' | 'release'; expires: string; reason: string };

/** The legal holds tab; `param` is the route parameter (`holds?cameras=…`). */
export function HoldsTab({ param }: { param: string | null }) {
  const { t } = useI18n();
  const time = useSiteTime();
  const hid = useId();
  const load = useCallback(async (s: AbortSignal) => {
    const [holds, cameras] = await Promise.all([adminApi.holds(s), adminApi.cameras(s)]);
    return { holds, cameras };
  }, []);
  const { loaded, reload } = useLoad(load);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [draft, setDraft] = useState<HoldDraft | null>(null);
  useEffect(() => {
    const prefill = prefillOf(queryOf(param), time.timeZone);
    if (prefill !== null) setDraft(prefill);
  }, [param, time.timeZone]);
  const [change, setChange] = useState<Change | null>(null);

  if (loaded.state !== 'ready') return <NotReady loaded={loaded} onRetry={reload} />;
  const { holds, cameras } = loaded.data;
  const run = (action: () => Promise<unknown>, after: () => void) =>
    void attempt(action, setOutcome).then((ok) => {
      if (ok) {
        after();
        reload();
      }
    });
  const expiryText = (h: LegalHold) =>
    h.expiresMs === null
      ? t('admin.hold.untilReleased', { reason: h.untilReleasedReason ?? '—' })
      : time.dateTime(h.expiresMs);

  return (
    <section aria-labelledby={`${hid}-h`}>
      <h2 id={`${hid}-h`}>{t('admin.tab.holds')}</h2>
      <OutcomeLine outcome={outcome} />
      <div className="admin-actions">
        <button type="button" onClick={() => setDraft(EMPTY_HOLD)}>
          {t('admin.hold.new')}
        </button>
      </div>
      {draft !== null && (
        <HoldForm
          draft={draft}
          cameras={cameras}
          onChange={setDraft}
          onCancel={() => setDraft(null)}
          onSubmit={() =>
            run(
              () => adminApi.placeHold(holdBody(draft, time.timeZone)),
              () => setDraft(null),
            )
          }
        />
      )}
      {holds.length === 0 ? (
        <p className="admin-muted">{t('admin.hold.none')}</p>
      ) : (
        <table className="admin-table">
          <thead>
            <tr>
              <th scope="col">{t('admin.hold.cameras')}</th>
              <th scope="col">{t('admin.hold.range')}</th>
              <th scope="col">{t('admin.hold.authority')}</th>
              <th scope="col">{t('admin.hold.description')}</th>
              <th scope="col">{t('admin.hold.expires')}</th>
              <th scope="col">{t('admin.hold.status')}</th>
              <th scope="col">{t('admin.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {holds.map((h) => (
              <tr key={h.id}>
                <td className="mono small">{h.cameraIds.join(', ')}</td>
                <td className="small">
                  {time.dateTime(h.fromMs)} – {time.dateTime(h.toMs)}
                </td>
                <td>
                  {h.authority}
                  <div className="small admin-muted">{h.reference}</div>
                </td>
                <td className="small">{h.description}</td>
                <td className="small">{expiryText(h)}</td>
                <td>
                  {t(`admin.hold.status.${h.status}` as MessageKey)}
                  {h.released && (
                    <div className="small admin-muted">
                      {time.dateTime(h.released.atMs)}: {h.released.reason}
                    </div>
                  )}
                </td>
                <td>
                  {h.status === 'active' && (
                    <div className="admin-actions">
                      <button
                        type="button"
                        onClick={() =>
                          setChange({ id: h.id, kind: 'extend', expires: '', reason: '' })
                        }
                      >
                        {t('admin.hold.extend')}
                      </button>
                      <button
                        type="button"
                        onClick={() =>
                          setChange({ id: h.id, kind: 'release', expires: '', reason: '' })
                        }
                      >
                        {t('admin.hold.release')}
                      </button>
                    </div>
                  )}
                  {change?.id === h.id && (
                    <form
                      className="admin-inline"
                      onSubmit={(e) => {
                        e.preventDefault();
                        const done = () => setChange(null);
                        run(
                          change.kind === 'extend'
                            ? () =>
                                adminApi.extendHold(
                                  h.id,
                                  extendBody(change.expires, change.reason, time.timeZone),
                                )
                            : () => adminApi.releaseHold(h.id, change.reason),
                          done,
                        );
                      }}
                    >
                      {change.kind === 'extend' && (
                        <label>
                          {t('admin.hold.newExpiry')}
                          <input
                            value={change.expires}
                            placeholder="31/12/2026 23:59"
                            onChange={(e) => setChange({ ...change, expires: e.target.value })}
                          />
                        </label>
                      )}
                      <label>
                        {change.kind === 'extend'
                          ? t('admin.hold.extendReason')
                          : t('admin.hold.releaseReason')}
                        <input
                          value={change.reason}
                          onChange={(e) => setChange({ ...change, reason: e.target.value })}
                        />
                      </label>
                      <div className="admin-actions">
                        <button type="submit">
                          {change.kind === 'extend'
                            ? t('admin.hold.extendConfirm')
                            : t('admin.hold.releaseConfirm')}
                        </button>
                        <button type="button" onClick={() => setChange(null)}>
                          {t('admin.cancel')}
                        </button>
                      </div>
                    </form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
