/**
 * A tile's digital zoom (see `zoom-model.ts`): what it holds — the video AND the privacy masks
 * drawn over it — is scaled and shifted as one layer, so a masked area stays covered at every
 * zoom. Mouse wheel zooms around the cursor, a drag pans, two fingers pinch; the level and a
 * "reset" button show in a corner while zoomed. The zoom is the host's (controlled), so the host
 * keeps it when its video is replaced (enlarging a tile switches to the main stream).
 */
import { useEffect, useRef, type ReactNode } from 'react';
import { useI18n } from '../i18n/index.ts';
import {
  NO_ZOOM,
  applyZoomKey,
  panBy,
  zoomAt,
  zoomKeyAction,
  zoomLabel,
  zoomStep,
  zoomTransform,
  type Zoom,
} from './zoom-model.ts';

/** Props of a zoom view. */
export interface ZoomViewProps {
  zoom: Zoom;
  onZoom: (zoom: Zoom) => void;
  children: ReactNode;
  /** Fills its positioned parent (live tiles) rather than taking its content's size. */
  fill?: boolean;
  /** Focusable, answering z (in), Z (out) and x (reset); otherwise the host passes the keys. */
  focusable?: boolean;
  /** The name said for the focusable view. */
  label?: string;
}

/** The zoomable layer with its level and reset control. */
export function ZoomView({ zoom, onZoom, children, fill, focusable, label }: ZoomViewProps) {
  const { t } = useI18n();
  const box = useRef<HTMLDivElement>(null);
  const latest = useRef({ zoom, onZoom });
  latest.current = { zoom, onZoom };

  // Wheel: a listener that may cancel the page's scroll (React's wheel listener is passive).
  useEffect(() => {
    const el = box.current;
    if (el === null) return;
    const onWheel = (e: WheelEvent) => {
      const { zoom: z, onZoom: set } = latest.current;
      if (e.deltaY === 0 || (z.scale <= 1 && e.deltaY > 0)) return;
      e.preventDefault();
      const r = el.getBoundingClientRect();
      set(
        zoomStep(
          z,
          e.deltaY < 0 ? 1 : -1,
          (e.clientX - r.left) / r.width,
          (e.clientY - r.top) / r.height,
        ),
      );
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => el.removeEventListener('wheel', onWheel);
  }, []);

  // Drag to pan, two pointers to pinch.
  const pointers = useRef(new Map<number, { x: number; y: number }>());
  const pinch = useRef<{ distance: number; scale: number } | null>(null);
  const distance = (): number => {
    const [a, b] = [...pointers.current.values()];
    return a && b ? Math.hypot(a.x - b.x, a.y - b.y) : 0;
  };

  return (
    <div
      ref={box}
      className={fill ? 'zoom-view zoom-fill' : 'zoom-view'}
      data-zoom={zoom.scale.toFixed(2)}
      data-zoomed={zoom.scale > 1 ? 'true' : undefined}
      tabIndex={focusable ? 0 : undefined}
      aria-label={focusable ? label : undefined}
      onKeyDown={
        focusable
          ? (e) => {
              const action = zoomKeyAction(e);
              if (action === null) return;
              e.preventDefault();
              e.stopPropagation();
              onZoom(applyZoomKey(zoom, action));
            }
          : undefined
      }
      onPointerDown={(e) => {
        if (e.button !== 0) return;
        pointers.current.set(e.pointerId, { x: e.clientX, y: e.clientY });
        if (pointers.current.size === 2)
          pinch.current = { distance: distance(), scale: zoom.scale };
        if (zoom.scale > 1 || pointers.current.size === 2)
          e.currentTarget.setPointerCapture(e.pointerId);
      }}
      onPointerMove={(e) => {
        const last = pointers.current.get(e.pointerId);
        if (last === undefined || box.current === null) return;
        const r = box.current.getBoundingClientRect();
        pointers.current.set(e.pointerId, { x: e.clientX, y: e.clientY });
        const p = pinch.current;
        if (p !== null && pointers.current.size === 2 && p.distance > 0) {
          const [a, b] = [...pointers.current.values()];
          if (a === undefined || b === undefined) return;
          const cx = ((a.x + b.x) / 2 - r.left) / r.width;
          const cy = ((a.y + b.y) / 2 - r.top) / r.height;
          onZoom(zoomAt(zoom, (p.scale * distance()) / p.distance, cx, cy));
        } else if (zoom.scale > 1) {
          onZoom(panBy(zoom, (e.clientX - last.x) / r.width, (e.clientY - last.y) / r.height));
        }
      }}
      onPointerUp={(e) => {
        pointers.current.delete(e.pointerId);
        if (pointers.current.size < 2) pinch.current = null;
      }}
      onPointerCancel={(e) => {
        pointers.current.delete(e.pointerId);
        pinch.current = null;
      }}
    >
      <div
        className="zoom-layer"
        style={zoom.scale > 1 ? { transform: zoomTransform(zoom) } : undefined}
      >
        {children}
      </div>
      {zoom.scale > 1 && (
        <div className="zoom-controls">
          <span className="zoom-level" data-testid="zoom-level" title={t('zoom.level')}>
            {zoomLabel(zoom)}
          </span>
          <button
            type="button"
            className="zoom-reset"
            title={t('zoom.resetHint')}
            onClick={(e) => {
              e.stopPropagation();
              onZoom(NO_ZOOM);
            }}
            onDoubleClick={(e) => e.stopPropagation()}
            onPointerDown={(e) => e.stopPropagation()}
          >
            {t('zoom.reset')}
          </button>
        </div>
      )}
    </div>
  );
}
