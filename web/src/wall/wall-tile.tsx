/**
 * One tile of the wall: the camera's name, live state, time (site time zone) and recording dot in
 * a header bar, with the stream's notes (transcode, fallback) as small badges there, never over
 * the picture; its live video (sub-stream; main stream when enlarged), a drop target for cameras
 * dragged from the list, and double-click to enlarge or shrink. Digital zoom (wheel, drag, pinch;
 * z / Z / x on the focused tile) is the tile's, so it is kept when the tile is enlarged. With
 * `playback.view` on the camera, "Replay" plays the last 30 s / 2 min / 10 min in the tile
 * (an audited playback session with a reason) until "Torna al live". With `ptz.control`, "PTZ"
 * opens the camera's PTZ controls over the picture (`ptz/`).
 */
import { useState, type CSSProperties, type DragEvent } from 'react';
import type { Camera } from '../api/index.ts';
import { useI18n } from '../i18n/index.ts';
import {
  LiveVideo,
  NO_ZOOM,
  applyZoomKey,
  stateMessageKey,
  useCameraClock,
  zoomKeyAction,
  type Zoom,
  type LiveStreamStatus,
  type TransportChoice,
} from '../live-player/index.ts';
import { MaskLiftControl } from '../privacy/index.ts';
import { PtzPanel } from '../ptz/index.ts';
import { useSiteTime } from '../time/index.ts';
import { loadRecentReasons, rememberReason } from './recent-reasons.ts';
import { ReplayForm, type Replay } from './replay-form.tsx';
import { ReplayVideo } from './replay-video.tsx';

/** The drag payload type of a camera. */
export const CAMERA_DRAG_TYPE = 'application/x-vedetta-camera';

/** Props of a tile. */
export interface WallTileProps {
  index: number;
  camera: Camera | undefined;
  /** An id on the wall that the user can no longer see (removed, or access withdrawn). */
  missingId: string | null;
  enlarged: boolean;
  selected: boolean;
  transport: TransportChoice;
  onDropCamera: (index: number, cameraId: string) => void;
  onToggleEnlarge: (index: number) => void;
  onSelect: (index: number) => void;
  onClear: (index: number) => void;
  /** The signed-in user's permissions (the privacy-mask lift control needs `mask.lift`). */
  permissions?: readonly string[];
  /** Whether the camera is recording now (its status); null or absent when unknown. */
  recording?: boolean | null;
  /** Where the tile sits in the wall's CSS grid (column and row, with spans). */
  gridArea?: Pick<CSSProperties, 'gridColumn' | 'gridRow'> | undefined;
  /** The big tile of a `1+N` layout. */
  big?: boolean;
  /** The tile's camera changes with a tour. */
  touring?: boolean;
  /** The signed-in user (whose recent replay reasons are offered). */
  userId?: string;
}

/** Local storage, where the browser gives it. */
function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

