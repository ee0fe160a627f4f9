/**
 * One camera's recorded video on the page, with its privacy masks drawn over it exactly as in
 * live view (for everyone who has not lifted them; the whole picture stays covered until the
 * masks are known), and a notice over the picture where the camera recorded nothing.
 */
import type { Ref } from 'react';
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
}

/** The tile. */
export function PlaybackTile({ cameraId, name, videoRef, notice }: PlaybackTileProps) {
  const masks = useMaskView(cameraId);
  return (
    <figure className="pb-player">
      <div className="pb-video">
        <video ref={videoRef} muted playsInline data-testid={`video-${cameraId}`} />
        <MaskOverlay polygons={masks.polygons ?? WHOLE_PICTURE} />
        {notice && (
          <p className="pb-notice" role="status" data-testid={`notice-${cameraId}`}>
            {notice}
          </p>
        )}
      </div>
      <figcaption>{name}</figcaption>
    </figure>
  );
}
