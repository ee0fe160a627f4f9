/**
 * One camera's scrubbable timeline bar: recorded spans, gaps (their cause in the tooltip) and
 * legal holds over the visible window, with the playhead; a click seeks there.
 */
import type { MouseEvent } from 'react';
import { useI18n } from '../i18n/index.ts';
import type { CameraTimeline } from './playback-api.ts';
import { fractionOf, timeAt, visibleParts, type TimeWindow } from './timeline-model.ts';

/** Props of the bar. */
export interface TimelineBarProps {
  label: string;
  timeline: CameraTimeline | undefined;
  window: TimeWindow;
  playheadMs: number | null;
  onSeek: (wallMs: number) => void;
}

const pct = (f: number): string => `${(f * 100).toFixed(3)}%`;

/** The bar. */
export function TimelineBar({ label, timeline, window: w, playheadMs, onSeek }: TimelineBarProps) {
  const { t } = useI18n();
  const click = (e: MouseEvent<HTMLDivElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    onSeek(timeAt((e.clientX - r.left) / r.width, w));
  };
  return (
    <div className="pb-timeline-row" data-testid={`timeline-${timeline?.id ?? label}`}>
      <span className="pb-timeline-label" title={label}>
        {label}
      </span>
      <div
        className="pb-timeline-bar"
        role="slider"
        aria-label={t('playback.timelineOf', { camera: label })}
        aria-valuemin={w.fromMs}
        aria-valuemax={w.toMs}
        aria-valuenow={playheadMs ?? w.fromMs}
        tabIndex={0}
        onClick={click}
      >
        {timeline &&
          visibleParts(timeline.spans, w).map(([l, width], i) => (
            <span key={`s${i}`} className="pb-span" style={{ left: pct(l), width: pct(width) }} />
          ))}
        {timeline?.gaps.map((g, i) => {
          const [part] = visibleParts([g], w);
          if (!part) return null;
          return (
            <span
              key={`g${i}`}
              className="pb-gap"
              data-cause={g.cause}
              title={`${t('playback.gap')}: ${g.cause} — ${g.message}`}
              style={{ left: pct(part[0]), width: pct(part[1]) }}
            />
          );
        })}
        {timeline?.holds.map((h) => {
          const [part] = visibleParts([h], w);
          if (!part) return null;
          return (
            <span
              key={h.id}
              className="pb-hold"
              title={`${t('playback.hold')}: ${h.authority} ${h.reference}`}
              style={{ left: pct(part[0]), width: pct(part[1]) }}
            />
          );
        })}
        {playheadMs !== null && playheadMs >= w.fromMs && playheadMs <= w.toMs && (
          <span className="pb-playhead" style={{ left: pct(fractionOf(playheadMs, w)) }} />
        )}
      </div>
    </div>
  );
}
