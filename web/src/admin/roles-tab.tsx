/** Roles: the four built-in ones (read-only) and custom ones with an optional look-back limit. */
import { useCallback, useId, useState } from 'react';
import { useI18n } from '../i18n/index.ts';
import { adminApi } from './admin-api.ts';
import { lookbackMs } from './admin-model.ts';
import { PERMISSIONS, type Role } from './admin-types.ts';
import { attempt, CheckList, NotReady, OutcomeLine, type Outcome } from './feedback.tsx';
import { permissionLabel, roleDescription, roleLabel } from './labels.ts';
import { useLoad } from './use-load.ts';

interface Draft {
  name: string;
  description: string;
  permissions: string[];
  hours: string;
  /** The custom role being changed, or null for a new one. */
  editing: string | null;
}

const EMPTY: Draft = { name: '', description: '', permissions: [], hours: '', editing: null };

function draftOf(r: Role): Draft {
  return {
    name: r.name,
    description: r.description,
    permissions: r.permissions,
    hours: r.playbackLookbackMs === null ? '' : String(r.playbackLookbackMs / 3_600_000),
    editing: r.name,
  };
}

/** The roles tab. `canEdit`: the user may define roles for the whole installation. */
export function RolesTab({ canEdit }: { canEdit: boolean }) {
  const { t } = useI18n();
  const id = useId();
  const { loaded, reload } = useLoad(useCallback((s: AbortSignal) => adminApi.roles(s), []));
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [draft, setDraft] = useState<Draft>(EMPTY);

  if (loaded.state !== 'ready') return <NotReady loaded={loaded} onRetry={reload} />;
  const done = (ok: boolean) => {
    if (ok) {
      setDraft(EMPTY);
      reload();
    }
  };
  const submit = () => {
    const ms = lookbackMs(draft.hours);
    if (ms === undefined) {
      setOutcome({ ok: false, message: t('admin.role.lookbackInvalid') });
      return;
    }
    const terms = {
      description: draft.description,
      permissions: draft.permissions,
      playbackLookbackMs: ms,
    };
    const action =
      draft.editing === null
        ? () => adminApi.addRole({ name: draft.name.trim(), ...terms })
        : () => adminApi.changeRole(draft.editing ?? '', terms);
    void attempt(action, setOutcome).then(done);
  };

  return (
    <section aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('admin.tab.roles')}</h2>
      <OutcomeLine outcome={outcome} />
      <table className="admin-table">
        <thead>
          <tr>
            <th scope="col">{t('admin.role.name')}</th>
            <th scope="col">{t('admin.role.permissions')}</th>
            <th scope="col">{t('admin.role.lookback')}</th>
            {canEdit && <th scope="col">{t('admin.actions')}</th>}
          </tr>
        </thead>
        <tbody>
          {loaded.data.map((r) => (
            <tr key={r.name}>
              <td>
                <strong>{roleLabel(t, r.name)}</strong>
                {r.builtIn && <span className="chip">{t('admin.role.builtIn')}</span>}
                <div className="small muted">{roleDescription(t, r)}</div>
              </td>
              <td className="small">
                {r.permissions.map((p) => permissionLabel(t, p)).join(', ')}
              </td>
              <td>
                {r.playbackLookbackMs === null
                  ? t('admin.role.noLimit')
                  : t('admin.role.hours', { hours: r.playbackLookbackMs / 3_600_000 })}
              </td>
              {canEdit && (
                <td className="admin-actions">
                  {!r.builtIn && (
                    <>
                      <button type="button" onClick={() => setDraft(draftOf(r))}>
                        {t('admin.edit')}
                      </button>
                      <button
                        type="button"
                        onClick={() =>
                          void attempt(() => adminApi.deleteRole(r.name), setOutcome).then(done)
                        }
                      >
                        {t('admin.delete')}
                      </button>
                    </>
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
            submit();
          }}
        >
          <h3>
            {draft.editing === null
              ? t('admin.role.add')
              : t('admin.role.change', { name: draft.editing })}
          </h3>
          <label>
            {t('admin.role.name')}
            <input
              required
              disabled={draft.editing !== null}
              value={draft.name}
              onChange={(e) => setDraft({ ...draft, name: e.target.value })}
              placeholder="operatore-notte"
            />
          </label>
          <label>
            {t('admin.role.description')}
            <input
              value={draft.description}
              onChange={(e) => setDraft({ ...draft, description: e.target.value })}
            />
          </label>
          <CheckList
            legend={t('admin.role.permissions')}
            options={PERMISSIONS}
            checked={draft.permissions}
            onChange={(permissions) => setDraft({ ...draft, permissions })}
            label={(p) => permissionLabel(t, p)}
          />
          <label>
            {t('admin.role.lookbackHours')}
            <input
              inputMode="decimal"
              value={draft.hours}
              onChange={(e) => setDraft({ ...draft, hours: e.target.value })}
              placeholder={t('admin.role.noLimit')}
            />
          </label>
          <button type="submit">{draft.editing === null ? t('admin.add') : t('admin.save')}</button>
          {draft.editing !== null && (
            <button type="button" onClick={() => setDraft(EMPTY)}>
              {t('admin.cancel')}
            </button>
          )}
        </form>
      )}
    </section>
  );
}
