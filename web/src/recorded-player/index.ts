/** The recorded-video player and the playback-session calls it needs (playback page, wall replay). */
export { RecordedPlayer, type PlayerListener } from './recorded-player.ts';
export {
  openSession,
  getMedia,
  getInit,
  getFragments,
  type MediaSegment,
  type PlaybackSession,
  type StreamKind,
  type MediaSource_,
} from './recorded-api.ts';
