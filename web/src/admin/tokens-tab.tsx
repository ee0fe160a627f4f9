/**
 * API tokens for machines: the list (account, scope, expiry, last use, revoked), revoking, and a
 * form that makes a token for an account with a scope out of that account's role and a lifetime
 * in days; the secret is shown once, with the warning that it will not be shown again.
 */
import { useCallback, useId, useState } from 'react';
import { useI18n, type MessageKey } from '../i18n/index.ts';
import { useSiteTime } from '../time/index.ts';
import { adminApi } from './admin-api.ts';
import { attempt, CheckList, NotReady, OutcomeLine, type Outcome } from './feedback.tsx';
import { useLoad } from './use-load.ts';

interface Draft {
  name: string;
  userId: string;
  permissions: string[];
  days: string;
}

const EMPTY: Draft = { name: '', userId: '', permissions: [], days: '90' };

/** The API tokens tab. */
export function TokensTab() {
  const { t } = useI18n();
  const time = useSiteTime();
  const hid = useId();
  const load = useCallback(async (s: AbortSignal) => {
    const [tokens, users, roles] = await Promise.all([
      adminApi.tokens(s),
      adminApi.users(s),
      adminApi.roles(s),
    ]);
    return { tokens, users, roles };
  }, []);
  const { loaded, reload } = useLoad(load);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [secret, setSecret] = useState<string | null>(null);

  if (loaded.state !== 'ready') return <NotReady loaded={loaded} onRetry={reload} />;
  const { tokens, users, roles } = loaded.data;
  const account = users.find((u) => u.id === draft.userId);
  const offered = roles.find((r) => r.name === account?.role)?.permissions ?? [];
  const permLabel = (p: string) => t(`perm.${p}` as MessageKey);
  const stateOf = (x: (typeof tokens)[number]): string =>
    x.revokedMs !== null
      ? t('admin.token.revokedBy', { at: time.dateTime(x.revokedMs), by: x.revokedByName ?? '' })
      : x.expiresMs <= Date.now()
        ? t('admin.token.expired')
        : t('admin.token.activeUntil', { at: time.dateTime(x.expiresMs) });

  return (
    <section aria-labelledby={`${hid}-h`}>
      <h2 id={`${hid}-h`}>{t('admin.tab.tokens')}</h2>
      <p className="small muted">{t('admin.token.intro')}</p>
      <OutcomeLine outcome={outcome} />
      {secret !== null && (
        <div className="admin-secret" role="status" data-testid="token-secret">
          <p>{t('admin.token.secretOnce')}</p>
          <code className="mono">{secret}</code>
          <button type="button" onClick={() => setSecret(null)}>
            {t('admin.token.secretDone')}
          </button>
        </div>
      )}
      <table className="admin-table" aria-label={t('admin.tab.tokens')}>
        <thead>
          <tr>
            <th scope="col">{t('admin.token.name')}</th>
            <th scope="col">{t('admin.token.account')}</th>
            <th scope="col">{t('admin.token.scope')}</th>
            <th scope="col">{t('admin.token.state')}</th>
            <th scope="col">{t('admin.token.lastUsed')}</th>
            <th scope="col">{t('admin.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {tokens.length === 0 && (
            <tr>
              <td colSpan={6} className="muted">
                {t('admin.token.none')}
              </td>
            </tr>
          )}
          {tokens.map((x) => (
            <tr key={x.id} className={x.revokedMs !== null ? 'admin-muted' : undefined}>
              <td>
                {x.name}
                <div className="small muted">
                  {t('admin.token.madeBy', { by: x.createdByName, at: time.dateTime(x.createdMs) })}
                </div>
              </td>
              <td>
                {x.username} <span className="small muted">({x.agencyId})</span>
              </td>
              <td className="small">{x.permissions.map(permLabel).join(', ')}</td>
              <td className="small">{stateOf(x)}</td>
              <td className="small">
                {x.lastUsedMs === null ? t('admin.token.never') : time.dateTime(x.lastUsedMs)}
              </td>
              <td className="admin-actions">
                {x.revokedMs === null && (
                  <button
                    type="button"
                    onClick={() =>
                      void attempt(() => adminApi.revokeToken(x.id), setOutcome).then(
                        (ok) => ok && reload(),
                      )
                    }
                  >
                    {t('admin.token.revoke')}
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
            name: draft.name.trim(),
            userId: draft.userId,
            permissions: draft.permissions,
            days: Number(draft.days),
          };
          void attempt(async () => {
            const made = await adminApi.addToken(body);
            setSecret(made.secret);
          }, setOutcome).then((ok) => {
            if (!ok) return;
            setDraft(EMPTY);
            reload();
          });
        }}
      >
        <h3>{t('admin.token.add')}</h3>
        <label>
          {t('admin.token.name')}
          <input
            required
            maxLength={100}
            value={draft.name}
            placeholder={t('admin.token.namePlaceholder')}
            onChange={(e) => setDraft({ ...draft, name: e.target.value })}
          />
        </label>
        <label>
          {t('admin.token.account')}
          <select
            required
            value={draft.userId}
            onChange={(e) => setDraft({ ...draft, userId: e.target.value, permissions: [] })}
          >
            <option value="">—</option>
            {users
              .filter((u) => !u.disabled)
              .map((u) => (
                <option key={u.id} value={u.id}>
                  {u.username} ({u.agencyId})
                </option>
              ))}
          </select>
        </label>
        <label>
          {t('admin.token.days')}
          <input
            required
            type="number"
            min={1}
            max={366}
            value={draft.days}
            onChange={(e) => setDraft({ ...draft, days: e.target.value })}
          />
        </label>
        {account !== undefined && (
          <CheckList
            legend={t('admin.token.scope')}
            options={offered}
            checked={draft.permissions}
            onChange={(permissions) => setDraft({ ...draft, permissions })}
            label={permLabel}
          />
        )}
        <button type="submit" disabled={draft.permissions.length === 0}>
          {t('admin.token.make')}
        </button>
      </form>
    </section>
  );
}
