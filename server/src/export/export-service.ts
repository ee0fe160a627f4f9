/**
 * Evidence exports as the API offers them: asking for one (every camera checked for
 * `export.create` within the look-back limit, justified and audited through the access module's
 * one camera call; a chain of custody opened), reading an export's state, progress and custody,
 * and handing out its package (audited as `export.download` and appended to the custody). An
 * export is visible only to its own agency, and only to someone who may still export every one
 * of its cameras over its range; otherwise it is "not found".
 */
import { randomUUID } from 'node:crypto';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { authorize, ForeignResource } from '../permissions/index.ts';
import type { AccessService } from '../access/index.ts';
import type { Principal } from '../permissions/index.ts';
import type { Clock } from '../app/index.ts';
import { failedPrecondition, invalidArgument, notFound } from '../app/index.ts';
import type { AuditRecorder } from '../audit/index.ts';
import type { ExportDb } from './tables.ts';
import type { MaskService } from '../privacy/index.ts';
import type { CameraMasks } from './camera-export.ts';
import { ExportJobs, type ExportJobDeps } from './export-jobs.ts';
import {
  appendCustody,
  custodyOf,
  exportById,
  insertExport,
  listExports,
  type CustodyRecord,
  type Export,
} from './export-store.ts';

/** What someone asks to export. */
export interface ExportInput {
  cameras: string[];
  fromMs: number;
  toMs: number;
  reason: string;
  caseReference: string;
  recipient: string;
  /** Export without privacy masks (needs `mask.lift` on each camera; audited). */
  unmasked?: boolean;
  /** Instants (UTC ms, inside the range) of which a still of every camera is added. */
  stills?: number[];
}

/** An export as the API shows it. */
export interface ExportView {
  id: string;
  state: Export['state'];
  /** 0..1 */
  progress: number;
  cameras: string[];
  fromMs: number;
  toMs: number;
  reason: string;
  caseReference: string;
  recipient: string;
  exporter: { userId: string; username: string; displayName: string; agencyId: string };
  createdMs: number;
  startedMs: number | null;
  finishedMs: number | null;
  package: { sizeBytes: number; manifestSha256: string; keyFingerprint: string } | null;
  frames: Record<string, number> | null;
  error: string | null;
  custody: CustodyRecord[];
}

/** A package ready to be sent. */
export interface PackageDownload {
  path: string;
  sizeBytes: number;
  fileName: string;
}

/** The longest range one export may cover. */
export const MAX_EXPORT_MS = 12 * 3_600_000;
/** Most cameras in one export (a synchronised incident view). */
export const MAX_EXPORT_CAMERAS = 16;

/** What the export service needs. */
export interface ExportServiceDeps extends ExportJobDeps {
  db: ExportDb;
  clock: Clock;
  audit: AuditRecorder;
  access: Pick<AccessService, 'checkCamera'>;
  /** Privacy masks to burn into exports; none when left out. */
  masks?: Pick<MaskService, 'forExport'>;
}

/** The export service. */
export class ExportService {
  readonly jobs: ExportJobs;

  constructor(private readonly deps: ExportServiceDeps) {
    this.jobs = new ExportJobs(deps);
  }

  /** Takes up unfinished jobs; call once at start-up. */
  start(): Promise<void> {
    return this.jobs.resume();
  }

  /** Lets the current job stop; unfinished jobs resume at the next start. */
  stop(): Promise<void> {
    return this.jobs.stop();
  }

