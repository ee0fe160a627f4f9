/**
 * The DPO's compliance report as a printable page: cameras without a sign, incomplete register
 * entries, retention exceptions with their justifications, legal holds in force, deletion runs of
 * the last 30 days, agreements in force, and cameras allowed to send their password in clear
 * (Basic over plain RTSP). «Print» uses the browser (a PDF via "Save as PDF").
 */
import { useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import { ApiError, ErrorText } from '../api/index.ts';
import { useI18n, type MessageKey } from '../i18n/index.ts';
import { useSiteTime } from '../time/index.ts';
import type { SectionPageProps } from '../layout/index.ts';
import { formatBytes, getComplianceReport, type ComplianceReport } from './compliance-api.ts';
import './compliance.css';

type Data =
  | { state: 'loading' }
  | { state: 'denied' }
  | { state: 'error'; error: unknown }
  | { state: 'ready'; report: ComplianceReport };

function Section({ title, id, children }: { title: string; id: string; children: ReactNode }) {
  return (
    <section className="compliance-section" data-compliance={id}>
      <h2>{title}</h2>
      {children}
    </section>
  );
}

/** The compliance page. */
export function CompliancePage(_props: SectionPageProps) {
  const { t, lang } = useI18n();
  const [data, setData] = useState<Data>({ state: 'loading' });
  const siteTime = useSiteTime();

  useEffect(() => {
    const controller = new AbortController();
    getComplianceReport(controller.signal).then(
      (report) => setData({ state: 'ready', report }),
      (e: unknown) => {
        if (controller.signal.aborted) return;
        if (e instanceof ApiError && e.status === 403) setData({ state: 'denied' });
        else setData({ state: 'error', error: e });
      },
    );
    return () => controller.abort();
  }, []);

  if (data.state === 'loading') return <p role="status">{t('app.loading')}</p>;
  if (data.state === 'denied') return <p role="alert">{t('compliance.denied')}</p>;
  if (data.state === 'error') {
    return (
      <p role="alert">
        <ErrorText error={data.error} />
      </p>
    );
  }
  const r = data.report;
  const when = siteTime.dateTime;
  const none = <p>{t('compliance.none')}</p>;

  return (
    <article className="compliance-report">
      <header className="compliance-header">
        <div>
          <h1>{t('compliance.title')}</h1>
          <p>{t('compliance.generated', { date: when(r.generatedMs), cameras: r.cameraCount })}</p>
        </div>
        <button type="button" className="no-print" onClick={() => window.print()}>
          {t('compliance.print')}
        </button>
      </header>

      <Section id="signage" title={t('compliance.signage')}>
        {r.camerasWithoutSignage.length === 0 ? (
          none
        ) : (
          <table>
            <thead>
              <tr>
                <th>{t('compliance.col.camera')}</th>
                <th>{t('compliance.col.address')}</th>
                <th>{t('compliance.col.status')}</th>
              </tr>
            </thead>
            <tbody>
              {r.camerasWithoutSignage.map((c) => (
                <tr key={c.cameraId}>
                  <td>
                    {c.name} ({c.cameraId})
                  </td>
                  <td>{c.location.address}</td>
                  <td>{t(`signage.${c.signage.status}` as MessageKey)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Section>

      <Section id="incomplete" title={t('compliance.incomplete')}>
        {r.registerIncomplete.length === 0 ? (
          none
        ) : (
          <table>
            <thead>
              <tr>
                <th>{t('compliance.col.camera')}</th>
                <th>{t('compliance.col.missing')}</th>
              </tr>
            </thead>
            <tbody>
              {r.registerIncomplete.map((c) => (
                <tr key={c.cameraId}>
                  <td>
                    {c.name} ({c.cameraId})
                  </td>
                  <td>
                    {c.missing.map((m) => t(`compliance.missing.${m}` as MessageKey)).join(', ')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Section>

      <Section id="exceptions" title={t('compliance.exceptions')}>
        {r.retentionExceptions.length === 0 ? (
          none
        ) : (
          <table>
            <thead>
              <tr>
                <th>{t('compliance.col.camera')}</th>
                <th>{t('compliance.col.purpose')}</th>
                <th>{t('compliance.col.days')}</th>
                <th>{t('compliance.col.justification')}</th>
              </tr>
            </thead>
            <tbody>
              {r.retentionExceptions.map((c) => (
                <tr key={c.cameraId}>
                  <td>
                    {c.name} ({c.cameraId})
                  </td>
                  <td>{t(`purpose.${c.purpose}` as MessageKey)}</td>
                  <td>{c.retentionDays}</td>
                  <td>{c.retentionJustification ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Section>

      <Section id="holds" title={t('compliance.holds')}>
        {r.activeHolds.length === 0 ? (
          none
        ) : (
          <table>
            <thead>
              <tr>
                <th>{t('compliance.col.authority')}</th>
                <th>{t('compliance.col.reference')}</th>
                <th>{t('compliance.col.camera')}</th>
                <th>{t('compliance.col.range')}</th>
                <th>{t('compliance.col.expires')}</th>
              </tr>
            </thead>
            <tbody>
              {r.activeHolds.map((h) => (
                <tr key={h.id}>
                  <td>{h.authority}</td>
                  <td>
                    {h.reference}
                    <div className="compliance-muted">{h.description}</div>
                  </td>
                  <td>{h.cameraIds.join(', ')}</td>
                  <td>
                    {when(h.fromMs)} – {when(h.toMs)}
                  </td>
                  <td>
                    {h.expiresMs === null ? t('compliance.untilReleased') : when(h.expiresMs)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Section>

      <Section id="runs" title={t('compliance.runs')}>
        <p>
          {t('compliance.runsTotals', {
            runs: r.deletionTotals.runs,
            segments: r.deletionTotals.segments,
            size: formatBytes(r.deletionTotals.bytes, lang),
            failed: r.deletionTotals.failed,
          })}
        </p>
        {r.deletionRuns.length > 0 && (
          <table>
            <thead>
              <tr>
                <th>{t('compliance.col.started')}</th>
                <th>{t('compliance.col.kind')}</th>
                <th>{t('compliance.col.state')}</th>
                <th>{t('compliance.col.segments')}</th>
                <th>{t('compliance.col.size')}</th>
                <th>{t('compliance.col.camera')}</th>
              </tr>
            </thead>
            <tbody>
              {r.deletionRuns.map((run) => (
                <tr key={run.id} data-run-state={run.state}>
                  <td>{when(run.startedMs)}</td>
                  <td>{t(`compliance.kind.${run.kind}` as MessageKey)}</td>
                  <td>
                    {t(`compliance.state.${run.state}` as MessageKey)}
                    {run.error !== null && <div className="compliance-muted">{run.error}</div>}
                  </td>
                  <td>{run.segmentsDeleted}</td>
                  <td>{formatBytes(run.bytesDeleted, lang)}</td>
                  <td>{Object.keys(run.cameras).join(', ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Section>

      <Section id="agreements" title={t('compliance.agreements')}>
        {r.agreementsInForce.length === 0 ? (
          none
        ) : (
          <table>
            <thead>
              <tr>
                <th>{t('compliance.col.agency')}</th>
                <th>{t('compliance.col.instrument')}</th>
                <th>{t('compliance.col.validity')}</th>
                <th>{t('compliance.col.permissions')}</th>
                <th>{t('compliance.col.camera')}</th>
              </tr>
            </thead>
            <tbody>
              {r.agreementsInForce.map((a) => (
                <tr key={a.id}>
                  <td>
                    {a.granteeName}
                    <div className="compliance-muted">{a.title}</div>
                  </td>
                  <td>
                    {a.legalInstrument} ({a.legalInstrumentDate})
                  </td>
                  <td>
                    {when(a.validFromMs)} –{' '}
                    {a.validUntilMs === null ? t('compliance.openEnded') : when(a.validUntilMs)}
                  </td>
                  <td>{a.permissions.join(', ')}</td>
                  <td>{[...a.cameraIds, ...a.groupIds].join(', ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Section>

      <Section id="basic-over-plain-rtsp" title={t('compliance.basicOverPlainRtsp')}>
        {r.basicOverPlainRtsp.length === 0 ? (
          none
        ) : (
          <>
            <p className="warning">{t('compliance.basicOverPlainRtspHelp')}</p>
            <table>
              <thead>
                <tr>
                  <th>{t('compliance.col.camera')}</th>
                  <th>{t('compliance.col.address')}</th>
                </tr>
              </thead>
              <tbody>
                {r.basicOverPlainRtsp.map((c) => (
                  <tr key={c.cameraId}>
                    <td>
                      {c.name} ({c.cameraId})
                    </td>
                    <td>{c.location.address}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </Section>
    </article>
  );
}
