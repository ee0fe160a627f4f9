/**
 * The "recent events" strip: the gaps of the chosen cameras (cause and time) and whatever other
 * events the page is given (bookmarks, alarms), newest first; choosing one moves the player there
 * (and, for a bookmark, the page opens it).
 */
import { useI18n } from '../i18n/index.ts';
import { useSiteTime } from '../time/index.ts';
import type { PlaybackEvent } from './events-model.ts';
import { causeText } from './gap-text.ts';

/** Props of the strip. */
export interface EventsStripProps {
  events: readonly PlaybackEvent[];
  /** Whether alarm changes reach the strip as they happen (the alarm stream is connected). */
  alarmsLive: boolean;
  /** Camera names by id. */
  names: ReadonlyMap<string, string>;
  /** Shows the camera's name on each event (more than one camera chosen). */
  showCamera: boolean;
  onJump: (event: PlaybackEvent) => void;
}

/** The strip. */
export function EventsStrip({ events, alarmsLive, names, showCamera, onJump }: EventsStripProps) {
  const { t } = useI18n();
  const { date, time } = useSiteTime();
  return (
    <section
      className="pb-events"
      aria-label={t('playback.events')}
      data-testid="events-strip"
      data-alarms-live={alarmsLive}
    >
      <h2>{t('playback.events')}</h2>
      {events.length === 0 ? (
        <p className="pb-hint">{t('playback.noEvents')}</p>
      ) : (
        <ul>
          {events.map((e) => {
            const what =
              e.kind === 'gap' ? causeText(t, e.cause ?? 'unrecorded') : (e.title ?? e.kind);
            const when = `${date(e.fromMs)} ${time(e.fromMs).slice(0, 5)}${e.toMs === null ? '' : `–${time(e.toMs).slice(0, 5)}`}`;
            return (
              <li key={e.key}>
                <button
                  type="button"
                  className={`pb-event pb-event-${e.kind}`}
                  data-testid="event"
                  data-kind={e.kind}
                  data-event-kind={e.eventKind}
                  onClick={() => onJump(e)}
                >
                  <span className="pb-event-when">{when}</span>{' '}
                  {showCamera && (
                    <span className="pb-event-camera">
                      {(e.cameraIds ?? [e.cameraId]).map((id) => names.get(id) ?? id).join(', ')}
                      :{' '}
                    </span>
                  )}
                  {e.kind === 'bookmark' && (
                    <span className="visually-hidden">{t('playback.event.bookmark')}: </span>
                  )}
                  {what}
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
