/**
 * The application's services, created explicitly, in dependency order, one line each
 * (`createServices`); tests call it to get the same services on their own database and clock.
 * A module that adds services adds one field to `Services` and one line here.
 */
import { type Config } from '../app/index.ts';
import {
  createAccounts,
  ownerAgencyId,
  sealingKeyOf,
  type HashingParams,
} from '../accounts/index.ts';
import {
  createCameraGroupService,
  createCameraRegistry,
  registeredCameraIds,
} from '../cameras/index.ts';
import { IngestManager } from '../ingest/index.ts';
import { createRecordingService, KEYS_DIR, recordedRangeOf } from '../recording/index.ts';
import { join } from 'node:path';
import { createAccessService, loadPrincipalAccess, loadRole } from '../access/index.ts';
import { AUDIT_WITNESS_FILE, createAuditService } from '../audit/index.ts';
import { createPlayback } from '../playback/index.ts';
import { createExports, EXPORTS_DIR } from '../export/index.ts';
import { createLive, ingestHubs, liveSettingsOf } from '../live/index.ts';
import { createMasking, type MaskingService } from '../masking/index.ts';
import { createHoldService } from '../holds/index.ts';
import { createPrivacyServices } from '../privacy/index.ts';
import { AlarmBoard, latestRun, RetentionService } from '../retention/index.ts';
import { loginGuessingAlarms } from './login-alarms.ts';
import { loadOrCreateInstallationKey, type InstallationKey } from '../keys/index.ts';
import type { RouteKit } from '../http/index.ts';
import type { Clock, Logger } from '../app/index.ts';
import type { Accounts } from '../accounts/index.ts';
import type { AccessService } from '../access/index.ts';
import type { AuditService } from '../audit/index.ts';
import type { CameraGroupService, CameraRegistry } from '../cameras/index.ts';
import type { VedettaDb } from './schema.ts';
import type { LiveService } from '../live/index.ts';
import type { RecordingService } from '../recording/index.ts';
import type { HoldService } from '../holds/index.ts';
import type { PrivacyServices } from '../privacy/index.ts';
import type { PlaybackService } from '../playback/index.ts';
import type { ExportService } from '../export/index.ts';
import { createComplianceService, type ComplianceService } from '../compliance/index.ts';
import { createBookmarks, type BookmarkService } from '../bookmarks/index.ts';
import { createAlarms, type AlarmService } from '../alarms/index.ts';
import { boardIntoAlarms, sinkQueue, type SinkQueue } from './alarm-sources.ts';
import { createViews, type ViewService } from '../views/index.ts';
import { createDisplays, displayAccessLoader, type DisplayService } from '../displays/index.ts';
import { createMapService, type MapService } from '../map/index.ts';
import { mapStateSources } from './map-sources.ts';
import { createPtz, type PtzService } from '../ptz/index.ts';
import { onvifPtzDriver } from './ptz-driver.ts';
import { createRestream, type RestreamService } from '../restream/index.ts';
import { restreamSource } from './restream-source.ts';
import { onvifCameraMaskReader } from './onvif-masks.ts';
import { createCameraEvents, type CameraEventService } from '../camera-events/index.ts';

/** The services of a running Vedetta. */
export interface Services {
  clock: Clock;
  logger: Logger;
  db: VedettaDb;
  audit: AuditService;
  accounts: Accounts;
  access: AccessService;
  cameras: CameraRegistry;
  cameraGroups: CameraGroupService;
  ingest: IngestManager;
  recording: RecordingService;
  live: LiveService;
  /** Privacy masks burned into the video that leaves the owning agency (`maskedSourceFor`). */
  masking: MaskingService;
  holds: HoldService;
  privacy: PrivacyServices;
  retention: RetentionService;
  playback: PlaybackService;
  exports: ExportService;
  compliance: ComplianceService;
  bookmarks: BookmarkService;
  /** The alarm console (fed by the retention board here, by the live feed in `start.ts`). */
  alarms: AlarmService;
  /** The order in which system alarms reach the console. */
  alarmQueue: SinkQueue;
  views: ViewService;
  /** The operations room's wall displays (a display account's access comes from them). */
  displays: DisplayService;
  /** The operations room's map (basemap, overlays, camera states). */
  map: MapService;
  /** ONVIF discovery, probing and clock-check settings (`onvif` in the configuration). */
  onvif: Config['onvif'];
  /** PTZ control sessions, priorities, presets, home return (over the cameras' ONVIF). */
  ptz: PtzService;
  /** The RTSP re-stream for partners' video systems (listens once `start.ts` starts it). */
  restream: RestreamService;
  /** Camera events (motion, tamper, inputs) as timeline intervals, fed by the ONVIF subscribers. */
  cameraEvents: CameraEventService;
}

/** What `mountRoutes` hands each module's routes: every service and the HTTP kit. */
export interface RouteContext extends Services, RouteKit {}

/** What the services are built from. */
export interface ServiceDeps {
  db: VedettaDb;
  clock: Clock;
  logger: Logger;
  config: Config;
  /** argon2id cost (tests lower it). */
  hashing?: HashingParams;
  /** How a failed login waits (tests pass one that does not sleep). */
  loginDelay?: (ms: number) => Promise<void>;
  /** The installation key; loaded (or created) from `<storage.path>/keys` by default. */
  installationKey?: InstallationKey;
}

