/**
 * Accounts: list, create, change role or display name, disable, reset the password (a refused
 * password is said in the user's words), unlock the sign-in of an account held back after failed
 * logins.
 */
import { useCallback, useId, useState } from 'react';
import { useI18n } from '../i18n/index.ts';
import { adminApi } from './admin-api.ts';
import { attempt, NotReady, OutcomeLine, type Outcome } from './feedback.tsx';
import { roleLabel } from './labels.ts';
import { withPasswordRefusal } from './password-refusal.ts';
import { signInHeld, SignInNote } from './sign-in-state.tsx';
import { useLoad } from './use-load.ts';

const EMPTY = { username: '', displayName: '', password: '', role: 'operator', agencyId: '' };

/** The accounts tab. */
export function UsersTab({ selfId }: { selfId: string }) {
  const { t } = useI18n();
  const id = useId();
  const load = useCallback(async (s: AbortSignal) => {
    const [users, roles, agencies] = await Promise.all([
      adminApi.users(s),
      adminApi.roles(s),
      adminApi.agencies(s),
    ]);
    return { users, roles, agencies };
  }, []);
  const { loaded, reload } = useLoad(load);
  const [outcome, setReported] = useState<Outcome>(null);
  const setOutcome = (o: Outcome) => setReported(withPasswordRefusal(o, t));
  const [draft, setDraft] = useState(EMPTY);
  const [password, setPassword] = useState<{ id: string; value: string } | null>(null);

  if (loaded.state !== 'ready') return <NotReady loaded={loaded} onRetry={reload} />;
  const { users, roles, agencies } = loaded.data;
  const agencyName = (aid: string) => agencies.find((a) => a.id === aid)?.name ?? aid;
  const change = (uid: string, body: Record<string, unknown>) =>
    void attempt(() => adminApi.changeUser(uid, body), setOutcome).then((ok) => ok && reload());
  const unlock = (uid: string) =>
    void attempt(() => adminApi.unlockUser(uid), setOutcome).then((ok) => ok && reload());

  return (
    <section aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('admin.tab.users')}</h2>
      <OutcomeLine outcome={outcome} />
      <table className="admin-table">
        <thead>
          <tr>
            <th scope="col">{t('admin.user.username')}</th>
            <th scope="col">{t('admin.user.displayName')}</th>
            <th scope="col">{t('admin.user.agency')}</th>
            <th scope="col">{t('admin.user.role')}</th>
            <th scope="col">{t('admin.user.state')}</th>
            <th scope="col">{t('admin.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr key={u.id} className={u.disabled ? 'admin-muted' : undefined}>
              <td className="mono">{u.username}</td>
              <td>{u.displayName}</td>
              <td>{agencyName(u.agencyId)}</td>
              <td>
                <select
                  aria-label={t('admin.user.role')}
                  value={u.role}
                  onChange={(e) => change(u.id, { role: e.target.value })}
                >
                  {roles.map((r) => (
                    <option key={r.name} value={r.name}>
                      {roleLabel(t, r.name)}
                    </option>
                  ))}
                </select>
              </td>
              <td>
                {t(u.disabled ? 'admin.user.disabled' : 'admin.user.enabled')}
                <SignInNote user={u} />
              </td>
              <td className="admin-actions">
                {signInHeld(u) && (
                  <button type="button" onClick={() => unlock(u.id)}>
                    {t('admin.user.unlock')}
                  </button>
                )}
                {u.id !== selfId && (
                  <button type="button" onClick={() => change(u.id, { disabled: !u.disabled })}>
                    {t(u.disabled ? 'admin.user.enable' : 'admin.user.disable')}
                  </button>
                )}
                {password?.id === u.id ? (
                  <form
                    onSubmit={(e) => {
                      e.preventDefault();
                      change(u.id, { password: password.value });
                      setPassword(null);
                    }}
                  >
                    <input
                      type="password"
                      autoComplete="new-password"
                      aria-label={t('admin.user.newPassword')}
                      value={password.value}
                      onChange={(e) => setPassword({ id: u.id, value: e.target.value })}
                    />
                    <button type="submit">{t('admin.save')}</button>
                  </form>
                ) : (
                  <button type="button" onClick={() => setPassword({ id: u.id, value: '' })}>
                    {t('admin.user.resetPassword')}
                  </button>
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
          const body = {
            username: draft.username.trim(),
            password: draft.password,
            role: draft.role,
            agencyId: draft.agencyId || agencies[0]?.id || '',
            ...(draft.displayName.trim() === '' ? {} : { displayName: draft.displayName.trim() }),
          };
          void attempt(() => adminApi.addUser(body), setOutcome).then((ok) => {
            if (ok) {
              setDraft(EMPTY);
              reload();
            }
          });
        }}
      >
        <h3>{t('admin.user.add')}</h3>
        <label>
          {t('admin.user.username')}
          <input
            required
            value={draft.username}
            onChange={(e) => setDraft({ ...draft, username: e.target.value })}
          />
        </label>
        <label>
          {t('admin.user.displayName')}
          <input
            value={draft.displayName}
            onChange={(e) => setDraft({ ...draft, displayName: e.target.value })}
          />
        </label>
        <label>
          {t('admin.user.password')}
          <input
            required
            type="password"
            autoComplete="new-password"
            value={draft.password}
            onChange={(e) => setDraft({ ...draft, password: e.target.value })}
          />
        </label>
        <label>
          {t('admin.user.agency')}
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
          {t('admin.user.role')}
          <select value={draft.role} onChange={(e) => setDraft({ ...draft, role: e.target.value })}>
            {roles.map((r) => (
              <option key={r.name} value={r.name}>
                {roleLabel(t, r.name)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">{t('admin.add')}</button>
      </form>
    </section>
  );
}
