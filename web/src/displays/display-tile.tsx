/**
 * One live picture on a wall display: the camera's name and its state in a thin bar, the live
 * video under it (the player reconnects by itself after a drop). An empty place of a view shows
 * a plain dark tile.
 */
import { useState, type CSSProperties } from 'react';
import { useI18n } from '../i18n/index.ts';
import { LiveVideo, stateMessageKey, type LiveStreamStatus } from '../live-player/index.ts';

/** Props of a display tile. */
export interface DisplayTileProps {
  cameraId: string | null;
  stream: 'main' | 'sub';
  /** The camera's name as it was when pushed (its id when unknown). */
  name: string | null;
  gridArea?: Pick<CSSProperties, 'gridColumn' | 'gridRow'>;
}

/** A tile of the display. */
export function DisplayTile({ cameraId, stream, name, gridArea }: DisplayTileProps) {
  const { t } = useI18n();
  const [status, setStatus] = useState<LiveStreamStatus | null>(null);
  if (cameraId === null) {
    return <div className="display-tile display-tile-empty" style={gridArea} aria-hidden />;
  }
  const stateKey = status === null ? 'live.state.connecting' : stateMessageKey(status);
  return (
    <section
      className="display-tile"
      style={gridArea}
      data-camera={cameraId}
      data-state={status?.state.kind ?? 'connecting'}
      aria-label={name ?? cameraId}
    >
      <header className="display-tile-bar">
        <span className="display-tile-name">{name ?? cameraId}</span>
        <span className="display-tile-state">{t(stateKey)}</span>
      </header>
      <div className="display-tile-video">
        <LiveVideo cameraId={cameraId} stream={stream} onStatus={setStatus} />
      </div>
    </section>
  );
}
