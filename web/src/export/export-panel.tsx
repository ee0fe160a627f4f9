/**
 * The export panel of the recordings page: the range (the visible window by default), reason,
 * case reference and recipient; the user's exports with their state and progress (polled while
 * one is running), the package download, and the chain of custody. The page may prefill it (a
 * bookmark's cameras, range and case reference): the panel then comes into view on the first
 * field left to fill.
 */
import { useEffect, useRef, useState } from 'react';
import { ErrorText } from '../api/index.ts';
import { labelOf, useI18n } from '../i18n/index.ts';
import { SiteDateTimeInput, useSiteTime } from '../time/index.ts';
import { createExport, listExports, type ExportInfo } from './export-api.ts';
import './export.css';

/** Props of the panel. */
export interface ExportPanelProps {
  cameras: string[];
  window: { fromMs: number; toMs: number };
  defaultReason: string;
  defaultCaseReference: string;
  /** Wall time of the frame on screen, offered as a still in the package. */
  playheadMs: number | null;
  /** Values put into the form each time `key` changes (e.g. from a bookmark). */
  prefill?: ExportPrefill | null;
}

/** What the page puts into the form: the cameras, the range and the case reference. */
export interface ExportPrefill {
  /** Changes for every prefill, so the same values can be put in again. */
  key: number;
  cameras: string[];
  fromMs: number;
  toMs: number;
  caseReference: string | null;
}

const mb = (n: number): string => `${(n / 1e6).toFixed(1)} MB`;

