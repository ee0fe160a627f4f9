/**
 * A camera's events drawn over its timeline bar: a thin band at the bottom for each motion,
 * tampering or alarm-input interval (a colour and a symbol per kind; events of a kind a few pixels
 * apart are one mark), each a button named after the kind and its times in the site's time zone
 * that seeks to the event's start. With the motion filter on, the recorded parts that overlap
 * motion are drawn brightly over the dimmed spans.
 */
import { useI18n } from '../i18n/index.ts';
import { useSiteTime } from '../time/index.ts';
import { cameraEventText, cameraEventWhat, cameraEventWhen } from './camera-event-text.ts';
import { eventMarks } from './camera-events-model.ts';
import { motionIntervalsOf, recordedWithMotion } from './motion-filter.ts';
import type { CameraTimeline } from './playback-api.ts';
import { visibleParts, type TimeWindow } from './timeline-model.ts';

/** Props of the marks. */
export interface EventMarksProps {
  timeline: CameraTimeline | undefined;
  window: TimeWindow;
  /** Now (open intervals run to it). */
  nowMs: number;
  /** The motion filter is on: recorded parts with motion are drawn brightly. */
  motionOnly: boolean;
  onSeek: (ms: number) => void;
}

const pct = (f: number): string => `${(f * 100).toFixed(3)}%`;

/** The symbol of each kind (beside the colour, for those who do not tell colours apart). */
export const EVENT_SYMBOL = { motion: '●', tamper: '▲', input: '◆' } as const;

/** The marks of one bar. */
export function EventMarks({ timeline, window: w, nowMs, motionOnly, onSeek }: EventMarksProps) {
  const { t } = useI18n();
  const site = useSiteTime();
  const marks = eventMarks(timeline?.events ?? [], w, nowMs);
  const bright = motionOnly
    ? visibleParts(recordedWithMotion(timeline?.spans ?? [], motionIntervalsOf(timeline, nowMs)), w)
    : [];
  if (marks.length === 0 && bright.length === 0) return null;
  return (
    <div className="pb-ev-layer">
      {bright.map(([l, width], i) => (
        <span
          key={`m${i}`}
          className="pb-motion-span"
          data-testid="motion-span"
          style={{ left: pct(l), width: pct(width) }}
        />
      ))}
      {marks.map((m) => {
        const name =
          m.count === 1
            ? cameraEventText(t, site, m.first)
            : t('playback.cameraEvent.many', {
                what: cameraEventWhat(t, m.kind),
                count: m.count,
                when: cameraEventWhen(t, site, m.first.from, m.toMs),
              });
        return (
          <button
            key={m.first.id}
            type="button"
            className={`pb-ev pb-ev-${m.kind}`}
            style={{ left: pct(m.left), width: pct(m.width) }}
            aria-label={name}
            title={name}
            data-testid="camera-event-mark"
            data-kind={m.kind}
            data-count={m.count}
            onClick={() => onSeek(m.first.from)}
          >
            <span aria-hidden="true">{EVENT_SYMBOL[m.kind]}</span>
          </button>
        );
      })}
    </div>
  );
}
