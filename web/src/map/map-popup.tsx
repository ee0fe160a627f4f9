/**
 * The popup of a camera on the map: its name (a handle to drag it onto a wall tile), address and
 * state, a small live player when the user may watch it, and the buttons "Live" (the wall with
 * this camera) and "Riproduci" (its recordings from 30 seconds ago).
 */
import type { Camera } from '../api/index.ts';
import { playbackHref } from '../bookmarks/index.ts';
import { useI18n } from '../i18n/index.ts';
import { LiveVideo } from '../live-player/index.ts';
import { notRecording, setCameraDragData } from './markers.ts';
import type { MapCamera } from './map-settings.ts';

/** How far back "Riproduci" starts. */
export const REPLAY_BACK_MS = 30_000;

/** Props of the popup. */
export interface MapPopupProps {
  camera: MapCamera;
  /** The registry's camera (permissions, streams); undefined while the list loads. */
  details: Camera | undefined;
  /** Now, in ms (the replay starts 30 s before). */
  nowMs: () => number;
}

/** The popup's content. */
export function MapPopup({ camera, details, nowMs }: MapPopupProps) {
  const { t } = useI18n();
  const perms = details?.callerPermissions ?? [];
  const mayWatch = perms.includes('live.view');
  const mayReplay = perms.includes('playback.view');
  return (
    <div className="map-popup-body" data-map-popup={camera.id}>
      <div
        className="map-popup-title"
        draggable
        title={t('map.dragHint')}
        onDragStart={(e) => setCameraDragData(e.dataTransfer, camera.id)}
      >
        <strong>{camera.name}</strong>
        <span className="map-popup-id">{camera.id}</span>
      </div>
      {camera.address !== '' && <div className="map-popup-address">{camera.address}</div>}
      <div className="map-popup-state">
        <span className="map-legend-dot" data-state={camera.state} />
        <span data-testid="map-popup-state">{t(`map.state.${camera.state}`)}</span>
        {notRecording(camera) && <span className="map-chip">{t('map.notRecording')}</span>}
        {camera.masked && <span className="map-chip">{t('map.masked')}</span>}
        {camera.ptz && <span className="map-chip">{t('map.ptz')}</span>}
      </div>
      {mayWatch && camera.state === 'live' && details !== undefined && (
        <div className="map-popup-video">
          <LiveVideo
            cameraId={camera.id}
            stream={details.hasSubStream ? 'sub' : 'main'}
            codecHint={details.codecHint}
          />
        </div>
      )}
      <div className="map-popup-actions">
        <a
          className="map-button"
          href={`#/wall/${encodeURIComponent(camera.id)}`}
          aria-disabled={!mayWatch}
          data-testid="map-popup-live"
        >
          {t('map.live')}
        </a>
        {mayReplay && (
          <a
            className="map-button"
            href={playbackHref([camera.id], nowMs() - REPLAY_BACK_MS)}
            title={t('map.replayHint')}
            data-testid="map-popup-replay"
          >
            {t('map.replay')}
          </a>
        )}
      </div>
    </div>
  );
}
