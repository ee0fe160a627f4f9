/**
 * One camera's scrubbable timeline bar: recorded spans, gaps (their cause in the tooltip) and
 * legal holds over the visible window, with the playhead; click, or drag and release, to seek;
 * shift+drag selects a range (drawn on every bar). A focusable slider: its value is the
 * playhead, told in the site's time zone. What the page draws over it (bookmark markers, buttons
 * of their own) sits beside the slider, not inside it. While a playback session is open, resting
 * the pointer on the bar for 150 ms shows a thumbnail of the recorded key frame there, with the
 * time in the site's zone (one request at a time; a newer hover cancels the older one).
 */
import {
  useEffect,
  useRef,
  useState,
  type KeyboardEvent,
  type PointerEvent,
  type ReactNode,
} from 'react';
import { useI18n } from '../i18n/index.ts';
import { useSiteTime } from '../time/index.ts';
import { dragSelection, type Selection } from './bookmark-model.ts';
import { causeText } from './gap-text.ts';
import type { CameraTimeline } from './playback-api.ts';
import {
  fractionOf,
  thumbnailInstant,
  timeAt,
  visibleParts,
  type TimeWindow,
} from './timeline-model.ts';

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
  /** The range selected on the timeline (its start alone while the end is not marked). */
  selection?: Selection | null;
  /** Shift+drag on the bar selects a range; without this, shift+drag seeks like a drag. */
  onSelectRange?: (fromMs: number, toMs: number) => void;
  /** Drawn over the bar beside the slider (the bookmark markers). */
  children?: ReactNode;
  /**
   * The thumbnail of the camera at an instant (a session's key frame); without it (no session
   * open), hovering shows nothing.
   */
  thumbnailOf?: ((atMs: number, signal: AbortSignal) => Promise<Blob>) | undefined;
}

/** How long the pointer rests on the bar before a thumbnail is asked for. */
const HOVER_REST_MS = 150;

/** A thumbnail shown over the bar. */
interface HoverThumb {
  atMs: number;
  /** Where, in the viewport: the hovered instant on the bar's top edge (it is drawn above). */
  x: number;
  y: number;
  url: string;
}

/**
 * The hover thumbnail of a bar: `hover(ms)` after the pointer moved, `leave()` when it left.
 * One request at a time: a newer hover aborts the one in flight, and a stale answer is dropped.
 */
function useHoverThumbnail(
  w: TimeWindow,
  thumbnailOf: TimelineBarProps['thumbnailOf'],
): {
  shown: HoverThumb | null;
  hover: (ms: number, bar: DOMRect) => void;
  leave: () => void;
} {
  const [shown, setShown] = useState<HoverThumb | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const inFlight = useRef<AbortController | null>(null);
  const wanted = useRef<number | null>(null);
  const stop = (): void => {
    if (timer.current !== null) clearTimeout(timer.current);
    timer.current = null;
    inFlight.current?.abort();
    inFlight.current = null;
  };
  const leave = (): void => {
    stop();
    wanted.current = null;
    setShown(null);
  };
  // Object URLs are released when replaced, and on unmount.
  useEffect(() => {
    const url = shown?.url;
    return () => {
      if (url) URL.revokeObjectURL(url);
    };
  }, [shown?.url]);
  // Another session (or none), and on unmount: what was asked or shown belongs to the old one.
  useEffect(
    () => () => {
      stop();
      wanted.current = null;
      setShown(null);
    },
    [thumbnailOf],
  );
  const hover = (ms: number, bar: DOMRect): void => {
    if (!thumbnailOf) return;
    const atMs = thumbnailInstant(ms);
    if (atMs === wanted.current) return;
    stop();
    wanted.current = atMs;
    timer.current = setTimeout(() => {
      timer.current = null;
      const ctl = new AbortController();
      inFlight.current = ctl;
      thumbnailOf(atMs, ctl.signal).then(
        (blob) => {
          if (ctl.signal.aborted || wanted.current !== atMs) return;
          inFlight.current = null;
          const fraction = Math.min(1, Math.max(0, fractionOf(atMs, w)));
          const x = bar.left + fraction * bar.width;
          setShown({ atMs, x, y: bar.top, url: URL.createObjectURL(blob) });
        },
        () => {
          // Nothing recorded there (or aborted): no thumbnail.
          if (ctl.signal.aborted || wanted.current !== atMs) return;
          inFlight.current = null;
          setShown(null);
        },
      );
    }, HOVER_REST_MS);
  };
  return { shown, hover, leave };
}

