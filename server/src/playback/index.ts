/** The playback module's public entry: what other modules may use (see README.md). */
export { createPlayback } from './create.ts';
export type { PlaybackService } from './playback-service.ts';
export { playbackRoutes } from './routes.ts';
export { timelineDayRoutes } from './days-routes.ts';
