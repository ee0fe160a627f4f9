/**
 * One camera's scrubbable timeline bar: recorded spans, gaps (their cause in the tooltip) and
 * legal holds over the visible window, with the playhead; click, or drag and release, to seek.
 * A focusable slider: its value is the playhead, told in the site's time zone.
 */
import { useState, type KeyboardEvent, type PointerEvent } from 'react';
import { useI18n } from '../i18n/index.ts';
import { causeText } from './gap-text.ts';
import type { CameraTimeline } from './playback-api.ts';
import { fractionOf, timeAt, visibleParts, type TimeWindow } from './timeline-model.ts';

/** Props of the bar. */
export interface TimelineBarProps {
  label: string;
  timeline: CameraTimeline | undefined;
  window: TimeWindow;
  playheadMs: number | null;
  onSeek: (wallMs: number) => void;
  /** The playhead in words, in the site's time zone (the slider's `aria-valuetext`). */
  valueText: string;
  /** Keys pressed on the focused bar (the page's keyboard; arrows move the playhead here). */
  onKey?: (e: KeyboardEvent<HTMLDivElement>) => void;
}

const pct = (f: number): string => `${(f * 100).toFixed(3)}%`;

/** The bar. */
export function TimelineBar({
  label,
  timeline,
  window: w,
  playheadMs,
  onSeek,
  valueText,
  onKey,
}: TimelineBarProps) {
  const { t } = useI18n();
  const [dragMs, setDragMs] = useState<number | null>(null);
  const at = (e: PointerEvent<HTMLDivElement>): number => {
    const r = e.currentTarget.getBoundingClientRect();
    return timeAt(Math.min(1, Math.max(0, (e.clientX - r.left) / r.width)), w);
  };
  const shownMs = dragMs ?? playheadMs;
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
        aria-valuenow={Math.round(playheadMs ?? w.fromMs)}
        aria-valuetext={valueText}
        tabIndex={0}
        onKeyDown={onKey}
        onPointerDown={(e) => {
          e.currentTarget.setPointerCapture(e.pointerId);
          setDragMs(at(e));
        }}
        onPointerMove={(e) => {
          if (dragMs !== null) setDragMs(at(e));
        }}
        onPointerUp={(e) => {
          if (dragMs === null) return;
          setDragMs(null);
          onSeek(at(e));
        }}
        onPointerCancel={() => setDragMs(null)}
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
              title={`${t('playback.gap')}: ${causeText(t, g.cause)} — ${g.message}`}
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
        {shownMs !== null && shownMs >= w.fromMs && shownMs <= w.toMs && (
          <span className="pb-playhead" style={{ left: pct(fractionOf(shownMs, w)) }} />
        )}
      </div>
    </div>
  );
}
