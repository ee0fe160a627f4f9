/**
 * One camera's recorded video on the page, with its privacy masks drawn over it exactly as in
 * live view (for everyone who has not lifted them; the whole picture stays covered until the
 * masks are known), and a notice over the picture where the camera recorded nothing. In a grid
 * of several tiles a button enlarges the tile over the grid (it then plays the main stream; the
 * grid plays sub-streams) and shrinks it back. Digital zoom (wheel, drag, pinch; z / Z / x on the
 * focused picture) moves the video and its masks as one and is kept when the tile is enlarged.
 */
import { useState, type Ref } from 'react';
import { useI18n } from '../i18n/index.ts';
import { NO_ZOOM, ZoomView, type Zoom } from '../live-player/index.ts';
import { MaskOverlay, useMaskView } from '../privacy/index.ts';

const WHOLE_PICTURE: [number, number][][] = [
  [
    [0, 0],
    [1, 0],
    [1, 1],
    [0, 1],
  ],
];

/** Props of a tile. */
export interface PlaybackTileProps {
  cameraId: string;
  name: string;
  videoRef: Ref<HTMLVideoElement>;
  /** Said over the picture when the playhead is where the camera recorded nothing. */
  notice?: string | null;
  /** True while this tile is enlarged over the grid. */
  enlarged?: boolean;
  /** Enlarges (true) or shrinks (false) the tile; no button when left out (a single tile). */
  onEnlarge?: (enlarged: boolean) => void;
}

/** The tile. */
export function PlaybackTile({
  cameraId,
  name,
  videoRef,
  notice,
  enlarged = false,
  onEnlarge,
}: PlaybackTileProps) {
  const { t } = useI18n();
  const masks = useMaskView(cameraId);
  const [zoom, setZoom] = useState<Zoom>(NO_ZOOM);
  return (
    <figure className={enlarged ? 'pb-player pb-enlarged' : 'pb-player'} data-camera={cameraId}>
      <div className="pb-video">
        <ZoomView
          zoom={zoom}
          onZoom={setZoom}
          focusable
          label={t('zoom.pictureOf', { camera: name })}
        >
          <video ref={videoRef} muted playsInline data-testid={`video-${cameraId}`} />
          <MaskOverlay polygons={masks.polygons ?? WHOLE_PICTURE} />
        </ZoomView>
        {notice && (
          <p className="pb-notice" role="status" data-testid={`notice-${cameraId}`}>
            {notice}
          </p>
        )}
      </div>
      <figcaption>
        <span>{name}</span>
        {onEnlarge && (
          <button
            type="button"
            className="pb-enlarge"
            aria-pressed={enlarged}
            aria-label={t(enlarged ? 'playback.shrinkCamera' : 'playback.enlargeCamera', {
              camera: name,
            })}
            onClick={() => onEnlarge(!enlarged)}
          >
            {t(enlarged ? 'playback.shrink' : 'playback.enlarge')}
          </button>
        )}
      </figcaption>
    </figure>
  );
}
