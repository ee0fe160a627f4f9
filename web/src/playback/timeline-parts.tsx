/**
 * Parts of the recordings page's timeline that only draw what they are given: the zoom controls
 * (−, the zoom levels, +, earlier, later), the ruler (ticks at round times of the site's zone) and
 * the legend (the colours and symbols of the bars, and the keys).
 */
import { useI18n } from '../i18n/index.ts';
import { siteTickLabel, useSiteTime, wallParts } from '../time/index.ts';
import { EVENT_KINDS } from './camera-events-model.ts';
import { EVENT_SYMBOL } from './event-marks.tsx';
import type { CameraEventKind } from './playback-api.ts';
import { ticks, ZOOM_LEVELS, type TimeWindow } from './timeline-model.ts';

/** Local time minus UTC at `ms` in `timeZone` (for ticks at round local times). */
function offsetAt(ms: number, timeZone: string): number {
  const p = wallParts(ms, timeZone);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second, p.millisecond) - ms;
}

/** Props of the zoom controls. */
export interface ZoomControlsProps {
  /** Index into `ZOOM_LEVELS`. */
  zoom: number;
  onZoom: (zoom: number) => void;
  /** Move the window back or on by its width. */
  onEarlier: () => void;
  onLater: () => void;
}

/** −, the zoom levels, +, earlier, later. */
export function ZoomControls({ zoom, onZoom, onEarlier, onLater }: ZoomControlsProps) {
  const { t } = useI18n();
  return (
    <>
      <button
        type="button"
        onClick={() => onZoom(zoom - 1)}
        disabled={zoom === 0}
        aria-label={t('playback.zoomOut')}
        data-testid="zoom-out"
      >
        −
      </button>
      <select
        value={zoom}
        onChange={(e) => onZoom(Number(e.target.value))}
        aria-label={t('playback.zoom')}
        data-testid="zoom"
      >
        {ZOOM_LEVELS.map((w, i) => (
          <option key={w} value={i}>
            {t(`playback.zoom.${i}` as 'playback.zoom.0')}
          </option>
        ))}
      </select>
      <button
        type="button"
        onClick={() => onZoom(zoom + 1)}
        disabled={zoom === ZOOM_LEVELS.length - 1}
        aria-label={t('playback.zoomIn')}
        data-testid="zoom-in"
      >
        +
      </button>
      <button type="button" onClick={onEarlier} aria-label={t('playback.earlier')}>
        ◀
      </button>
      <button type="button" onClick={onLater} aria-label={t('playback.later')}>
        ▶
      </button>
    </>
  );
}

/** The ruler over the bars: about eight ticks at round times of the site's zone. */
export function TimelineRuler({ window: view }: { window: TimeWindow }) {
  const site = useSiteTime();
  return (
    <div className="pb-ruler">
      {ticks(view, 8, offsetAt(view.fromMs, site.timeZone)).map((tk) => (
        <span
          key={tk}
          style={{ left: `${((tk - view.fromMs) / (view.toMs - view.fromMs)) * 100}%` }}
        >
          {siteTickLabel(tk, view.toMs - view.fromMs, site.timeZone)}
        </span>
      ))}
    </div>
  );
}

/**
 * The legend under the bars, and the keys. The camera event kinds are named only when the bars
 * have such events (the line stays short).
 */
export function TimelineLegend({ eventKinds }: { eventKinds: ReadonlySet<CameraEventKind> }) {
  const { t } = useI18n();
  return (
    <p className="pb-legend">
      <span className="pb-span-key" /> {t('playback.legend.recorded')}{' '}
      <span className="pb-gap-key" /> {t('playback.legend.gap')} <span className="pb-hold-key" />{' '}
      {t('playback.legend.hold')} <span className="pb-bm-key" /> {t('playback.legend.bookmark')}
      {EVENT_KINDS.filter((k) => eventKinds.has(k)).map((k) => (
        <span key={k} data-testid="legend-event-kind" data-kind={k}>
          <span className={`pb-ev-key pb-ev-${k}`}>{EVENT_SYMBOL[k]}</span>{' '}
          {t(`playback.legend.${k}`)}
        </span>
      ))}
      <span className="pb-keys">{t('playback.keys')}</span>
    </p>
  );
}
