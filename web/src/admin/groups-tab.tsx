/** Camera groups: the units agreements grant by (a district, a square, a route). */
import { useCallback, useId, useState } from 'react';
import { useI18n } from '../i18n/index.ts';
import { adminApi } from './admin-api.ts';
import { attempt, CheckList, NotReady, OutcomeLine, type Outcome } from './feedback.tsx';
import { useLoad } from './use-load.ts';

interface Draft {
  id: string;
  name: string;
  description: string;
  cameraIds: string[];
  editing: boolean;
}

const EMPTY: Draft = { id: '', name: '', description: '', cameraIds: [], editing: false };

/** The camera groups tab. */
export function GroupsTab() {
  const { t } = useI18n();
  const hid = useId();
  const load = useCallback(async (s: AbortSignal) => {
    const [groups, cameras] = await Promise.all([adminApi.groups(s), adminApi.cameras(s)]);
    return { groups, cameras };
  }, []);
  const { loaded, reload } = useLoad(load);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [draft, setDraft] = useState<Draft>(EMPTY);

  if (loaded.state !== 'ready') return <NotReady loaded={loaded} onRetry={reload} />;
  const { groups, cameras } = loaded.data;
  const done = (ok: boolean) => {
    if (ok) {
      setDraft(EMPTY);
      reload();
    }
  };

  return (
    <section aria-labelledby={`${hid}-h`}>
      <h2 id={`${hid}-h`}>{t('admin.tab.groups')}</h2>
      <OutcomeLine outcome={outcome} />
      <table className="admin-table">
        <thead>
          <tr>
            <th scope="col">{t('admin.group.id')}</th>
            <th scope="col">{t('admin.group.name')}</th>
            <th scope="col">{t('admin.group.cameras')}</th>
            <th scope="col">{t('admin.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {groups.map((g) => (
            <tr key={g.id}>
              <td className="mono">{g.id}</td>
              <td>
                {g.name}
                <div className="small muted">{g.description}</div>
              </td>
              <td className="mono small">{g.cameraIds.join(', ') || '—'}</td>
              <td className="admin-actions">
                <button type="button" onClick={() => setDraft({ ...g, editing: true })}>
                  {t('admin.edit')}
                </button>
                <button
                  type="button"
                  onClick={() =>
                    void attempt(() => adminApi.deleteGroup(g.id), setOutcome).then(done)
                  }
                >
                  {t('admin.delete')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form
        className="admin-form"
        onSubmit={(e) => {
          e.preventDefault();
          const body = {
            name: draft.name.trim(),
            description: draft.description,
            cameraIds: draft.cameraIds,
          };
          const action = draft.editing
            ? () => adminApi.changeGroup(draft.id, body)
            : () => adminApi.addGroup({ id: draft.id.trim(), ...body });
          void attempt(action, setOutcome).then(done);
        }}
      >
        <h3>
          {draft.editing ? t('admin.group.change', { name: draft.name }) : t('admin.group.add')}
        </h3>
        <label>
          {t('admin.group.id')}
          <input
            required
            disabled={draft.editing}
            value={draft.id}
            onChange={(e) => setDraft({ ...draft, id: e.target.value })}
            placeholder="grp-centro-storico"
          />
        </label>
        <label>
          {t('admin.group.name')}
          <input
            required
            value={draft.name}
            onChange={(e) => setDraft({ ...draft, name: e.target.value })}
          />
        </label>
        <label>
          {t('admin.group.description')}
          <input
            value={draft.description}
            onChange={(e) => setDraft({ ...draft, description: e.target.value })}
          />
        </label>
        <CheckList
          legend={t('admin.group.cameras')}
          options={cameras.map((c) => c.id)}
          checked={draft.cameraIds}
          onChange={(cameraIds) => setDraft({ ...draft, cameraIds })}
          label={(cid) => `${cid} — ${cameras.find((c) => c.id === cid)?.name ?? ''}`}
        />
        <button type="submit">{draft.editing ? t('admin.save') : t('admin.add')}</button>
        {draft.editing && (
          <button type="button" onClick={() => setDraft(EMPTY)}>
            {t('admin.cancel')}
          </button>
        )}
      </form>
    </section>
  );
}
