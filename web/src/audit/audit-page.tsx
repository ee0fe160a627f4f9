/**
 * The auditor's page: who watched, played back and exported what. Filter by user, agency, camera,
 * action, outcome and time; read newest first, page by page; download the filtered trail as CSV or
 * as JSON signed with the installation key; verify the whole chain on demand.
 */
import { useCallback, useEffect, useId, useState } from 'react';
import type { ReactNode } from 'react';
import { ErrorText, type Camera } from '../api/index.ts';
import { useI18n } from '../i18n/index.ts';
import type { MessageKey } from '../i18n/index.ts';
import type { SectionPageProps } from '../layout/index.ts';
import { adminApi, type Agency } from '../admin/index.ts';
import { SiteDateTimeInput, useSiteTime } from '../time/index.ts';
import { detailsText, EMPTY_FILTER, exportPath, type AuditFilterForm } from './audit-filter.ts';
import { actionLabel, detailsLabel, LABELLED_ACTIONS, reasonLabel } from './audit-labels.ts';
import {
  getAuditPage,
  verifyAuditChain,
  type AuditEntry as Entry,
  type AuditVerification as Verification,
} from './audit-api.ts';
import './audit.css';

/** The audit page. */
export function AuditPage({ user }: SectionPageProps) {
  const { t } = useI18n();
  const { dateTime: time, timeZone } = useSiteTime();
  const id = useId();
  const [form, setForm] = useState<AuditFilterForm>(EMPTY_FILTER);
  const [applied, setApplied] = useState<AuditFilterForm>(EMPTY_FILTER);
  const [entries, setEntries] = useState<Entry[]>([]);
  const [next, setNext] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(false);
  const [agencies, setAgencies] = useState<Agency[]>([]);
  const [cameras, setCameras] = useState<Camera[]>([]);
  const [verification, setVerification] = useState<Verification | 'running' | null>(null);

  const load = useCallback(
    async (filter: AuditFilterForm, before: number | null) => {
      setLoading(true);
      try {
        const page = await getAuditPage(filter, before, timeZone);
        setEntries((old) => (before === null ? page.entries : [...old, ...page.entries]));
        setNext(page.nextBeforeSeq);
        setError(null);
      } catch (e) {
        setError(e);
      } finally {
        setLoading(false);
      }
    },
    [timeZone],
  );

  useEffect(() => {
    void load(EMPTY_FILTER, null);
    adminApi.agencies().then(setAgencies, () => setAgencies([]));
    adminApi.cameras().then(setCameras, () => setCameras([]));
  }, [load]);

  if (!user.permissions.includes('audit.read')) {
    return (
      <p className="page-message" role="status">
        {t('audit.forbidden')}
      </p>
    );
  }

  const field = (key: keyof AuditFilterForm, label: MessageKey, input: ReactNode) => (
    <label htmlFor={`${id}-${key}`}>
      {t(label)}
      {input}
    </label>
  );
  const set = (patch: Partial<AuditFilterForm>) => setForm({ ...form, ...patch });
  const verify = () => {
    setVerification('running');
    verifyAuditChain().then(setVerification, (e: unknown) => {
      setVerification(null);
      setError(e);
    });
  };

  return (
    <div className="audit-page">
      <h1>{t('audit.title')}</h1>
      <p className="muted">{t('audit.intro')}</p>
      <form
        className="audit-filters"
        onSubmit={(e) => {
          e.preventDefault();
          setApplied(form);
          void load(form, null);
        }}
      >
        {field(
          'username',
          'audit.filter.username',
          <input
            id={`${id}-username`}
            value={form.username}
            onChange={(e) => set({ username: e.target.value })}
          />,
        )}
        {field(
          'agencyId',
          'audit.filter.agency',
          <select
            id={`${id}-agencyId`}
            value={form.agencyId}
            onChange={(e) => set({ agencyId: e.target.value })}
          >
            <option value="">{t('audit.filter.any')}</option>
            {agencies.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>,
        )}
        {field(
          'cameraId',
          'audit.filter.camera',
          <input
            id={`${id}-cameraId`}
            list={`${id}-cameras`}
            value={form.cameraId}
            onChange={(e) => set({ cameraId: e.target.value })}
          />,
        )}
        <datalist id={`${id}-cameras`}>
          {cameras.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </datalist>
        {field(
          'action',
          'audit.filter.action',
          <select
            id={`${id}-action`}
            value={form.action}
            onChange={(e) => set({ action: e.target.value })}
          >
            <option value="">{t('audit.filter.any')}</option>
            {LABELLED_ACTIONS.map((a) => (
              <option key={a} value={a}>
                {actionLabel(t, a)}
              </option>
            ))}
          </select>,
        )}
        {field(
          'outcome',
          'audit.filter.outcome',
          <select
            id={`${id}-outcome`}
            value={form.outcome}
            onChange={(e) => set({ outcome: e.target.value as AuditFilterForm['outcome'] })}
          >
            <option value="">{t('audit.filter.any')}</option>
            <option value="granted">{t('audit.outcome.granted')}</option>
            <option value="denied">{t('audit.outcome.denied')}</option>
          </select>,
        )}
        {field(
          'from',
          'audit.filter.from',
          <SiteDateTimeInput
            id={`${id}-from`}
            placeholder={t('time.field.minutes')}
            value={form.from}
            onChange={(v) => set({ from: v })}
          />,
        )}
        {field(
          'to',
          'audit.filter.to',
          <SiteDateTimeInput
            id={`${id}-to`}
            placeholder={t('time.field.minutes')}
            value={form.to}
            onChange={(v) => set({ to: v })}
          />,
        )}
        <div className="audit-toolbar">
          <button type="submit">{t('audit.filter.apply')}</button>
          <button
            type="button"
            onClick={() => {
              setForm(EMPTY_FILTER);
              setApplied(EMPTY_FILTER);
              void load(EMPTY_FILTER, null);
            }}
          >
            {t('audit.filter.reset')}
          </button>
        </div>
      </form>
      <div className="audit-toolbar">
        <a className="button" href={exportPath(applied, 'csv', timeZone)} download>
          {t('audit.export.csv')}
        </a>
        <a className="button" href={exportPath(applied, 'json', timeZone)} download>
          {t('audit.export.json')}
        </a>
        <button type="button" onClick={verify} disabled={verification === 'running'}>
          {verification === 'running' ? t('audit.verify.running') : t('audit.verify.button')}
        </button>
        <span className="small muted">{t('audit.export.note')}</span>
      </div>
      {verification !== null && verification !== 'running' && (
        <p
          className={`admin-outcome ${verification.ok ? 'admin-ok' : 'admin-error'}`}
          role="status"
        >
          {verification.ok
            ? t('audit.verify.ok', {
                entries: verification.entries,
                checkpoints: verification.checkpoints,
                sealed: verification.lastCheckpointSeq,
              })
            : t('audit.verify.broken', {
                seq: verification.firstBreak?.seq ?? '?',
                message: verification.firstBreak?.message ?? '',
              })}
        </p>
      )}
      {error !== null && (
        <p className="admin-outcome admin-error" role="alert">
          <ErrorText error={error} />
        </p>
      )}
      <div className="audit-table-wrap">
        <table className="admin-table">
          <caption className="visually-hidden">{t('audit.title')}</caption>
          <thead>
            <tr>
              {(
                [
                  'seq',
                  'time',
                  'user',
                  'agency',
                  'address',
                  'action',
                  'camera',
                  'range',
                  'outcome',
                  'reason',
                  'case',
                  'details',
                ] as const
              ).map((c) => (
                <th key={c} scope="col">
                  {t(`audit.col.${c}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.seq} className={e.outcome === 'denied' ? 'audit-denied' : undefined}>
                <td className="mono">{e.seq}</td>
                <td>{time(e.timeMs)}</td>
                <td>{e.username ?? '—'}</td>
                <td>{e.agencyId ?? '—'}</td>
                <td className="mono small">{e.sourceAddress ?? ''}</td>
                <td data-audit-action={e.action}>{actionLabel(t, e.action)}</td>
                <td className="mono">{e.cameraId ?? e.resource ?? ''}</td>
                <td className="small">
                  {e.fromMs !== null && e.toMs !== null
                    ? `${time(e.fromMs)} → ${time(e.toMs)}`
                    : ''}
                </td>
                <td>
                  {t(e.outcome === 'granted' ? 'audit.outcome.granted' : 'audit.outcome.denied')}
                </td>
                <td data-audit-reason={e.reason ?? ''}>
                  {e.reason === null ? '' : reasonLabel(t, e.reason, e.action)}
                </td>
                <td>{e.caseReference ?? ''}</td>
                <td className="small audit-details">
                  {detailsLabel(t, e.action, e.details, detailsText)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {entries.length === 0 && !loading && <p className="muted">{t('audit.empty')}</p>}
      {next !== null && (
        <button type="button" disabled={loading} onClick={() => void load(applied, next)}>
          {t('audit.more')}
        </button>
      )}
    </div>
  );
}