/** Creates every module's services, in dependency order. */
export function createServices(deps: ServiceDeps): Services {
  const { db, clock, logger, config } = deps;
  const key =
    deps.installationKey ?? loadOrCreateInstallationKey(join(config.storage.path, KEYS_DIR));
  const audit = createAuditService({
    db,
    key,
    clock,
    logger,
    config: config.audit,
    witnessFile: join(config.storage.path, KEYS_DIR, AUDIT_WITNESS_FILE),
  });
  const alarms = new AlarmBoard(clock, logger.child({ module: 'retention' }));
  // A wall display's account holds only what is pushed to its display (`displays/`).
  const principalAccess = displayAccessLoader(db, (subject, nowMs) =>
    loadPrincipalAccess({ db, accountsDb: db, camerasDb: db }, subject, nowMs),
  );
  const accounts = createAccounts({
    db,
    clock,
    logger,
    audit,
    auth: config.auth,
    guessing: loginGuessingAlarms(alarms),
    sealingKey: sealingKeyOf(key),
    principalAccess,
    roleExists: async (name) => (await loadRole(db, name)) !== undefined,
    ...(deps.hashing ? { hashing: deps.hashing } : {}),
    ...(deps.loginDelay ? { delay: deps.loginDelay } : {}),
  });
  const cameras = createCameraRegistry({
    db,
    clock,
    retentionDefaults: config.retention.defaultDays,
    secretsDirectory: config.secrets.directory,
  });
  const cameraGroups = createCameraGroupService({ db, clock });
  const ingest = new IngestManager([], {
    logger: logger.child({ module: 'ingest' }),
    clock,
    readBatchMs: config.recording.readBatchMs,
  });
  const recording = createRecordingService({ db, clock, logger, config, ingest });
  const access = createAccessService({
    db,
    accountsDb: db,
    camerasDb: db,
    clock,
    logger,
    audit,
    accounts,
    principalAccess,
  });
  const holds = createHoldService({
    db,
    camerasDb: db,
    clock,
    audit,
    recordedRange: (cameraIds) => recordedRangeOf(db, cameraIds),
  });
  const privacy = createPrivacyServices({
    db,
    camerasDb: db,
    clock,
    audit,
    config: config.privacy,
    signingKeyFingerprint: key.fingerprint,
    readCameraMasks: onvifCameraMaskReader({
      cameras,
      clock,
      timeoutMs: config.onvif.requestTimeoutMs,
    }),
  });
  const storageRoot = recording.storageRoot;
  const cameraEvents = createCameraEvents({ db, logger });
  const retention = new RetentionService({
    db,
    recordingDb: db,
    holdsDb: db,
    camerasDb: db,
    exportDb: db,
    clock,
    logger,
    audit,
    storageRoot,
    exportsRoot: join(config.storage.path, EXPORTS_DIR),
    config: config.retention,
    recording,
    alarms,
    cameraEventsDb: db,
  });
  const masking = createMasking({
    clock,
    logger,
    audit,
    source: ingestHubs(ingest),
    masks: privacy.masks,
    ownerAgencyId: () => ownerAgencyId(db),
  });
  const live = createLive({
    clock,
    logger,
    accounts,
    access,
    cameras,
    audit,
    ingest,
    recording,
    alarms: retention.alarms,
    settings: liveSettingsOf(config.live),
    viewerHubs: masking.viewerHubs,
  });
  const playback = createPlayback({
    recordingDb: db,
    latestDeletionRun: () => latestRun(db),
    holdsDb: db,
    clock,
    config,
    access,
    audit,
    logger: logger.child({ module: 'playback' }),
    ingest,
    masks: privacy.masks,
    cameraEvents,
  });
  const exports = createExports({
    db,
    recordingDb: db,
    clock,
    logger,
    config,
    audit,
    access,
    accounts,
    cameras,
    masks: privacy.masks,
  });
  const compliance = createComplianceService({
    db,
    clock,
    holds,
    register: privacy.register,
    agencies: accounts.agencies,
  });
  const bookmarks = createBookmarks({ db, camerasDb: db, holdsDb: db, clock, audit });
  const alarmConsole = createAlarms({
    db,
    camerasDb: db,
    users: accounts.users,
    clock,
    audit,
    logger: logger.child({ module: 'alarms' }),
  });
  const alarmQueue = sinkQueue(logger.child({ module: 'alarms' }));
  boardIntoAlarms(alarms, alarmConsole.system, alarmQueue);
  const views = createViews({ db, camerasDb: db, accessDb: db, clock, audit });
  // After a push or a take-back, running streams are re-checked at once (a display's ends).
  const displays = createDisplays(
    { db, cameras, users: accounts.users, views, clock, audit },
    () => void live.viewers.recheckNow(),
  );
  const ptz = createPtz({
    driver: onvifPtzDriver({ cameras, clock, timeoutMs: config.onvif.requestTimeoutMs }),
    settings: config.ptz,
    clock,
    audit,
    cameraExists: async (id) => (await registeredCameraIds(db, [id])).length === 1,
    agencyName: async (id) => {
      try {
        return (await accounts.agencies.get(id)).name;
      } catch {
        return id;
      }
    },
  });
  const map = createMapService({
    config: config.map,
    cameras,
    ...mapStateSources({ db, ingest, recording }),
    ptzCameras: (ids) => Promise.resolve(ptz.knownPtz(ids)),
  });
  const restream = createRestream({
    db,
    accessDb: db,
    accountsDb: db,
    camerasDb: db,
    clock,
    logger,
    audit,
    settings: config.restream,
    openSource: restreamSource({ masking }),
    onAccessChanged: (listener) => access.onAccessChanged(listener),
  });
  return {
    restream,
    cameraEvents,
    ptz,
    onvif: config.onvif,
    displays,
    map,
    compliance,
    bookmarks,
    views,
    alarms: alarmConsole,
    alarmQueue,
    playback,
    exports,
    clock,
    logger,
    db,
    audit,
    accounts,
    access,
    cameras,
    cameraGroups,
    ingest,
    recording,
    live,
    masking,
    holds,
    privacy,
    retention,
  };
}
