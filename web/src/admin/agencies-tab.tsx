/** Agencies: the owner and the partner forces; add a partner, rename one. */
import { useCallback, useId, useState } from 'react';
import { useI18n } from '../i18n/index.ts';
import { adminApi } from './admin-api.ts';
import { attempt, NotReady, OutcomeLine, type Outcome } from './feedback.tsx';
import { useLoad } from './use-load.ts';

/** The agencies tab. `canEdit`: the user holds `agreement.manage`. */
export function AgenciesTab({ canEdit }: { canEdit: boolean }) {
  const { t } = useI18n();
  const id = useId();
  const { loaded, reload } = useLoad(useCallback((s: AbortSignal) => adminApi.agencies(s), []));
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [newId, setNewId] = useState('');
  const [newName, setNewName] = useState('');
  const [editing, setEditing] = useState<{ id: string; name: string } | null>(null);

  if (loaded.state !== 'ready') return <NotReady loaded={loaded} onRetry={reload} />;
  return (
    <section aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('admin.tab.agencies')}</h2>
      <OutcomeLine outcome={outcome} />
      <table className="admin-table">
        <thead>
          <tr>
            <th scope="col">{t('admin.agency.id')}</th>
            <th scope="col">{t('admin.agency.name')}</th>
            <th scope="col">{t('admin.agency.kind')}</th>
            {canEdit && <th scope="col">{t('admin.actions')}</th>}
          </tr>
        </thead>
        <tbody>
          {loaded.data.map((a) => (
            <tr key={a.id}>
              <td className="mono">{a.id}</td>
              <td>
                {editing?.id === a.id ? (
                  <input
                    aria-label={t('admin.agency.name')}
                    value={editing.name}
                    onChange={(e) => setEditing({ id: a.id, name: e.target.value })}
                  />
                ) : (
                  a.name
                )}
              </td>
              <td>{t(a.kind === 'owner' ? 'admin.agency.owner' : 'admin.agency.partner')}</td>
              {canEdit && (
                <td>
                  {editing?.id === a.id ? (
                    <>
                      <button
                        type="button"
                        onClick={() =>
                          void attempt(
                            () => adminApi.renameAgency(a.id, editing.name),
                            setOutcome,
                          ).then((ok) => {
                            if (ok) {
                              setEditing(null);
                              reload();
                            }
                          })
                        }
                      >
                        {t('admin.save')}
                      </button>{' '}
                      <button type="button" onClick={() => setEditing(null)}>
                        {t('admin.cancel')}
                      </button>
                    </>
                  ) : (
                    <button type="button" onClick={() => setEditing({ id: a.id, name: a.name })}>
                      {t('admin.agency.rename')}
                    </button>
                  )}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {canEdit && (
        <form
          className="admin-form"
          onSubmit={(e) => {
            e.preventDefault();
            void attempt(
              () => adminApi.addAgency({ id: newId.trim(), name: newName.trim() }),
              setOutcome,
            ).then((ok) => {
              if (ok) {
                setNewId('');
                setNewName('');
                reload();
              }
            });
          }}
        >
          <h3>{t('admin.agency.add')}</h3>
          <label>
            {t('admin.agency.id')}
            <input
              required
              value={newId}
              onChange={(e) => setNewId(e.target.value)}
              placeholder="carabinieri"
            />
          </label>
          <label>
            {t('admin.agency.name')}
            <input required value={newName} onChange={(e) => setNewName(e.target.value)} />
          </label>
          <button type="submit">{t('admin.add')}</button>
        </form>
      )}
    </section>
  );
}
