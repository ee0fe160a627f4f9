/**
 * The live module's services, created once at start-up: stream tokens, the registry of streams
 * being watched (audit, re-checks), the hubs (through the H.265 transcoder where a browser needs
 * H.264), the WebRTC gateway and the alarm feed.
 */
import type { Clock, Logger } from '../app/index.ts';
import { AlarmFeed, type AlarmSources } from './alarm-feed.ts';
import type { HubSource, ViewerHubs } from './hub-source.ts';
import type { LiveAccess } from './live-access.ts';
import { LiveViewers, type LiveAudit } from './live-viewers.ts';
import { StreamTokens, type StreamGrant } from './stream-tokens.ts';
import { Transcoders } from './transcoder.ts';
import type { StreamHub, StreamKind } from '../ingest/index.ts';
import { DEFAULT_WEBRTC_SETTINGS, WebRtcGateway, type WebRtcSettings } from './webrtc-gateway.ts';

/** Tunables of live streaming (config `live` section). */
export interface LiveSettings {
  /** Lifetime of a stream token, ms. */
  tokenTtlMs: number;
  /** Sessions and permissions of running streams are asked again this often, ms. */
  recheckMs: number;
  /** An MSE viewer with more unsent bytes than this skips to the next key frame. */
  mseMaxBufferedBytes: number;
  webrtc: WebRtcSettings;
}

/** Defaults of `LiveSettings`. */
export const DEFAULT_LIVE_SETTINGS: LiveSettings = {
  tokenTtlMs: 30_000,
  recheckMs: 5_000,
  mseMaxBufferedBytes: 1024 * 1024,
  webrtc: DEFAULT_WEBRTC_SETTINGS,
};

/** What the live module is built from. */
export interface LiveDeps {
  clock: Clock;
  logger: Logger;
  access: LiveAccess;
  audit: LiveAudit;
  hubs: HubSource;
  /** Per-viewer hubs (masks burned in for partners); none: every viewer gets `hubFor`. */
  viewerHubs?: ViewerHubs;
  /** Where alarms come from (ingest, recording, the retention board); none when absent. */
  alarmSources?: AlarmSources;
  settings?: Partial<Omit<LiveSettings, 'webrtc'>> & { webrtc?: Partial<WebRtcSettings> };
}

/** The live module. */
export interface LiveService {
  readonly settings: LiveSettings;
  readonly access: LiveAccess;
  readonly tokens: StreamTokens;
  readonly viewers: LiveViewers;
  readonly hubs: HubSource;
  readonly webrtc: WebRtcGateway;
  readonly transcoders: Transcoders;
  readonly alarms: AlarmFeed;
  /** The hub a grant streams from: the camera stream, or its H.264 transcode. */
  hubFor(cameraId: string, stream: StreamKind, transcode: boolean): StreamHub | undefined;
  /** The hub a grant's viewer streams from: `viewerHubs`' choice, else `hubFor`. */
  hubForGrant(grant: StreamGrant): Promise<StreamHub | undefined>;
  readonly logger: Logger;
  readonly clock: Clock;
  /** Ends every stream. */
  close(): Promise<void>;
}

/** Creates the live module's services. */
export function createLiveService(deps: LiveDeps): LiveService {
  const settings: LiveSettings = {
    ...DEFAULT_LIVE_SETTINGS,
    ...deps.settings,
    webrtc: { ...DEFAULT_WEBRTC_SETTINGS, ...deps.settings?.webrtc },
  };
  const logger = deps.logger.child({ module: 'live' });
  const tokens = new StreamTokens({ clock: deps.clock, ttlMs: settings.tokenTtlMs });
  const viewers = new LiveViewers({
    clock: deps.clock,
    logger,
    access: deps.access,
    audit: deps.audit,
    recheckMs: settings.recheckMs,
  });
  const webrtc = new WebRtcGateway({ viewers, logger, settings: settings.webrtc });
  const transcoders = new Transcoders(deps.hubs, { clock: deps.clock, logger });
  const alarms = new AlarmFeed(deps.alarmSources ?? {}, deps.clock);
  const hubFor = (cameraId: string, stream: StreamKind, transcode: boolean) =>
    transcode ? transcoders.hub(cameraId) : deps.hubs.hub(cameraId, stream);
  return {
    settings,
    webrtc,
    transcoders,
    alarms,
    hubFor,
    async hubForGrant(grant) {
      const own = hubFor(grant.cameraId, grant.stream, grant.transcode);
      if (deps.viewerHubs === undefined) return own;
      const chosen = await deps.viewerHubs.hubForViewer(grant, own);
      return chosen === null ? own : chosen;
    },
    access: deps.access,
    tokens,
    viewers,
    hubs: deps.hubs,
    logger,
    clock: deps.clock,
    close() {
      webrtc.close();
      viewers.close();
      transcoders.close();
      deps.viewerHubs?.close();
      alarms.close();
      return Promise.resolve();
    },
  };
}
