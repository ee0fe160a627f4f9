/**
 * Runs export jobs one at a time (a package is disk- and CPU-bound; two at once would only share
 * the machine): waits, bounded, for the recorder to close and sign segments still being written
 * in the range, writes the package under `<storage>/exports/`, records progress, and appends the
 * `started`, `completed` or `failed` custody events. Jobs left queued or running by a stop are
 * taken up again at the next start.
 */
import { mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Clock, Logger } from '../app/index.ts';
import { AppError, isAppError } from '../app/index.ts';
import type { ExportDb } from './tables.ts';
import type { InstallationKey } from '../keys/index.ts';
import { RecordedFiles, type RecordingDb } from '../recording/index.ts';
import { unsignedSegmentCount, type CameraMasks, type ExportCamera } from './camera-export.ts';
import {
  appendCustody,
  exportById,
  exportsInStates,
  updateExport,
  type Export,
} from './export-store.ts';
import { writePackage, type Exporter } from './package-writer.ts';

/** What the job runner needs. */
export interface ExportJobDeps {
  db: ExportDb;
  /** The recording index: which segments of a range are signed, and what a package copies. */
  recordingDb: RecordingDb;
  clock: Clock;
  logger: Logger;
  key: InstallationKey;
  /** Absolute folder of the recordings. */
  recordingsRoot: string;
  /** Absolute folder where packages are written. */
  exportsRoot: string;
  timeZone: string;
  /** Camera names and the exporter's agency name, for the manifest. */
  cameraName(id: string): Promise<string>;
  agencyName(id: string): Promise<string>;
  /** Longest wait for unsigned segments before exporting what is signed (default 3 min). */
  maxWaitMs?: number;
}

const POLL_MS = 2000;

/** The package file of an export, relative to the exports folder. */
export function packageFileName(id: string): string {
  return `${id}.zip`;
}

/** The queue of export jobs. */
export class ExportJobs {
  private readonly queue: string[] = [];
  private running: Promise<void> | undefined;
  private stopping = false;

  constructor(private readonly deps: ExportJobDeps) {}

  /** Takes up jobs left queued, waiting or running (after a restart). */
  async resume(): Promise<void> {
    this.stopping = false;
    for (const row of await exportsInStates(this.deps.db, ['queued', 'waiting', 'running'])) {
      if (row.state !== 'queued') await updateExport(this.deps.db, row.id, { state: 'queued' });
      this.enqueue(row.id);
    }
  }

  /** Adds a job. */
  enqueue(id: string): void {
    if (!this.queue.includes(id)) this.queue.push(id);
    this.running ??= this.drain().finally(() => {
      this.running = undefined;
    });
  }

  /** Resolves when no job is queued or running. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  /** Stops after the current job notices (it goes back to `queued`). */
  async stop(): Promise<void> {
    this.stopping = true;
    this.queue.length = 0;
    await this.idle();
  }

  private async drain(): Promise<void> {
    while (!this.stopping) {
      const id = this.queue.shift();
      if (id === undefined) return;
      try {
        await this.run(id);
      } catch (e) {
        this.deps.logger.error({ err: e, exportId: id }, 'export: job failed unexpectedly');
      }
    }
  }

