/**
 * An instant replay playing in a wall tile: the recorded video of the tile's camera from the
 * replay's start, through the audited session the form opened, with the camera's privacy masks
 * over it (the whole picture until they are known) and the tile's zoom. When it reaches the
 * moment the replay was asked for (the live edge) it says so and offers to go back to live.
 */
import { useEffect, useRef, useState } from 'react';
import { ErrorText } from '../api/index.ts';
import { useI18n } from '../i18n/index.ts';
import { ZoomView, type Zoom } from '../live-player/index.ts';
import { MaskOverlay, useMaskView } from '../privacy/index.ts';
import { RecordedPlayer, type StreamKind } from '../recorded-player/index.ts';
import type { Replay } from './replay-form.tsx';

const WHOLE_PICTURE: [number, number][][] = [
  [
    [0, 0],
    [1, 0],
    [1, 1],
    [0, 1],
  ],
];

/** How close (ms) to the instant it was asked the replay counts as at the live edge. */
const LIVE_EDGE_MS = 2_000;

/** Props of the replay. */
export interface ReplayVideoProps {
  cameraId: string;
  replay: Replay;
  stream: StreamKind;
  zoom: Zoom;
  onZoom: (zoom: Zoom) => void;
  /** The recorded wall time on screen (UTC ms), a few times a second. */
  onTime: (wallMs: number) => void;
  onBackToLive: () => void;
}

/** The replay's video. */
export function ReplayVideo(props: ReplayVideoProps) {
  const { cameraId, replay, stream } = props;
  const { t } = useI18n();
  const videoRef = useRef<HTMLVideoElement>(null);
  const playerRef = useRef<RecordedPlayer | null>(null);
  const masks = useMaskView(cameraId);
  const [atEdge, setAtEdge] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const onTime = useRef(props.onTime);
  onTime.current = props.onTime;

  useEffect(() => {
    const video = videoRef.current;
    if (video === null) return;
    const player = new RecordedPlayer(
      video,
      { session: replay.session.id, camera: cameraId, stream },
      replay.fromMs,
      { onError: (m) => setError(new Error(m)) },
    );
    playerRef.current = player;
    let stopped = false;
    void player
      .seek(replay.fromMs)
      .then(() => (stopped ? undefined : video.play()))
      .catch((e: unknown) => setError(e));
    const timer = window.setInterval(() => {
      player.tick();
      const wall = player.wallOf(video.currentTime);
      if (video.currentTime > 0) onTime.current(wall);
      const r = video.buffered;
      const bufferedEnd = r.length > 0 ? r.end(r.length - 1) : 0;
      const starved = bufferedEnd - video.currentTime < 0.3;
      setAtEdge(
        video.currentTime > 0 &&
          (wall >= replay.toMs - LIVE_EDGE_MS || (player.endReached && starved)),
      );
    }, 250);
    return () => {
      stopped = true;
      window.clearInterval(timer);
      player.destroy();
      playerRef.current = null;
    };
    // The stream changes on enlarge: handled below without a new player.
  }, [cameraId, replay]);

  // Enlarging plays the main stream from where the replay is.
  useEffect(() => {
    const player = playerRef.current;
    const video = videoRef.current;
    if (player === null || video === null || player.preferredStream === stream) return;
    player.prefer(stream);
    const at = video.currentTime > 0 ? player.wallOf(video.currentTime) : replay.fromMs;
    void player.seek(at).then(() => video.play());
  }, [stream, replay.fromMs]);

  return (
    <div
      className="replay-video"
      data-state={atEdge ? 'replay-edge' : 'replay'}
      data-replay-camera={cameraId}
    >
      <ZoomView zoom={props.zoom} onZoom={props.onZoom} fill>
        <video ref={videoRef} muted playsInline data-testid="replay-video" />
        <MaskOverlay polygons={masks.polygons ?? WHOLE_PICTURE} />
      </ZoomView>
      {(atEdge || error !== null) && (
        <div className="replay-notice" role="status">
          <span>{error !== null ? <ErrorText error={error} /> : t('replay.liveEdge')}</span>
          <button
            type="button"
            onClick={(e) => {
              e.stopPropagation();
              props.onBackToLive();
            }}
          >
            {t('replay.backToLive')}
          </button>
        </div>
      )}
    </div>
  );
}