/** The panel. */
export function ExportPanel({
  cameras,
  window: w,
  defaultReason,
  defaultCaseReference,
  playheadMs,
  prefill,
}: ExportPanelProps) {
  const { t } = useI18n();
  const siteTime = useSiteTime();
  const { clock, toInput } = siteTime;
  const [from, setFrom] = useState(() => toInput(w.fromMs));
  const [to, setTo] = useState(() => toInput(w.toMs));
  const [reason, setReason] = useState(defaultReason);
  const [caseRef, setCaseRef] = useState(defaultCaseReference);
  const [recipient, setRecipient] = useState('');
  const [withStill, setWithStill] = useState(false);
  const [exports, setExports] = useState<ExportInfo[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [tick, setTick] = useState(0);
  // The prefilled cameras, until the visible window is taken again; else the page's cameras.
  const [prefilledCameras, setPrefilledCameras] = useState<string[] | null>(null);
  const chosen = prefilledCameras ?? cameras;
  const section = useRef<HTMLElement>(null);
  // The prefill whose values are drawn and wait for the focus.
  const [focusFor, setFocusFor] = useState<number | null>(null);

  const prefillKey = prefill?.key;
  useEffect(() => {
    if (!prefill) return;
    setFrom(toInput(prefill.fromMs));
    setTo(toInput(prefill.toMs));
    setPrefilledCameras(prefill.cameras);
    if (prefill.caseReference !== null) setCaseRef(prefill.caseReference);
    // The reason the playback was opened with, when none was typed here yet.
    setReason((r) => (r.trim() === '' ? defaultReason : r));
    setFocusFor(prefill.key);
    // Applied once per key: the values are the page's at the time it asked.
  }, [prefillKey]);
  // Once a prefill is drawn: into view, on the first required field still empty.
  useEffect(() => {
    if (focusFor === null) return;
    const el = section.current;
    el?.scrollIntoView({ block: 'nearest' });
    const empty = el?.querySelector<HTMLInputElement>('.ex-form input:invalid');
    (empty ?? el?.querySelector<HTMLInputElement>('.ex-form input'))?.focus();
  }, [focusFor]);

  useEffect(() => {
    const controller = new AbortController();
    listExports(controller.signal).then(setExports, () => undefined);
    return () => controller.abort();
  }, [tick]);

  const active = exports.some((e) => e.state !== 'done' && e.state !== 'failed');
  useEffect(() => {
    if (!active) return;
    const timer = setTimeout(() => setTick((x) => x + 1), 1000);
    return () => clearTimeout(timer);
  }, [active, exports]);

  const submit = async () => {
    setError(null);
    const fromMs = siteTime.fromInput(from);
    const toMs = siteTime.fromInput(to);
    if (!Number.isFinite(fromMs) || !Number.isFinite(toMs)) {
      setError(new RangeError('bad range'));
      return;
    }
    setBusy(true);
    try {
      await createExport({
        cameras: chosen,
        from: new Date(fromMs).toISOString(),
        to: new Date(toMs).toISOString(),
        reason,
        caseReference: caseRef,
        recipient,
        ...(withStill && playheadMs !== null && playheadMs >= fromMs && playheadMs < toMs
          ? { stills: [new Date(Math.round(playheadMs)).toISOString()] }
          : {}),
      });
      setTick((x) => x + 1);
    } catch (e) {
      setError(e ?? new Error('failed'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="ex-panel" aria-label={t('export.title')} ref={section}>
      <h2>{t('export.title')}</h2>
      <form
        className="ex-form"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <p className="ex-cameras" data-testid="export-cameras">
          {t('export.cameras', { cameras: chosen.join(', ') })}
        </p>
        <button
          type="button"
          onClick={() => {
            setFrom(toInput(w.fromMs));
            setTo(toInput(w.toMs));
            setPrefilledCameras(null);
          }}
        >
          {t('export.useWindow')}
        </button>
        <label>
          {t('export.from')}
          <SiteDateTimeInput
            precision="seconds"
            placeholder={t('time.field.seconds')}
            value={from}
            onChange={setFrom}
            name="from"
            required
          />
        </label>
        <label>
          {t('export.to')}
          <SiteDateTimeInput
            precision="seconds"
            placeholder={t('time.field.seconds')}
            value={to}
            onChange={setTo}
            name="to"
            required
          />
        </label>
        <label>
          {t('export.reason')}
          <input
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            name="exportReason"
            required
            minLength={3}
          />
        </label>
        <label>
          {t('export.caseReference')}
          <input
            value={caseRef}
            onChange={(e) => setCaseRef(e.target.value)}
            name="exportCaseReference"
            required
          />
        </label>
        <label>
          {t('export.recipient')}
          <input
            value={recipient}
            onChange={(e) => setRecipient(e.target.value)}
            name="recipient"
            required
          />
        </label>
        {playheadMs !== null && (
          <label className="ex-check">
            <input
              type="checkbox"
              checked={withStill}
              onChange={(e) => setWithStill(e.target.checked)}
              name="withStill"
            />
            {t('export.includeStill', { time: clock(playheadMs).slice(11, 23) })}
          </label>
        )}
        <button type="submit" disabled={busy} data-testid="export-submit">
          {t('export.submit')}
        </button>
      </form>
      {error !== null && (
        <p className="pb-error" role="alert">
          {error instanceof RangeError ? t('export.badRange') : <ErrorText error={error} />}
        </p>
      )}
      <ul className="ex-list">
        {exports.map((e) => (
          <li key={e.id} data-testid={`export-${e.id}`} data-state={e.state}>
            <div className="ex-head">
              <strong>{e.caseReference}</strong> · {e.cameras.join(', ')} ·{' '}
              {siteTime.dateTime(Date.parse(e.from))} → {siteTime.time(Date.parse(e.to))} ·{' '}
              {t('export.for')} {e.recipient}
            </div>
            <div className="ex-state">
              <span>{t(`export.state.${e.state}`)}</span>
              {e.state !== 'failed' && (
                <progress max={1} value={e.progress} data-testid="export-progress" />
              )}
              {e.package && (
                <a href={e.package.url} download data-testid="export-download">
                  {t('export.download')} ({mb(e.package.sizeBytes)})
                </a>
              )}
              {e.state === 'done' && !e.package && (
                <span data-testid="export-purged">{t('export.purged')}</span>
              )}
              {e.error && <span className="pb-error">{e.error}</span>}
            </div>
            <details>
              <summary>{t('export.custody')}</summary>
              <ol className="ex-custody">
                {e.custody.map((c, i) => (
                  <li key={i}>
                    {siteTime.dateTime(Date.parse(c.at))} —{' '}
                    {labelOf(t, `export.event.${c.event}`, c.event)}
                    {c.username ? ` · ${c.username}` : ''}
                    {c.sourceAddress ? ` (${c.sourceAddress})` : ''}
                  </li>
                ))}
              </ol>
              {e.package && (
                <p className="ex-hash">
                  SHA-256 manifest: <code>{e.package.manifestSha256}</code>
                </p>
              )}
            </details>
          </li>
        ))}
      </ul>
    </section>
  );
}