  /** Asks for an export; its id. Throws `AccessDenied` or `invalid_argument` (both audited). */
  async create(
    principal: Principal,
    input: ExportInput,
    sourceAddress: string | null,
  ): Promise<string> {
    const { clock, db } = this.deps;
    const cameras = [...new Set(input.cameras)];
    if (cameras.length === 0) throw invalidArgument('cameras: at least one camera is required');
    if (cameras.length > MAX_EXPORT_CAMERAS) {
      throw invalidArgument(`cameras: at most ${MAX_EXPORT_CAMERAS} per export`);
    }
    if (!(input.toMs > input.fromMs)) throw invalidArgument('to: must be after from');
    if (input.toMs - input.fromMs > MAX_EXPORT_MS) {
      throw invalidArgument('to: an export covers at most 12 hours');
    }
    const now = clock.nowMs();
    if (input.fromMs > now) throw invalidArgument('from: must not be in the future');
    const stills = [...new Set(input.stills ?? [])].sort((a, b) => a - b);
    if (stills.length > 20) throw invalidArgument('stills: at most 20 instants');
    if (stills.some((s) => s < input.fromMs || s >= input.toMs)) {
      throw invalidArgument('stills: every instant must lie in the range');
    }
    const caseReference = input.caseReference.trim();
    const recipient = input.recipient.trim();
    if (caseReference === '') throw invalidArgument('caseReference: required for an export');
    if (recipient === '') throw invalidArgument('recipient: required for an export');
    const id = randomUUID();
    let reason = input.reason.trim();
    for (const cameraId of cameras) {
      const grant = await this.deps.access.checkCamera({
        principal,
        cameraId,
        permission: 'export.create',
        sourceAddress,
        fromMs: input.fromMs,
        toMs: input.toMs,
        reason: input.reason,
        caseReference,
        details: { exportId: id, recipient },
      });
      reason = grant.reason ?? reason;
    }
    const masks: Record<string, CameraMasks> = {};
    for (const cameraId of cameras) {
      const m = await this.deps.masks?.forExport({ principal, sourceAddress }, cameraId, {
        unmasked: input.unmasked === true,
        reason,
      });
      if (m && (m.polygons.length > 0 || m.unmasked)) {
        masks[cameraId] = { polygons: m.polygons.map((p) => [...p]), unmasked: m.unmasked };
      }
    }
    await insertExport(
      db,
      {
        id,
        state: 'queued',
        user_id: principal.userId,
        username: principal.username,
        display_name: principal.displayName,
        agency_id: principal.agencyId,
        camera_ids: JSON.stringify(cameras),
        from_ms: input.fromMs,
        to_ms: input.toMs,
        reason,
        case_reference: caseReference,
        recipient,
        created_ms: now,
        started_ms: null,
        finished_ms: null,
        package_path: null,
        package_size_bytes: null,
        manifest_sha256: null,
        key_fingerprint: null,
        frames: null,
        masks_json: JSON.stringify(masks),
        stills_json: JSON.stringify(stills),
        error: null,
      },
      {
        event: 'created',
        timeMs: now,
        userId: principal.userId,
        username: principal.username,
        agencyId: principal.agencyId,
        sourceAddress,
        details: {
          reason,
          caseReference,
          recipient,
          cameras,
          from: new Date(input.fromMs).toISOString(),
          to: new Date(input.toMs).toISOString(),
          masks: Object.fromEntries(
            Object.entries(masks).map(([id, m]) => [id, m.unmasked ? 'unmasked' : 'burned in']),
          ),
        },
      },
    );
    this.jobs.enqueue(id);
    return id;
  }

  /**
   * An export the principal may see; `not_found` otherwise (a `ForeignResource`, recorded as
   * denied, when it is another agency's; `AccessDenied` for a camera).
   */
  async get(principal: Principal, id: string): Promise<ExportView> {
    const row = await this.readable(principal, id);
    return this.view(row);
  }

  /** The exports of the principal's agency that the principal may see, newest first. */
  async list(principal: Principal, limit = 100): Promise<ExportView[]> {
    authorize(principal, 'export.create');
    const rows = await listExports(this.deps.db, { agencyId: principal.agencyId, limit });
    const out: ExportView[] = [];
    for (const r of rows) {
      if (mayRead(principal, r)) out.push(await this.view(r));
    }
    return out;
  }

