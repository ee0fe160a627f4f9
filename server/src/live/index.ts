/** The live module's public entry. */
export {
  createLiveService,
  DEFAULT_LIVE_SETTINGS,
  type LiveService,
  type LiveDeps,
  type LiveSettings,
} from './live-service.ts';
export { liveRoutes, type LiveRouteContext } from './routes.ts';
export type { AlarmChange, AlarmFeed, LiveAlarm } from './alarm-feed.ts';
export { registryLiveAccess, type LiveAccess } from './live-access.ts';
export type { HubSource, ViewerHubs } from './hub-source.ts';
export type { StreamGrant } from './stream-tokens.ts';
export { AnnexBReader, type AnnexBUnit } from './annexb-reader.ts';
export { ReencodedOutput } from './reencoded-output.ts';
export type { LiveAudit, LiveTransport, StopReason, ViewerSummary } from './live-viewers.ts';
export { LiveMuxer, type LiveInit, type LiveFragment } from './live-muxer.ts';
export { createLive, liveSettingsOf, ingestHubs } from './create.ts';
