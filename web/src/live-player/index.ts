/** The live player: live video over WebRTC or MSE, with its state shown in words. */
export { LiveVideo, stateMessageKey, type LiveVideoProps } from './live-video.tsx';
export {
  LiveStream,
  type LiveStreamStatus,
  type TransportChoice,
  type StreamNote,
} from './live-stream.ts';
export type { PlayerState, PlayerStateKind, LiveTransportKind } from './player-state.ts';
export type { StreamKind } from './live-api.ts';
