/**
 * Builds the installation's export service: packages under `<storage.path>/exports`, recordings
 * read from `<storage.path>/recordings`, manifests signed with the installation key, local
 * times in the installation's time zone.
 */
import path from 'node:path';
import type { AccessService } from '../access/service.ts';
import type { Accounts } from '../accounts/index.ts';
import type { Clock } from '../app/clock.ts';
import type { Config } from '../app/config.ts';
import type { Logger } from '../app/logger.ts';
import type { AuditService } from '../audit/service.ts';
import type { CameraRegistry } from '../cameras/registry.ts';
import type { Db } from '../db/database.ts';
import { RECORDINGS_DIR } from '../recording/create.ts';
import type { MaskService } from '../privacy/masks.ts';
import { ExportService } from './export-service.ts';

/** Folder of the packages under the storage root. */
export const EXPORTS_DIR = 'exports';
/** The time zone local times are given in (the reference installation is in Italy). */
export const DEFAULT_TIME_ZONE = 'Europe/Rome';

/** Creates (without starting) the export service. */
export function createExports(deps: {
  db: Db;
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
