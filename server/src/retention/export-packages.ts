/**
 * Retention of evidence packages. An export's zip stays on the server for download for
 * `retention.exportPackageDays` after it was made; then the package file is deleted, the export
 * row keeps everything but the file (`package_path` null), a `purged` event closes its chain of
 * custody, and the deletion is audited (`export.purge`). The package was delivered to its
 * recipient: what the server keeps beyond that is a copy of personal data without a purpose. The
 * recordings it came from follow their own retention (and legal holds).
 */
import { unlink } from 'node:fs/promises';
import path from 'node:path';
import type { Clock, Logger } from '../app/index.ts';
import type { AuditRecorder } from '../audit/index.ts';
import { markPackagePurged, packagesFinishedBefore } from '../export/index.ts';
import type { ExportDb } from '../export/index.ts';
import { SYSTEM_ACTOR } from './runs.ts';

const DAY_MS = 86_400_000;

/** What purging needs. */
export interface PackagePurgeDeps {
  /** The export tables (read and changed only through `export/export-store.ts`). */
  db: ExportDb;
  clock: Clock;
  logger: Logger;
  audit: AuditRecorder;
  /** Absolute folder of the packages (`<storage>/exports`). */
  exportsRoot: string;
  /** Days a package is kept after it was made. */
  keepDays: number;
}

/** Deletes the packages older than `keepDays`; returns the ids of the exports purged. */
export async function purgeExportPackages(deps: PackagePurgeDeps): Promise<string[]> {
  const now = deps.clock.nowMs();
  const before = now - deps.keepDays * DAY_MS;
  const due = await packagesFinishedBefore(deps.db, before);
  const purged: string[] = [];
  for (const row of due) {
    if (row.package_path === null) continue;
    const file = path.join(deps.exportsRoot, row.package_path);
    // A missing file is no reason to keep claiming one: the row is closed all the same, logged.
    await unlink(file).catch((e: unknown) => {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      deps.logger.warn({ exportId: row.id, file }, 'retention: export package missing');
    });
    const details = {
      reason: `kept ${deps.keepDays} days after it was made (retention.exportPackageDays)`,
      file: row.package_path,
      sizeBytes: row.package_size_bytes,
    };
    await markPackagePurged(deps.db, row.id, {
      event: 'purged',
      timeMs: now,
      userId: null,
      username: SYSTEM_ACTOR,
      agencyId: null,
      sourceAddress: null,
      details,
    });
    await deps.audit.record({
      action: 'export.purge',
      outcome: 'granted',
      username: SYSTEM_ACTOR,
      resource: `export:${row.id}`,
      caseReference: row.case_reference,
      reason: 'export package retention period elapsed',
      details: { ...details, finishedMs: row.finished_ms },
    });
    deps.logger.info({ exportId: row.id, file }, 'retention: export package purged');
    purged.push(row.id);
  }
  return purged;
}
