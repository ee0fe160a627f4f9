/**
 * Agreements: each grant of cameras to a partner agency, with its legal instrument, validity,
 * permissions and scope; create, change, suspend, resume and revoke (with a reason).
 */
import { useCallback, useId, useState } from 'react';
import { useI18n } from '../i18n/index.ts';
import type { MessageKey } from '../i18n/index.ts';
import { useSiteTime } from '../time/index.ts';
import { adminApi } from './admin-api.ts';
import type { AgreementForm } from './admin-model.ts';
import type { Agreement } from './admin-types.ts';
import { agreementForm, AgreementFormView, newAgreementForm } from './agreement-form.tsx';
import { attempt, NotReady, OutcomeLine, type Outcome } from './feedback.tsx';
import { permissionLabel } from './labels.ts';
import { useLoad } from './use-load.ts';

type StatusAction = 'suspend' | 'resume' | 'revoke';

/** The agreements tab. */
export function AgreementsTab() {
  const { t } = useI18n();
  const { dateTime, timeZone } = useSiteTime();
  const id = useId();
  const load = useCallback(async (s: AbortSignal) => {
    const [agreements, agencies, cameras, groups] = await Promise.all([
      adminApi.agreements(s),
      adminApi.agencies(s),
      adminApi.cameras(s),
      adminApi.groups(s),
    ]);
    return { agreements, agencies, cameras, groups };
  }, []);
  const { loaded, reload } = useLoad(load);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [form, setForm] = useState<{ initial: AgreementForm; id: string | null } | null>(null);
  const [pending, setPending] = useState<{
    id: string;
    action: StatusAction;
    reason: string;
  } | null>(null);

  if (loaded.state !== 'ready') return <NotReady loaded={loaded} onRetry={reload} />;
  const { agreements, agencies, cameras, groups } = loaded.data;
  const agencyName = (aid: string) => agencies.find((a) => a.id === aid)?.name ?? aid;
  const when = (ms: number | null) => (ms === null ? t('admin.agreement.openEnded') : dateTime(ms));
  const run = (action: () => Promise<unknown>) =>
    void attempt(action, setOutcome).then((ok) => {
      if (ok) {
        setForm(null);
        setPending(null);
        reload();
      }
    });
  const statusButton = (a: Agreement, action: StatusAction) => (
    <button
      type="button"
      onClick={() =>
        action === 'resume'
          ? run(() => adminApi.setAgreementStatus(a.id, 'resume'))
          : setPending({ id: a.id, action, reason: '' })
      }
    >
      {t(`admin.agreement.${action}` as MessageKey)}
    </button>
  );

  return (
    <section aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('admin.tab.agreements')}</h2>
      <OutcomeLine outcome={outcome} />
      {agreements.length === 0 && <p className="muted">{t('admin.agreement.none')}</p>}
      <ul className="admin-cards">
        {agreements.map((a) => (
          <li key={a.id} className={`admin-card status-${a.status}`}>
            <h3>
              {a.title} — {agencyName(a.granteeAgencyId)}
            </h3>
            <p>
              <span className={`chip ${a.inForce ? 'chip-enabled' : 'chip-disabled'}`}>
                {t(a.inForce ? 'admin.agreement.inForce' : 'admin.agreement.notInForce')}
              </span>{' '}
              {t(`admin.agreement.status.${a.status}` as MessageKey)}
              {a.statusReason !== '' && <span className="muted"> — {a.statusReason}</span>}
            </p>
            <dl className="details-grid">
              <dt>{t('admin.agreement.legalInstrument')}</dt>
              <dd>
                {a.legalInstrument} ({a.legalInstrumentDate})
              </dd>
              <dt>{t('admin.agreement.validity')}</dt>
              <dd>
                {when(a.validFromMs)} → {when(a.validUntilMs)}
              </dd>
              <dt>{t('admin.agreement.permissions')}</dt>
              <dd>{a.permissions.map((p) => permissionLabel(t, p)).join(', ')}</dd>
              <dt>{t('admin.agreement.groupIds')}</dt>
              <dd>
                {a.groupIds.map((g) => groups.find((x) => x.id === g)?.name ?? g).join(', ') || '—'}
              </dd>
              <dt>{t('admin.agreement.cameraIds')}</dt>
              <dd className="mono">{a.cameraIds.join(', ') || '—'}</dd>
            </dl>
            {a.status !== 'revoked' && (
              <div className="admin-actions">
                <button
                  type="button"
                  onClick={() => setForm({ initial: agreementForm(a, timeZone), id: a.id })}
                >
                  {t('admin.edit')}
                </button>
                {a.status === 'active' ? statusButton(a, 'suspend') : statusButton(a, 'resume')}
                {statusButton(a, 'revoke')}
              </div>
            )}
            {pending?.id === a.id && (
              <form
                className="admin-inline"
                onSubmit={(e) => {
                  e.preventDefault();
                  run(() => adminApi.setAgreementStatus(a.id, pending.action, pending.reason));
                }}
              >
                <label>
                  {t('admin.agreement.reason')}
                  <input
                    required
                    minLength={3}
                    value={pending.reason}
                    onChange={(e) => setPending({ ...pending, reason: e.target.value })}
                  />
                </label>
                <button type="submit">
                  {t(`admin.agreement.${pending.action}` as MessageKey)}
                </button>
                <button type="button" onClick={() => setPending(null)}>
                  {t('admin.cancel')}
                </button>
                {pending.action === 'revoke' && (
                  <p className="warning small">{t('admin.agreement.revokeWarning')}</p>
                )}
              </form>
            )}
          </li>
        ))}
      </ul>
      {form === null ? (
        <button
          type="button"
          onClick={() => setForm({ initial: newAgreementForm(Date.now(), timeZone), id: null })}
        >
          {t('admin.agreement.add')}
        </button>
      ) : (
        <AgreementFormView
          key={form.id ?? 'new'}
          initial={form.initial}
          existing={form.id !== null}
          agencies={agencies}
          cameras={cameras}
          groups={groups}
          onCancel={() => setForm(null)}
          onSubmit={(body) =>
            run(() =>
              form.id === null
                ? adminApi.addAgreement(body)
                : adminApi.changeAgreement(form.id, body),
            )
          }
        />
      )}
    </section>
  );
}
