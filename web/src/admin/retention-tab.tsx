/**
 * The retention tab: how many days each camera keeps its recordings, and the written
 * justification needed over 72 hours (3 days); at most 7 days for urban security. The rules are
 * the server's (`PATCH /api/cameras/{id}`, `cameras/retention-policy.ts`): this page sends what
 * is typed and shows the server's message in the user's language.
 */
import { useCallback, useId, useState } from 'react';
import type { Camera } from '../api/index.ts';
import { useI18n, type MessageKey } from '../i18n/index.ts';
import { adminApi } from './admin-api.ts';
import { attempt, NotReady, OutcomeLine, type Outcome } from './feedback.tsx';
import { useLoad } from './use-load.ts';

interface RetentionDraft {
  cameraId: string;
  days: string;
  justification: string;
}

/** The body of a retention change: days as typed (a number when it is one). */
export function retentionBody(d: RetentionDraft): Record<string, unknown> {
  const days = d.days.trim();
  return {
    retentionDays: /^\d+$/.test(days) ? Number(days) : days,
    retentionJustification: d.justification.trim() === '' ? null : d.justification.trim(),
  };
}

/** The retention tab. */
export function RetentionTab() {
  const { t } = useI18n();
  const hid = useId();
  const load = useCallback((s: AbortSignal) => adminApi.cameras(s), []);
  const { loaded, reload } = useLoad(load);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [draft, setDraft] = useState<RetentionDraft | null>(null);

  if (loaded.state !== 'ready') return <NotReady loaded={loaded} onRetry={reload} />;
  const cameras = loaded.data;
  const edit = (c: Camera) =>
    setDraft({
      cameraId: c.id,
      days: String(c.retentionDays),
      justification: c.retentionJustification ?? '',
    });
  const editing = draft === null ? undefined : cameras.find((c) => c.id === draft.cameraId);

  return (
    <section aria-labelledby={`${hid}-h`}>
      <h2 id={`${hid}-h`}>{t('admin.tab.retention')}</h2>
      <p className="admin-muted">{t('admin.retention.rules')}</p>
      <OutcomeLine outcome={outcome} />
      {draft !== null && editing !== undefined && (
        <form
          className="admin-form"
          onSubmit={(e) => {
            e.preventDefault();
            void attempt(
              () => adminApi.changeCamera(draft.cameraId, retentionBody(draft)),
              setOutcome,
            ).then((ok) => {
              if (ok) {
                setDraft(null);
                reload();
              }
            });
          }}
        >
          <h3>{t('admin.retention.change', { id: editing.id, name: editing.name })}</h3>
          <label>
            {t('admin.retention.days')}
            <input
              inputMode="numeric"
              value={draft.days}
              onChange={(e) => setDraft({ ...draft, days: e.target.value })}
            />
          </label>
          <label>
            {t('admin.retention.justification')}
            <textarea
              rows={3}
              value={draft.justification}
              placeholder={t('admin.retention.justificationHint')}
              onChange={(e) => setDraft({ ...draft, justification: e.target.value })}
            />
          </label>
          <div className="admin-actions">
            <button type="submit">{t('admin.save')}</button>
            <button type="button" onClick={() => setDraft(null)}>
              {t('admin.cancel')}
            </button>
          </div>
        </form>
      )}
      <table className="admin-table">
        <thead>
          <tr>
            <th scope="col">{t('admin.camera.id')}</th>
            <th scope="col">{t('admin.camera.name')}</th>
            <th scope="col">{t('admin.retention.purpose')}</th>
            <th scope="col">{t('admin.retention.days')}</th>
            <th scope="col">{t('admin.retention.justification')}</th>
            <th scope="col">{t('admin.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {cameras.map((c) => (
            <tr key={c.id}>
              <td className="mono nowrap">{c.id}</td>
              <td>{c.name}</td>
              <td>{t(`purpose.${c.purpose}` as MessageKey)}</td>
              <td>{t('admin.retention.daysValue', { n: c.retentionDays })}</td>
              <td className="small">{c.retentionJustification ?? '—'}</td>
              <td>
                <button type="button" onClick={() => edit(c)}>
                  {t('admin.edit')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
