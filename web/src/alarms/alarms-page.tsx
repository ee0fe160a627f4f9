/**
 * The alarms panel: what is wrong now (camera offline, recording gap, disk pressure), pushed by
 * the server as it happens, and what changed since the panel was opened. A camera alarm links to
 * the camera's live view.
 */
import { useI18n, type MessageKey } from '../i18n/index.ts';
import type { SectionPageProps } from '../layout/index.ts';
import { useSiteTime } from '../time/index.ts';
import type { Alarm } from './alarm-model.ts';
import { useAlarmStream } from './use-alarm-stream.ts';

const KIND_KEYS: Record<Alarm['kind'], MessageKey> = {
  camera_offline: 'alarms.kind.camera_offline',
  recording_gap: 'alarms.kind.recording_gap',
  disk_pressure: 'alarms.kind.disk_pressure',
  other: 'alarms.kind.other',
};

/** The alarms page. */
export function AlarmsPage(_props: SectionPageProps) {
  const { t } = useI18n();
  const time = useSiteTime().dateTime;
  const { alarms, connected } = useAlarmStream();

  const cameras = (a: Alarm) =>
    a.cameraIds.map((id) => (
      <a key={id} href={`#/wall/${encodeURIComponent(id)}`} className="alarm-camera">
        {id}
      </a>
    ));

  return (
    <div className="alarms-page">
      <div className="alarms-header">
        <h1>{t('alarms.title')}</h1>
        <span className={connected ? 'alarms-live' : 'alarms-down'} role="status">
          {connected ? t('alarms.connected') : t('alarms.disconnected')}
        </span>
      </div>
      <section aria-labelledby="alarms-active">
        <h2 id="alarms-active">{t('alarms.active')}</h2>
        {alarms.active.length === 0 ? (
          <p className="alarms-none">{t('alarms.none')}</p>
        ) : (
          <ul className="alarm-list" data-testid="active-alarms">
            {alarms.active.map((a) => (
              <li key={a.key} className={`alarm alarm-${a.severity}`} data-alarm-kind={a.kind}>
                <span className="alarm-kind">{t(KIND_KEYS[a.kind])}</span>
                {cameras(a)}
                <span className="alarm-message">{a.message}</span>
                <span className="alarm-since">{t('alarms.since', { time: time(a.sinceMs) })}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="alarms-history">
        <h2 id="alarms-history">{t('alarms.history')}</h2>
        <ul className="alarm-history">
          {alarms.history.map((h, i) => (
            <li key={`${h.atMs}-${i}`} className={`alarm-change alarm-${h.type}`}>
              <span className="alarm-when">{time(h.atMs)}</span>
              <span>{h.type === 'raised' ? t('alarms.raised') : t('alarms.cleared')}</span>
              <span className="alarm-kind">{t(KIND_KEYS[h.alarm.kind])}</span>
              {cameras(h.alarm)}
              <span className="alarm-message">{h.alarm.message}</span>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
