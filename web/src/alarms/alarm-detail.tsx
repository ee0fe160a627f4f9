/**
 * One alarm in full: what, where, when (site time zone), who acknowledged, assignment, comments;
 * the camera live (`#/wall/<camera>`) and its recordings from the alarm's moment
 * (`#/recordings/<camera>@<ISO>`); and, for whoever may handle it, acknowledge, assign (to me or
 * another user of my agency), comment and close.
 */
import { useEffect, useState } from 'react';
import { ErrorText } from '../api/index.ts';
import { useI18n } from '../i18n/index.ts';
import { useSiteTime } from '../time/index.ts';
import {
  acknowledgeAlarm,
  assignAlarm,
  closeAlarm,
  commentAlarm,
  getAlarm,
  listAssignees,
  type Alarm,
  type AlarmDetail as Detail,
  type Assignee,
} from './alarms-api.ts';
import { alarmDescription, alarmTitle } from './alarm-text.ts';

/** The recordings page's address for a camera at an instant. */
export function replayHref(cameraId: string, atMs: number): string {
  return `#/recordings/${encodeURIComponent(`${cameraId}@${new Date(atMs).toISOString()}`)}`;
}

/** The detail panel of `alarm` (kept fresh by the stream: `alarm.updatedMs` reloads it). */
export function AlarmDetail(props: {
  alarm: Alarm;
  userId: string;
  onChanged: (a: Alarm) => void;
  onClose: () => void;
}) {
  const { alarm } = props;
  const { t } = useI18n();
  const site = useSiteTime();
  const [detail, setDetail] = useState<Detail | null>(null);
  const [assignees, setAssignees] = useState<Assignee[]>([]);
  const [comment, setComment] = useState('');
  const [closeNote, setCloseNote] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const controller = new AbortController();
    getAlarm(alarm.id, controller.signal).then(setDetail, (e: unknown) => {
      if (!controller.signal.aborted) setError(e);
    });
    return () => controller.abort();
  }, [alarm.id, alarm.updatedMs]);

  useEffect(() => {
    if (!alarm.handleable) return;
    const controller = new AbortController();
    listAssignees(controller.signal).then(setAssignees, () => setAssignees([]));
    return () => controller.abort();
  }, [alarm.handleable]);

  const run = (call: () => Promise<Detail>, after?: () => void) => {
    setBusy(true);
    setError(null);
    call().then(
      (d) => {
        setDetail(d);
        props.onChanged(d);
        after?.();
        setBusy(false);
      },
      (e: unknown) => {
        setError(e);
        setBusy(false);
      },
    );
  };

  const a = detail ?? alarm;
  const time = site.dateTime;
  return (
    <section className="alarm-detail" aria-labelledby="alarm-detail-title" data-alarm-id={a.id}>
      <div className="alarm-detail-head">
        <h2 id="alarm-detail-title">{alarmTitle(t, a)}</h2>
        <button type="button" onClick={props.onClose} aria-label={t('alarms.detail.close')}>
          ×
        </button>
      </div>
      <p className="alarm-description">{alarmDescription(t, a)}</p>
      <dl className="alarm-facts">
        <dt>{t('alarms.stateLabel')}</dt>
        <dd data-alarm-state={a.state}>
          {t(`alarms.state.${a.state}`)}
          {a.clearedMs !== null && ` · ${t('alarms.resolvedAt', { time: time(a.clearedMs) })}`}
        </dd>
        <dt>{t('alarms.eventAt')}</dt>
        <dd>{time(a.eventMs)}</dd>
        {a.raisedBy !== null && (
          <>
            <dt>{t('alarms.raisedBy')}</dt>
            <dd>{a.raisedBy}</dd>
          </>
        )}
        {a.occurrences > 1 && (
          <>
            <dt>{t('alarms.occurrences')}</dt>
            <dd>{a.occurrences}</dd>
          </>
        )}
        {a.acknowledgedBy !== null && a.acknowledgedMs !== null && (
          <>
            <dt>{t('alarms.state.acknowledged')}</dt>
            <dd>{t('alarms.byAt', { name: a.acknowledgedBy, time: time(a.acknowledgedMs) })}</dd>
          </>
        )}
        <dt>{t('alarms.assignee')}</dt>
        <dd className="alarm-assignee">{a.assignee?.name ?? t('alarms.unassigned')}</dd>
        {a.closedBy !== null && a.closedMs !== null && (
          <>
            <dt>{t('alarms.state.closed')}</dt>
            <dd>{t('alarms.byAt', { name: a.closedBy, time: time(a.closedMs) })}</dd>
          </>
        )}
      </dl>
      {a.cameraIds.map((cam) => (
        <p key={cam} className="alarm-links">
          <strong>{cam}</strong>
          <a href={`#/wall/${encodeURIComponent(cam)}`}>{t('alarms.live')}</a>
          <a href={replayHref(cam, a.eventMs)}>{t('alarms.replay')}</a>
        </p>
      ))}
      <h3>{t('alarms.commentsTitle')}</h3>
      {detail !== null && detail.comments.length === 0 && (
        <p className="alarm-muted">{t('alarms.noComments')}</p>
      )}
      <ul className="alarm-comments">
        {detail?.comments.map((c) => (
          <li key={c.id}>
            <span className="alarm-muted">
              {c.authorName} · {time(c.atMs)}
            </span>
            <span className="alarm-comment-text">{c.text}</span>
          </li>
        ))}
      </ul>
      {a.handleable ? (
        <div className="alarm-handling">
          <div className="alarm-actions">
            {a.state === 'new' && (
              <button
                type="button"
                disabled={busy}
                onClick={() => run(() => acknowledgeAlarm(a.id))}
              >
                {t('alarms.action.acknowledge')}
              </button>
            )}
            {a.assignee?.id !== props.userId && (
              <button
                type="button"
                disabled={busy}
                onClick={() => run(() => assignAlarm(a.id, props.userId))}
              >
                {t('alarms.action.assignMe')}
              </button>
            )}
            <label>
              {t('alarms.action.assign')}
              <select
                value={a.assignee?.id ?? ''}
                disabled={busy}
                onChange={(e) => run(() => assignAlarm(a.id, e.target.value || null))}
              >
                <option value="">{t('alarms.unassigned')}</option>
                {assignees.map((u) => (
                  <option key={u.id} value={u.id}>
                    {u.displayName || u.username}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <form
            className="alarm-comment-form"
            onSubmit={(e) => {
              e.preventDefault();
              run(
                () => commentAlarm(a.id, comment),
                () => setComment(''),
              );
            }}
          >
            <textarea
              aria-label={t('alarms.action.commentLabel')}
              placeholder={t('alarms.action.commentLabel')}
              value={comment}
              maxLength={2000}
              rows={2}
              onChange={(e) => setComment(e.target.value)}
            />
            <button type="submit" disabled={busy || comment.trim() === ''}>
              {t('alarms.action.comment')}
            </button>
          </form>
          <form
            className="alarm-close-form"
            onSubmit={(e) => {
              e.preventDefault();
              run(
                () => closeAlarm(a.id, closeNote),
                () => setCloseNote(''),
              );
            }}
          >
            <input
              aria-label={t('alarms.action.closeNote')}
              placeholder={t('alarms.action.closeNote')}
              value={closeNote}
              maxLength={2000}
              onChange={(e) => setCloseNote(e.target.value)}
            />
            <button type="submit" disabled={busy}>
              {t('alarms.action.close')}
            </button>
          </form>
        </div>
      ) : (
        a.state !== 'closed' && <p className="alarm-muted">{t('alarms.readOnly')}</p>
      )}
      {error !== null && (
        <p role="alert">
          <ErrorText error={error} />
        </p>
      )}
    </section>
  );
}