  private async run(id: string): Promise<void> {
    const { db, clock } = this.deps;
    const row = await exportById(db, id);
    if (!row || row.state === 'done' || row.state === 'failed') return;
    const cameraIds = JSON.parse(row.camera_ids) as string[];
    await this.waitForSignedSegments(row, cameraIds);
    if (this.stopping) return;
    await updateExport(db, id, {
      state: 'running',
      started_ms: clock.nowMs(),
      progress_permille: 0,
    });
    await appendCustody(db, id, systemEvent('started', clock.nowMs(), {}));
    const file = path.join(this.deps.exportsRoot, packageFileName(id));
    const partial = `${file}.partial`;
    let permille = 0;
    try {
      await mkdir(this.deps.exportsRoot, { recursive: true });
      const masks = JSON.parse(row.masks_json) as Record<string, CameraMasks | undefined>;
      const cameras: ExportCamera[] = [];
      for (const cid of cameraIds) {
        const m = masks[cid];
        cameras.push({
          id: cid,
          name: await this.deps.cameraName(cid),
          ...(m ? { masks: m } : {}),
        });
      }
      const exporter: Exporter = {
        userId: row.user_id,
        username: row.username,
        displayName: row.display_name,
        agencyId: row.agency_id,
        agencyName: await this.deps.agencyName(row.agency_id),
      };
      let pending: Promise<void> = Promise.resolve();
      const result = await writePackage(
        {
          recordingDb: this.deps.recordingDb,
          files: new RecordedFiles(this.deps.recordingsRoot),
          key: this.deps.key,
        },
        {
          exportId: id,
          createdMs: row.created_ms,
          timeZone: this.deps.timeZone,
          cameras,
          fromMs: row.from_ms,
          toMs: row.to_ms,
          exporter,
          reason: row.reason,
          caseReference: row.case_reference,
          recipient: row.recipient,
          stills: JSON.parse(row.stills_json) as number[],
        },
        partial,
        {
          onProgress: (f) => {
            if (this.stopping) throw new AppError('unavailable', 'export interrupted by shutdown');
            const p = Math.floor(f * 1000);
            if (p >= permille + 10 || (p === 1000 && permille !== 1000)) {
              permille = p;
              pending = pending.then(() =>
                updateExport(db, id, { progress_permille: Math.min(p, 999) }),
              );
            }
          },
        },
      );
      await pending;
      await rename(partial, file);
      const now = clock.nowMs();
      await updateExport(db, id, {
        state: 'done',
        progress_permille: 1000,
        finished_ms: now,
        package_path: packageFileName(id),
        package_size_bytes: result.sizeBytes,
        manifest_sha256: result.manifestSha256,
        key_fingerprint: this.deps.key.fingerprint,
        frames: JSON.stringify(result.frames),
      });
      await appendCustody(
        db,
        id,
        systemEvent('completed', now, {
          manifestSha256: result.manifestSha256,
          sizeBytes: result.sizeBytes,
          keyFingerprint: this.deps.key.fingerprint,
          frames: result.frames,
        }),
      );
      this.deps.logger.info({ exportId: id, bytes: result.sizeBytes }, 'export: package ready');
    } catch (e) {
      await rm(partial, { force: true });
      if (this.stopping) {
        await updateExport(db, id, { state: 'queued', progress_permille: 0 });
        return;
      }
      const message = isAppError(e) ? e.message : 'internal error while writing the package';
      if (!isAppError(e)) this.deps.logger.error({ err: e, exportId: id }, 'export failed');
      const now = clock.nowMs();
      await updateExport(db, id, {
        state: 'failed',
        finished_ms: now,
        error: message.slice(0, 2000),
      });
      await appendCustody(db, id, systemEvent('failed', now, { error: message }));
    }
  }

  /** Waits (bounded) until every segment in the range is closed and signed. */
  private async waitForSignedSegments(row: Export, cameraIds: string[]): Promise<void> {
    const { db, clock } = this.deps;
    const deadline = clock.monotonicMs() + (this.deps.maxWaitMs ?? 180_000);
    for (;;) {
      let unsigned = 0;
      for (const c of cameraIds)
        unsigned += await unsignedSegmentCount(this.deps.recordingDb, c, row.from_ms, row.to_ms);
      if (unsigned === 0 || this.stopping || clock.monotonicMs() >= deadline) return;
      if (row.state !== 'waiting') {
        await updateExport(db, row.id, { state: 'waiting' });
        row.state = 'waiting';
      }
      await new Promise<void>((resolve) => clock.setTimeout(resolve, POLL_MS));
    }
  }
}

function systemEvent(
  event: 'started' | 'completed' | 'failed',
  timeMs: number,
  details: Record<string, unknown>,
) {
  return {
    event,
    timeMs,
    userId: null,
    username: null,
    agencyId: null,
    sourceAddress: null,
    details,
  };
}