/** A drag in progress: seeking, or selecting a range from `anchorMs`. */
interface Drag {
  select: boolean;
  anchorMs: number;
  atMs: number;
}

/** The shortest range a shift+drag selects: a two-hundredth of the view. */
const MIN_SELECTION = 1 / 200;

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
  selection,
  onSelectRange,
  children,
  thumbnailOf,
}: TimelineBarProps) {
  const { t } = useI18n();
  const site = useSiteTime();
  const thumb = useHoverThumbnail(w, thumbnailOf);
  const [drag, setDrag] = useState<Drag | null>(null);
  const at = (e: PointerEvent<HTMLDivElement>): number => {
    const r = e.currentTarget.getBoundingClientRect();
    return timeAt(Math.min(1, Math.max(0, (e.clientX - r.left) / r.width)), w);
  };
  const shownMs = drag && !drag.select ? drag.atMs : playheadMs;
  const shownSelection =
    drag?.select === true
      ? { fromMs: Math.min(drag.anchorMs, drag.atMs), toMs: Math.max(drag.anchorMs, drag.atMs) }
      : (selection ?? null);
  return (
    <div className="pb-timeline-row" data-testid={`timeline-${timeline?.id ?? label}`}>
      <span className="pb-timeline-label" title={label}>
        {label}
      </span>
      <div className="pb-timeline-track">
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
            const ms = at(e);
            thumb.leave();
            setDrag({ select: e.shiftKey && onSelectRange !== undefined, anchorMs: ms, atMs: ms });
          }}
          onPointerMove={(e) => {
            if (drag) setDrag({ ...drag, atMs: at(e) });
            else if (e.pointerType === 'mouse') {
              thumb.hover(at(e), e.currentTarget.getBoundingClientRect());
            }
          }}
          onPointerLeave={thumb.leave}
          onPointerUp={(e) => {
            if (!drag) return;
            setDrag(null);
            if (!drag.select) {
              onSeek(at(e));
              return;
            }
            const range = dragSelection(drag.anchorMs, at(e), (w.toMs - w.fromMs) * MIN_SELECTION);
            if (range?.toMs != null) onSelectRange?.(range.fromMs, range.toMs);
          }}
          onPointerCancel={() => setDrag(null)}
          // Shift+click would otherwise extend the page's text selection.
          onMouseDown={(e) => {
            if (e.shiftKey) e.preventDefault();
          }}
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
          {shownSelection && <SelectionBand selection={shownSelection} window={w} />}
          {shownMs !== null && shownMs >= w.fromMs && shownMs <= w.toMs && (
            <span className="pb-playhead" style={{ left: pct(fractionOf(shownMs, w)) }} />
          )}
        </div>
        {thumb.shown && !drag && (
          <figure
            className="pb-thumb"
            style={{ left: `${thumb.shown.x}px`, top: `${thumb.shown.y}px` }}
            data-testid="timeline-thumbnail"
          >
            <img src={thumb.shown.url} alt={t('playback.thumbnailAlt', { camera: label })} />
            <figcaption>{site.dateTime(thumb.shown.atMs)}</figcaption>
          </figure>
        )}
        {children}
      </div>
    </div>
  );
}

/** The selected range on a bar, or a line at its start while its end is not marked. */
function SelectionBand({ selection: s, window: w }: { selection: Selection; window: TimeWindow }) {
  if (s.toMs === null) {
    if (s.fromMs < w.fromMs || s.fromMs > w.toMs) return null;
    return <span className="pb-selection-start" style={{ left: pct(fractionOf(s.fromMs, w)) }} />;
  }
  const [part] = visibleParts([{ from: s.fromMs, to: s.toMs }], w);
  if (!part) return null;
  return <span className="pb-selection" style={{ left: pct(part[0]), width: pct(part[1]) }} />;
}
