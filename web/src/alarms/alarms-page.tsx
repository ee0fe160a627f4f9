/**
 * The alarm console: the alarms of the system (cameras offline, recording gaps, disk, password
 * guessing) and the operators' reports, pushed as they happen; filtered by open/all, priority and
 * camera, the history searchable; a beep for each new high-priority alarm (mutable, remembered per
 * user); choosing one (`#/alarms/<id>`) opens its detail, with the camera live and the replay from
 * its moment, and its handling. A report (segnalazione) is made from the form here.
 */
import { useCallback, useEffect, useState } from 'react';
import { ErrorText } from '../api/index.ts';
import { useI18n } from '../i18n/index.ts';
import type { SectionPageProps } from '../layout/index.ts';
import { useSiteTime } from '../time/index.ts';
import { AlarmDetail } from './alarm-detail.tsx';
import { DEFAULT_FILTER, shouldSound, visibleAlarms, type AlarmFilter } from './alarm-model.ts';
import { beep, useAlarmMute } from './alarm-sound.ts';
import { alarmDescription, alarmTitle } from './alarm-text.ts';
import { listAlarms, type Alarm } from './alarms-api.ts';
import { ReportForm } from './report-form.tsx';
import { useAlarmStream } from './use-alarm-stream.ts';

/** The alarm console page. */
export function AlarmsPage({ user, param, setParam }: SectionPageProps) {
  const { t } = useI18n();
  const site = useSiteTime();
  const [muted, setMuted] = useAlarmMute(user.id);
  const onChange = useCallback(
    (type: string, a: Alarm) => {
      if (!muted && shouldSound(type, a)) beep();
    },
    [muted],
  );
  const { alarms, connected, merge } = useAlarmStream(onChange);
  const [filter, setFilter] = useState<AlarmFilter>(DEFAULT_FILTER);
  const [text, setText] = useState('');
  const [search, setSearch] = useState('');
  const [reporting, setReporting] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [found, setFound] = useState<ReadonlySet<string> | null>(null);
  const canHandle = user.permissions.includes('alarm.handle');

  useEffect(() => {
    if (filter.scope !== 'all') {
      setFound(null);
      return;
    }
    const controller = new AbortController();
    listAlarms({ state: 'all', text: search }, controller.signal).then(
      (list) => {
        merge(list);
        setFound(search.trim() === '' ? null : new Set(list.map((a) => a.id)));
        setError(null);
      },
      (e: unknown) => {
        if (!controller.signal.aborted) setError(e);
      },
    );
    return () => controller.abort();
    // `merge` only sets state: a new one each render changes nothing here.
  }, [filter.scope, search]);

  const shown = visibleAlarms(alarms, filter).filter((a) => found === null || found.has(a.id));
  const cameras = [...new Set([...alarms.values()].flatMap((a) => a.cameraIds))].sort();
  const selected = param !== null ? alarms.get(param) : undefined;

  return (
    <div className="alarms-page">
      <div className="alarms-header">
        <h1>{t('alarms.title')}</h1>
        <span className={connected ? 'alarms-live' : 'alarms-down'} role="status">
          {connected ? t('alarms.connected') : t('alarms.disconnected')}
        </span>
        <label className="alarms-mute">
          <input type="checkbox" checked={muted} onChange={(e) => setMuted(e.target.checked)} />
          {t('alarms.mute')}
        </label>
        {canHandle && !reporting && (
          <button type="button" className="alarms-report-button" onClick={() => setReporting(true)}>
            {t('alarms.report.open')}
          </button>
        )}
      </div>
      {reporting && (
        <ReportForm
          onDone={(made) => {
            setReporting(false);
            if (made) {
              merge([made]);
              setParam(made.id);
            }
          }}
        />
      )}
      <form
        className="alarms-filters"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          setSearch(text);
          setFilter((f) => ({ ...f, scope: 'all' }));
        }}
      >
        <div className="alarms-scope" role="group" aria-label={t('alarms.scope.label')}>
          {(['open', 'all'] as const).map((scope) => (
            <button
              key={scope}
              type="button"
              aria-pressed={filter.scope === scope}
              onClick={() => setFilter((f) => ({ ...f, scope }))}
            >
              {t(`alarms.scope.${scope}`)}
            </button>
          ))}
        </div>
        <label>
          {t('alarms.filter.priority')}
          <select
            value={filter.priority}
            onChange={(e) =>
              setFilter((f) => ({ ...f, priority: e.target.value as AlarmFilter['priority'] }))
            }
          >
            <option value="any">{t('alarms.filter.any')}</option>
            <option value="high">{t('alarms.priority.high')}</option>
            <option value="medium">{t('alarms.priority.medium')}</option>
            <option value="low">{t('alarms.priority.low')}</option>
          </select>
        </label>
        <label>
          {t('alarms.filter.camera')}
          <select
            value={filter.camera}
            onChange={(e) => setFilter((f) => ({ ...f, camera: e.target.value }))}
          >
            <option value="">{t('alarms.filter.any')}</option>
            {cameras.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </label>
        <input
          type="search"
          value={text}
          placeholder={t('alarms.search')}
          aria-label={t('alarms.search')}
          onChange={(e) => setText(e.target.value)}
        />
        <button type="submit">{t('alarms.searchButton')}</button>
      </form>
      {error !== null && (
        <p role="alert">
          <ErrorText error={error} />
        </p>
      )}
      <div className={selected ? 'alarms-body alarms-body-split' : 'alarms-body'}>
        {shown.length === 0 ? (
          <p className="alarms-none">{t('alarms.none')}</p>
        ) : (
          <ul className="alarm-list" data-testid="alarm-list">
            {shown.map((a) => (
              <li
                key={a.id}
                className={`alarm alarm-priority-${a.priority} alarm-state-${a.state}${
                  a.id === param ? ' alarm-selected' : ''
                }`}
                data-alarm-id={a.id}
                data-alarm-kind={a.kind}
                data-alarm-state={a.state}
                data-alarm-cleared={a.clearedMs !== null ? 'true' : 'false'}
              >
                <button type="button" className="alarm-open" onClick={() => setParam(a.id)}>
                  <span className={`alarm-priority alarm-priority-badge-${a.priority}`}>
                    {t(`alarms.priority.${a.priority}`)}
                  </span>
                  <span className="alarm-kind">{alarmTitle(t, a)}</span>
                  <span className="alarm-camera">{a.cameraIds.join(', ')}</span>
                  <span className="alarm-when">{site.dateTime(a.eventMs)}</span>
                  <span className={`alarm-state alarm-state-badge-${a.state}`}>
                    {t(`alarms.state.${a.state}`)}
                  </span>
                  {a.source === 'system' && (
                    <span className={a.clearedMs !== null ? 'alarm-resolved' : 'alarm-ongoing'}>
                      {a.clearedMs !== null ? t('alarms.resolved') : t('alarms.ongoing')}
                    </span>
                  )}
                  <span className="alarm-assignee">{a.assignee?.name ?? '—'}</span>
                  <span className="alarm-comment-count">
                    {t('alarms.commentCount', { count: a.commentCount })}
                  </span>
                  <span className="alarm-message">{alarmDescription(t, a)}</span>
                </button>
              </li>
            ))}
          </ul>
        )}
        {selected && (
          <AlarmDetail
            key={selected.id}
            alarm={selected}
            userId={user.id}
            onChanged={(a) => merge([a])}
            onClose={() => setParam(null)}
          />
        )}
      </div>
    </div>
  );
}
