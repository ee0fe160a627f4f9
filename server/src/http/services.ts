/**
 * What the HTTP layer hands to each module's routes: the services built at start-up
 * (`main.ts`), the HTTP settings, and the WebSocket upgrader. A module that adds services adds
 * one field here and one line in `main.ts`.
 */
import type { NodeWebSocket } from '@hono/node-ws';
import type { Clock } from '../app/clock.ts';
import type { Logger } from '../app/logger.ts';
import type { Accounts } from '../accounts/index.ts';
import type { AccessService } from '../access/service.ts';
import type { AuditService } from '../audit/service.ts';
import type { CameraGroupService } from '../cameras/groups.ts';
import type { CameraRegistry } from '../cameras/registry.ts';
import type { Db } from '../db/database.ts';
import type { IngestManager } from '../ingest/manager.ts';
import type { LiveService } from '../live/index.ts';
import type { RecordingService } from '../recording/recording-service.ts';
import type { HoldService } from '../holds/hold-service.ts';
import type { PrivacyServices } from '../privacy/services.ts';
import type { RetentionService } from '../retention/service.ts';
import type { PlaybackService } from '../playback/playback-service.ts';
import type { ExportService } from '../export/export-service.ts';

/** The services of a running Vedetta. */
export interface Services {
  clock: Clock;
  logger: Logger;
  db: Db;
  audit: AuditService;
  accounts: Accounts;
  access: AccessService;
  cameras: CameraRegistry;
  cameraGroups: CameraGroupService;
  ingest: IngestManager;
  recording: RecordingService;
  live: LiveService;
  holds: HoldService;
  privacy: PrivacyServices;
  retention: RetentionService;
  playback: PlaybackService;
  exports: ExportService;
}

/** HTTP behaviour settings (from the `server` section of the configuration). */
export interface HttpSettings {
  /** Mark the session cookie Secure (TLS, or a TLS-terminating proxy in front). */
  secureCookies: boolean;
  /** Take the client address from X-Forwarded-For. */
  trustProxy: boolean;
  /** Largest accepted request body. */
  maxBodyBytes: number;
  /** Folder of the built web app, or null to serve none. */
  webDist: string | null;
  /** Reported in the health probe and the OpenAPI document. */
  version: string;
  /** Bearer token that admits non-loopback `/metrics` scrapers (`metrics.token`), or null. */
  metricsToken?: string | null;
}

/** What each module's `xxxRoutes(ctx)` function receives. */
export interface RouteContext extends Services {
  http: HttpSettings;
  /** Turns a GET route into a WebSocket endpoint (for live video). */
  upgradeWebSocket: NodeWebSocket['upgradeWebSocket'];
}
