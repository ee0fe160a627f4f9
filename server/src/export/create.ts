/**
 * Builds the installation's export service: packages under `<storage.path>/exports`, recordings
 * read from `<storage.path>/recordings`, manifests signed with the installation key, local
 * times in the installation's time zone.
 */
import path from 'node:path';
import type { AccessService } from '../access/index.ts';
import type { Accounts } from '../accounts/index.ts';
import type { Clock, Config, Logger } from '../app/index.ts';
import type { AuditService } from '../audit/index.ts';
import type { CameraRegistry } from '../cameras/index.ts';
import type { ExportDb } from './tables.ts';
import { RECORDINGS_DIR, type RecordingDb } from '../recording/index.ts';
import type { MaskService } from '../privacy/index.ts';
import { ExportService } from './export-service.ts';

/** Folder of the packages under the storage root. */
export const EXPORTS_DIR = 'exports';
/** The time zone local times are given in (the reference installation is in Italy). */
export const DEFAULT_TIME_ZONE = 'Europe/Rome';

/** Creates (without starting) the export service. */
export function createExports(deps: {
  db: ExportDb;
  /** The recording index the packages are drawn from. */
  recordingDb: RecordingDb;
  clock: Clock;
  logger: Logger;
  config: Config;
  audit: AuditService;
  access: AccessService;
  accounts: Accounts;
  cameras: CameraRegistry;
  /** Privacy masks burned into exports. */
  masks?: Pick<MaskService, 'forExport'>;
}): ExportService {
  const root = deps.config.storage.path;
  return new ExportService({
    db: deps.db,
    recordingDb: deps.recordingDb,
    clock: deps.clock,
    logger: deps.logger.child({ module: 'export' }),
    audit: deps.audit,
    access: deps.access,
    ...(deps.masks ? { masks: deps.masks } : {}),
    key: deps.audit.key,
    recordingsRoot: path.join(root, RECORDINGS_DIR),
    exportsRoot: path.join(root, EXPORTS_DIR),
    timeZone: DEFAULT_TIME_ZONE,
    cameraName: async (id) => {
      try {
        return (await deps.cameras.get(id)).name;
      } catch {
        return id;
      }
    },
    agencyName: async (id) => {
      try {
        return (await deps.accounts.agencies.get(id)).name;
      } catch {
        return id;
      }
    },
  });
}