/** A wall tile. */
export function WallTile(props: WallTileProps) {
  const { t } = useI18n();
  const { index, camera, enlarged } = props;
  const [status, setStatus] = useState<LiveStreamStatus | null>(null);
  const [dragOver, setDragOver] = useState(false);
  const clock = useCameraClock();
  const siteTime = useSiteTime();
  const [zoom, setZoom] = useState<Zoom>(NO_ZOOM);
  const [replayForm, setReplayForm] = useState(false);
  const [replay, setReplay] = useState<Replay | null>(null);
  const [replayAt, setReplayAt] = useState<number | null>(null);
  const [recentReasons, setRecentReasons] = useState<string[]>(() => {
    const s = storage();
    return s && props.userId !== undefined ? loadRecentReasons(s, props.userId) : [];
  });
  const mayReplay = camera?.callerPermissions?.includes('playback.view') === true;
  const mayPtz = camera?.callerPermissions?.includes('ptz.control') === true;
  const [ptzOpen, setPtzOpen] = useState(false);
  const [replayCamera, setReplayCamera] = useState(camera?.id);
  if (replayCamera !== camera?.id) {
    // Another camera on the tile: back to live, unzoomed.
    setReplayCamera(camera?.id);
    setReplay(null);
    setReplayForm(false);
    setZoom(NO_ZOOM);
    setPtzOpen(false);
  }
  const openReplay = (r: Replay) => {
    const s = storage();
    if (s && props.userId !== undefined)
      setRecentReasons(rememberReason(s, props.userId, r.reason));
    setReplayForm(false);
    setReplayAt(null);
    setReplay(r);
  };
  const backToLive = () => {
    setReplay(null);
    setReplayAt(null);
  };

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragOver(false);
    const id = e.dataTransfer.getData(CAMERA_DRAG_TYPE) || e.dataTransfer.getData('text/plain');
    if (id !== '') props.onDropCamera(index, id);
  };
  const stateKey = status === null ? 'live.state.connecting' : stateMessageKey(status);
  const kind = status?.state.kind ?? 'connecting';

  return (
    <section
      className={[
        'wall-tile',
        enlarged ? 'wall-tile-enlarged' : '',
        dragOver ? 'wall-tile-dragover' : '',
        props.selected ? 'wall-tile-selected' : '',
        props.big ? 'wall-tile-big' : '',
      ].join(' ')}
      style={props.gridArea}
      data-tile-index={index}
      data-tile-big={props.big ? 'true' : undefined}
      data-tile-touring={props.touring ? 'true' : undefined}
      data-tile-camera={camera?.id ?? ''}
      data-tile-mode={replay !== null ? 'replay' : 'live'}
      data-tile-zoom={zoom.scale.toFixed(2)}
      aria-label={camera ? camera.name : t('wall.emptyTile', { n: String(index + 1) })}
      onDragOver={(e) => {
        e.preventDefault();
        e.dataTransfer.dropEffect = 'copy';
        setDragOver(true);
      }}
      onDragLeave={() => setDragOver(false)}
      onDrop={onDrop}
      onClick={() => props.onSelect(index)}
      onDoubleClick={() => camera && props.onToggleEnlarge(index)}
      // Keyboard: focus a tile, Space selects it (the next camera picked goes there), Enter
      // enlarges or shrinks it.
      tabIndex={0}
      onKeyDown={(e) => {
        if (e.target !== e.currentTarget) return;
        const zoomKey = camera ? zoomKeyAction(e) : null;
        if (zoomKey !== null) {
          e.preventDefault();
          setZoom(applyZoomKey(zoom, zoomKey));
        } else if (e.key === ' ') {
          e.preventDefault();
          props.onSelect(index);
        } else if (e.key === 'Enter' && camera) {
          props.onToggleEnlarge(index);
        }
      }}
    >
      {camera ? (
        <>
          <header className="wall-tile-bar">
            <span className="wall-tile-name" title={camera.id}>
              {camera.name}
            </span>
            {props.touring && (
              <span className="wall-tile-badge wall-tile-tour" title={t('wall.tour.running')}>
                {t('wall.tour.badge')}
              </span>
            )}
            {replay === null && (
              <span className={`wall-tile-state state-${kind}`} data-testid="tile-state">
                {t(stateKey)}
              </span>
            )}
            {props.recording === true && (
              <span
                className="wall-tile-rec"
                data-testid="tile-recording"
                role="img"
                title={t('live.recording')}
                aria-label={t('live.recording')}
              />
            )}
            {replay !== null ? (
              <>
                <span className="wall-tile-badge wall-tile-replay" data-testid="tile-replay">
                  {t('replay.badge')}
                </span>
                <time
                  className="wall-tile-clock"
                  data-testid="tile-clock"
                  data-clock-source="recorded"
                  title={`${t('replay.clock')} · ${siteTime.timeZone}`}
                >
                  {replayAt !== null ? siteTime.time(replayAt) : '—'}
                </time>
              </>
            ) : (
              <time
                className="wall-tile-clock"
                data-testid="tile-clock"
                data-clock-source={clock.reading.source}
                dateTime={new Date(clock.reading.ms).toISOString()}
                title={`${t(clock.reading.source === 'camera' ? 'live.clock.camera' : 'live.clock.browser')} · ${siteTime.timeZone}`}
              >
                {siteTime.time(clock.reading.ms)}
              </time>
            )}
            {replay === null && status?.transport && (
              <span className="wall-tile-transport">
                {status.transport === 'webrtc' ? 'WebRTC' : 'MSE'}
              </span>
            )}
            {status?.note != null && (
              <span
                className="wall-tile-badge"
                data-testid="tile-note"
                data-note={status.note}
                title={t(`live.note.${status.note}`)}
              >
                {t(`live.badge.${status.note}`)}
              </span>
            )}
            <MaskLiftControl cameraId={camera.id} permissions={props.permissions ?? []} />
            {mayPtz && replay === null && (
              <button
                type="button"
                className="wall-tile-button"
                data-testid="tile-ptz"
                aria-pressed={ptzOpen}
                title={t('ptz.buttonHint')}
                onClick={(e) => {
                  e.stopPropagation();
                  setPtzOpen(!ptzOpen);
                }}
              >
                {t('ptz.button')}
              </button>
            )}
            {mayReplay &&
              (replay !== null ? (
                <button
                  type="button"
                  className="wall-tile-button wall-tile-live"
                  onClick={(e) => {
                    e.stopPropagation();
                    backToLive();
                  }}
                >
                  {t('replay.backToLive')}
                </button>
              ) : (
                <button
                  type="button"
                  className="wall-tile-button"
                  aria-expanded={replayForm}
                  title={t('replay.hint')}
                  onClick={(e) => {
                    e.stopPropagation();
                    setReplayForm(!replayForm);
                  }}
                >
                  {t('replay.button')}
                </button>
              ))}
            <button
              type="button"
              className="wall-tile-button"
              title={enlarged ? t('wall.shrink') : t('wall.enlarge')}
              aria-label={enlarged ? t('wall.shrink') : t('wall.enlarge')}
              onClick={(e) => {
                e.stopPropagation();
                props.onToggleEnlarge(index);
              }}
            >
              {enlarged ? '⤡' : '⤢'}
            </button>
            <button
              type="button"
              className="wall-tile-button"
              title={t('wall.removeCamera')}
              aria-label={t('wall.removeCamera')}
              onClick={(e) => {
                e.stopPropagation();
                props.onClear(index);
              }}
            >
              ×
            </button>
          </header>
          {replay !== null ? (
            <ReplayVideo
              cameraId={camera.id}
              replay={replay}
              stream={enlarged || !camera.hasSubStream ? 'main' : 'sub'}
              zoom={zoom}
              onZoom={setZoom}
              onTime={setReplayAt}
              onBackToLive={backToLive}
            />
          ) : (
            <LiveVideo
              key={`${camera.id}-${enlarged ? 'main' : 'sub'}-${props.transport}`}
              cameraId={camera.id}
              stream={enlarged || !camera.hasSubStream ? 'main' : 'sub'}
              transport={props.transport}
              codecHint={camera.codecHint}
              onStatus={setStatus}
              onFrame={clock.onFrame}
              zoom={zoom}
              onZoom={setZoom}
            />
          )}
          {ptzOpen && replay === null && (
            <PtzPanel
              cameraId={camera.id}
              canManagePresets={(props.permissions ?? []).includes('camera.manage')}
            />
          )}
          {replayForm && replay === null && (
            <ReplayForm
              cameraId={camera.id}
              recentReasons={recentReasons}
              onOpen={openReplay}
              onCancel={() => setReplayForm(false)}
            />
          )}
        </>
      ) : (
        <div className="wall-tile-empty">
          {props.missingId !== null ? (
            <span role="status">{t('wall.cameraUnavailable', { id: props.missingId })}</span>
          ) : (
            <span>{t('wall.dropHere')}</span>
          )}
        </div>
      )}
    </section>
  );
}
