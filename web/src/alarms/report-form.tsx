/**
 * The operator's report (segnalazione): a camera, a moment (now by default, in the site's time
 * zone), a note and a priority; sent as `POST /api/alarms`, it reaches every console at once.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { ErrorText, useApi, type Camera } from '../api/index.ts';
import { useI18n } from '../i18n/index.ts';
import { SiteDateTimeInput, useSiteTime } from '../time/index.ts';
import { reportAlarm, type AlarmDetail, type AlarmPriority } from './alarms-api.ts';

/** The report form. */
export function ReportForm(props: { onDone: (made: AlarmDetail | null) => void }) {
  const { t } = useI18n();
  const api = useApi();
  const site = useSiteTime();
  const [cameras, setCameras] = useState<Camera[]>([]);
  const [cameraId, setCameraId] = useState('');
  const [at, setAt] = useState(() => site.toInput(Date.now(), 'minutes'));
  const [note, setNote] = useState('');
  const [priority, setPriority] = useState<AlarmPriority>('medium');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const controller = new AbortController();
    api.listCameras(controller.signal).then(
      (list) => {
        setCameras(list);
        setCameraId((c) => c || (list[0]?.id ?? ''));
      },
      () => setCameras([]),
    );
    return () => controller.abort();
  }, [api]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    reportAlarm({ cameraId, atMs: site.fromInput(at), note, priority }).then(
      (made) => props.onDone(made),
      (err: unknown) => {
        setError(err);
        setBusy(false);
      },
    );
  };

  return (
    <form className="alarm-report" onSubmit={submit} aria-labelledby="alarm-report-title">
      <h2 id="alarm-report-title">{t('alarms.report.title')}</h2>
      <label>
        {t('alarms.report.camera')}
        <select
          name="camera"
          value={cameraId}
          onChange={(e) => setCameraId(e.target.value)}
          required
        >
          {cameras.map((c) => (
            <option key={c.id} value={c.id}>
              {c.id} — {c.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('alarms.report.at')}
        <SiteDateTimeInput
          name="at"
          placeholder={t('time.field.minutes')}
          value={at}
          onChange={setAt}
          required
        />
      </label>
      <label>
        {t('alarms.report.priority')}
        <select
          name="priority"
          value={priority}
          onChange={(e) => setPriority(e.target.value as AlarmPriority)}
        >
          <option value="high">{t('alarms.priority.high')}</option>
          <option value="medium">{t('alarms.priority.medium')}</option>
          <option value="low">{t('alarms.priority.low')}</option>
        </select>
      </label>
      <label className="alarm-report-note">
        {t('alarms.report.note')}
        <textarea
          name="note"
          value={note}
          maxLength={2000}
          rows={3}
          onChange={(e) => setNote(e.target.value)}
        />
      </label>
      <div className="alarm-actions">
        <button type="submit" disabled={busy}>
          {t('alarms.report.submit')}
        </button>
        <button type="button" onClick={() => props.onDone(null)}>
          {t('alarms.report.cancel')}
        </button>
        {error !== null && <ErrorText error={error} />}
      </div>
    </form>
  );
}
