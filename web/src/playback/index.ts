/** The recordings (playback) page. */
export { PlaybackPage } from './playback-page.tsx';
