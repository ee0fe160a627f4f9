/**
 * The motion filter's controls in the timeline toolbar: "Solo movimento" / "Motion only" (a
 * toggle: the bars dim what was recorded without motion), and previous / next motion, which seek
 * to the start of the previous or next motion of the chosen cameras; M and Shift+M do the same
 * while a playback is open (keys typed into fields are the fields').
 */
import { useEffect, useRef } from 'react';
import { useI18n } from '../i18n/index.ts';
import { motionIntervals, nextMotion, previousMotion } from './motion-filter.ts';
import type { CameraTimeline } from './playback-api.ts';

/** Props of the controls. */
export interface MotionToolsProps {
  timelines: readonly CameraTimeline[];
  nowMs: number;
  /** The playhead (or the window's centre before a playback is open). */
  atMs: number;
  on: boolean;
  onChange: (on: boolean) => void;
  onSeek: (ms: number) => void;
  /** M / Shift+M seek (a playback is open). */
  keys: boolean;
}

const FIELDS = new Set(['INPUT', 'SELECT', 'TEXTAREA']);

/** The controls. */
export function MotionTools({
  timelines,
  nowMs,
  atMs,
  on,
  onChange,
  onSeek,
  keys,
}: MotionToolsProps) {
  const { t } = useI18n();
  const motion = motionIntervals(timelines, nowMs);
  const previous = previousMotion(motion, atMs);
  const next = nextMotion(motion, atMs);
  const targets = useRef({ previous, next, onSeek });
  targets.current = { previous, next, onSeek };

  useEffect(() => {
    if (!keys) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return;
      if (e.key !== 'm' && e.key !== 'M') return;
      const target = e.target instanceof HTMLElement ? e.target : null;
      if (target && FIELDS.has(target.tagName)) return;
      const to = e.shiftKey ? targets.current.previous : targets.current.next;
      e.preventDefault();
      if (to !== null) targets.current.onSeek(to);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [keys]);

  return (
    <span className="pb-motion" data-testid="motion-tools">
      <label className="pb-motion-only" title={t('playback.motion.onlyHint')}>
        <input
          type="checkbox"
          checked={on}
          onChange={(e) => onChange(e.target.checked)}
          data-testid="motion-only"
        />{' '}
        {t('playback.motion.only')}
      </label>
      <button
        type="button"
        onClick={() => previous !== null && onSeek(previous)}
        disabled={previous === null}
        aria-label={t('playback.motion.previous')}
        title={motion.length === 0 ? t('playback.motion.none') : t('playback.motion.previousKey')}
        data-testid="motion-previous"
      >
        «<span aria-hidden="true">●</span>
      </button>
      <button
        type="button"
        onClick={() => next !== null && onSeek(next)}
        disabled={next === null}
        aria-label={t('playback.motion.next')}
        title={motion.length === 0 ? t('playback.motion.none') : t('playback.motion.nextKey')}
        data-testid="motion-next"
      >
        <span aria-hidden="true">●</span>»
      </button>
    </span>
  );
}
