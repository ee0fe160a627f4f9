/** The live player: live video over WebRTC or MSE, with its state shown in words. */
export { LiveVideo, stateMessageKey, type LiveVideoProps } from './live-video.tsx';
export {
  LiveStream,
  type LiveStreamStatus,
  type TransportChoice,
  type StreamNote,
} from './live-stream.ts';
export type {
  PlayerState,
  PlayerStateKind,
  LiveTransportKind,
  FrameTiming,
} from './player-state.ts';
export { clockReading, CAMERA_CLOCK_FRESH_MS } from './camera-clock.ts';
export type { ClockReading, LastCapture } from './camera-clock.ts';
export { useCameraClock } from './use-camera-clock.ts';
export type { StreamKind } from './live-api.ts';
export { ZoomView, type ZoomViewProps } from './zoom-view.tsx';
export {
  NO_ZOOM,
  MAX_ZOOM,
  clampZoom,
  zoomAt,
  zoomStep,
  panBy,
  zoomKeyAction,
  applyZoomKey,
  zoomTransform,
  zoomLabel,
  type Zoom,
} from './zoom-model.ts';
