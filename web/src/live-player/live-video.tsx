/**
 * A live video with its state in words on top: the picture is shown only while frames are being
 * presented; otherwise it is hidden behind a message (connecting, offline, no signal, access
 * denied, codec not supported), so a frozen frame never passes for live video.
 */
import { useEffect, useRef, useState } from 'react';
import { useI18n, type MessageKey } from '../i18n/index.ts';
import type { StreamKind } from './live-api.ts';
import { LiveStream, type LiveStreamStatus, type TransportChoice } from './live-stream.ts';
import { recordFrameTiming } from './frame-stats.ts';
import type { FrameTiming } from './player-state.ts';
import { MaskOverlay, useMaskView } from '../privacy/index.ts';
import type { Zoom } from './zoom-model.ts';
import { ZoomView } from './zoom-view.tsx';

/** Drawn over the whole picture until the camera's privacy masks are known (fail closed). */
const WHOLE_PICTURE: [number, number][][] = [
  [
    [0, 0],
    [1, 0],
    [1, 1],
    [0, 1],
  ],
];

/** Props of a live video. */
export interface LiveVideoProps {
  cameraId: string;
  stream: StreamKind;
  transport?: TransportChoice;
  codecHint?: 'h264' | 'h265' | null;
  /**
   * Called on every state change (the tile shows it next to the name, and `status.note` — WebRTC
   * fallback, H.265 transcode — as a badge: nothing is drawn over the picture for it).
   */
  onStatus?: (status: LiveStreamStatus) => void;
  /** Called for each presented frame whose capture time is known (the tile's clock). */
  onFrame?: (timing: FrameTiming) => void;
  /** The tile's digital zoom (the masks follow it); no zoom when left out. */
  zoom?: Zoom;
  /** Changes the zoom (wheel, drag, pinch, reset). */
  onZoom?: (zoom: Zoom) => void;
}

const STATE_KEYS: Record<LiveStreamStatus['state']['kind'], MessageKey> = {
  connecting: 'live.state.connecting',
  waiting: 'live.state.waiting',
  playing: 'live.state.playing',
  stalled: 'live.state.stalled',
  offline: 'live.state.offline',
  denied: 'live.state.denied',
  'signed-out': 'live.state.signedOut',
  unsupported: 'live.state.unsupported',
  error: 'live.state.error',
};

/** The message key of a stream state. */
export function stateMessageKey(status: LiveStreamStatus): MessageKey {
  return STATE_KEYS[status.state.kind];
}

/** A muted, inline live video element driven by a `LiveStream`. */
export function LiveVideo({
  cameraId,
  stream,
  transport = 'auto',
  codecHint,
  onStatus,
  onFrame,
  zoom,
  onZoom,
}: LiveVideoProps) {
  const { t } = useI18n();
  const videoRef = useRef<HTMLVideoElement>(null);
  // Privacy masks, drawn for everyone who has not lifted them (see web/src/privacy).
  const masks = useMaskView(cameraId);
  const [status, setStatus] = useState<LiveStreamStatus>({
    state: { kind: 'connecting' },
    transport: null,
    note: null,
  });
  const onStatusRef = useRef(onStatus);
  onStatusRef.current = onStatus;
  const onFrameRef = useRef(onFrame);
  onFrameRef.current = onFrame;

  useEffect(() => {
    const video = videoRef.current;
    if (video === null) return;
    const live = new LiveStream(video, {
      cameraId,
      stream,
      transport,
      codecHint: codecHint ?? null,
      onStatus: (s) => {
        setStatus(s);
        onStatusRef.current?.(s);
      },
      onFrame: (timing) => {
        recordFrameTiming(cameraId, timing);
        onFrameRef.current?.(timing);
      },
    });
    live.start();
    return () => live.stop();
  }, [cameraId, stream, transport, codecHint]);

  const kind = status.state.kind;
  const playing = kind === 'playing';
  // The video and its masks, moved as one when zoomed.
  const picture = (
    <>
      <video ref={videoRef} muted playsInline autoPlay aria-hidden={!playing} />
      <MaskOverlay polygons={masks.polygons ?? WHOLE_PICTURE} />
    </>
  );
  return (
    <div
      className={`live-video live-${kind}`}
      data-state={kind}
      data-transport={status.transport ?? ''}
      data-live-camera={cameraId}
      data-stream={stream}
    >
      {zoom !== undefined && onZoom !== undefined ? (
        <ZoomView zoom={zoom} onZoom={onZoom} fill>
          {picture}
        </ZoomView>
      ) : (
        picture
      )}
      {!playing && (
        <div className="live-overlay" role="status">
          <span className="live-message">{t(STATE_KEYS[kind])}</span>
          {kind === 'unsupported' && (
            <span className="live-detail">
              {status.state.kind === 'unsupported' ? status.state.codec : ''}
            </span>
          )}
        </div>
      )}
    </div>
  );
}
