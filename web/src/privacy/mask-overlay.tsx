/**
 * Privacy masks drawn over video: an SVG laid over its positioned parent, with the video's own
 * proportions, so that a mask covers the same part of the picture whatever the tile's size. The
 * aspect is read from the `<video>` in the same parent (updated when the stream's size changes),
 * or given. `fit` must match the video's `object-fit` (contain by default).
 */
import { useEffect, useRef, useState } from 'react';
import type { MaskPoint } from './privacy-api.ts';

/** Props of the overlay. */
export interface MaskOverlayProps {
  /** Polygons to draw (normalised); nothing is drawn when empty. */
  polygons: readonly (readonly MaskPoint[])[];
  /** Picture size; by default that of the `<video>` next to the overlay (16:9 until known). */
  width?: number;
  height?: number;
  fit?: 'contain' | 'cover' | 'fill';
}

const ASPECT: Record<NonNullable<MaskOverlayProps['fit']>, string> = {
  contain: 'xMidYMid meet',
  cover: 'xMidYMid slice',
  fill: 'none',
};

const OVERLAY_STYLE = {
  position: 'absolute',
  inset: 0,
  width: '100%',
  height: '100%',
  pointerEvents: 'none',
} as const;

/** The mask layer. Put it inside the element that holds the video (position: relative). */
export function MaskOverlay({ polygons, width, height, fit = 'contain' }: MaskOverlayProps) {
  const svg = useRef<SVGSVGElement>(null);
  const [size, setSize] = useState<{ w: number; h: number }>({ w: 16, h: 9 });

  useEffect(() => {
    if (width !== undefined && height !== undefined) return;
    const video = svg.current?.parentElement?.querySelector('video');
    if (!video) return;
    const update = () => {
      if (video.videoWidth > 0 && video.videoHeight > 0) {
        setSize({ w: video.videoWidth, h: video.videoHeight });
      }
    };
    update();
    video.addEventListener('loadedmetadata', update);
    video.addEventListener('resize', update);
    return () => {
      video.removeEventListener('loadedmetadata', update);
      video.removeEventListener('resize', update);
    };
  }, [width, height]);

  const w = width ?? size.w;
  const h = height ?? size.h;
  return (
    <svg
      ref={svg}
      className="mask-overlay"
      style={OVERLAY_STYLE}
      viewBox={`0 0 ${w} ${h}`}
      preserveAspectRatio={ASPECT[fit]}
      aria-hidden="true"
      data-privacy-masks={polygons.length}
    >
      {polygons.map((p, i) => (
        <polygon key={i} points={p.map(([x, y]) => `${x * w},${y * h}`).join(' ')} fill="#000" />
      ))}
    </svg>
  );
}