  /** The package of a finished export; audits the download and appends it to the custody. */
  async download(
    principal: Principal,
    id: string,
    sourceAddress: string | null,
  ): Promise<PackageDownload> {
    const row = await this.readable(principal, id);
    if (row.state === 'done' && row.package_path === null) {
      throw failedPrecondition(
        `the package of export ${id} was deleted when its retention period ended (see its custody)`,
      );
    }
    if (row.state !== 'done' || row.package_path === null) {
      throw failedPrecondition(`export ${id} has no package (state: ${row.state})`);
    }
    const file = path.join(this.deps.exportsRoot, row.package_path);
    let sizeBytes: number;
    try {
      sizeBytes = (await stat(file)).size;
    } catch {
      throw failedPrecondition(`the package of export ${id} is no longer on the server`);
    }
    const cameras = JSON.parse(row.camera_ids) as string[];
    await this.deps.audit.record({
      action: 'export.download',
      outcome: 'granted',
      principal,
      sourceAddress,
      resource: `export:${id}`,
      fromMs: row.from_ms,
      toMs: row.to_ms,
      reason: row.reason,
      caseReference: row.case_reference,
      details: { cameras, recipient: row.recipient, manifestSha256: row.manifest_sha256 },
    });
    await appendCustody(this.deps.db, id, {
      event: 'downloaded',
      timeMs: this.deps.clock.nowMs(),
      userId: principal.userId,
      username: principal.username,
      agencyId: principal.agencyId,
      sourceAddress,
      details: { sizeBytes, manifestSha256: row.manifest_sha256 },
    });
    const safeCase = row.case_reference.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 40);
    return { path: file, sizeBytes, fileName: `vedetta-${safeCase}-${id.slice(0, 8)}.zip` };
  }

  private async readable(principal: Principal, id: string): Promise<Export> {
    const row = await exportById(this.deps.db, id);
    if (!row) throw notFound(`export ${id}`);
    if (row.agency_id !== principal.agencyId) {
      throw new ForeignResource(`export ${id}`, {
        permission: 'export.create',
        resource: `export:${id}`,
        owner: 'another agency',
      });
    }
    for (const cameraId of JSON.parse(row.camera_ids) as string[]) {
      authorize(principal, 'export.create', { kind: 'camera', id: cameraId, fromMs: row.from_ms });
    }
    return row;
  }

  private async view(r: Export): Promise<ExportView> {
    return {
      id: r.id,
      state: r.state,
      progress: r.progress_permille / 1000,
      cameras: JSON.parse(r.camera_ids) as string[],
      fromMs: r.from_ms,
      toMs: r.to_ms,
      reason: r.reason,
      caseReference: r.case_reference,
      recipient: r.recipient,
      exporter: {
        userId: r.user_id,
        username: r.username,
        displayName: r.display_name,
        agencyId: r.agency_id,
      },
      createdMs: r.created_ms,
      startedMs: r.started_ms,
      finishedMs: r.finished_ms,
      package:
        // No package once retention has deleted its file (the export's record stays).
        r.state === 'done' && r.manifest_sha256 !== null && r.package_path !== null
          ? {
              sizeBytes: r.package_size_bytes ?? 0,
              manifestSha256: r.manifest_sha256,
              keyFingerprint: r.key_fingerprint ?? '',
            }
          : null,
      frames: r.frames === null ? null : (JSON.parse(r.frames) as Record<string, number>),
      error: r.error,
      custody: await custodyOf(this.deps.db, r.id),
    };
  }
}

/** True when the principal may see the export (own agency, `export.create` on every camera). */
function mayRead(principal: Principal, r: Export): boolean {
  if (r.agency_id !== principal.agencyId) return false;
  try {
    for (const cameraId of JSON.parse(r.camera_ids) as string[]) {
      authorize(principal, 'export.create', { kind: 'camera', id: cameraId, fromMs: r.from_ms });
    }
    return true;
  } catch {
    return false;
  }
}
