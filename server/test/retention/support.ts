/**
 * Test support for retention, holds and privacy: a fresh database with the real camera registry,
 * audit log and access decisions on a FakeClock, a storage folder of real files, and segment
 * rows for them. Segment files hold filler bytes, not video: retention deletes files and rows
 * and never reads their content.
 */
import { mkdtempSync, mkdirSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadPrincipalAccess } from '../../src/access/principal-access.ts';
import type { Principal } from '../../src/permissions/principal.ts';
import { FakeClock } from '../../src/app/clock.ts';
import { AuditLog } from '../../src/audit/audit-log.ts';
import { createCameraRegistry, type CameraRegistry } from '../../src/cameras/registry.ts';
import type { VedettaDb } from '../../src/compose/schema.ts';
import { loadOrCreateInstallationKey } from '../../src/keys/installation-key.ts';
import { segmentRelativePath } from '../../src/recording/segment-path.ts';
import { completeSegment, insertSegment } from '../../src/recording/segment-store.ts';
import { recordedRangeOf } from '../../src/recording/segment-queries.ts';
import { createHoldService, type HoldService } from '../../src/holds/create.ts';
import type { OpenTestDatabase } from '../support/databases.ts';

/** One hour, ms. */
export const HOUR = 3_600_000;
/** One day, ms. */
export const DAY = 24 * HOUR;

const key = loadOrCreateInstallationKey(mkdtempSync(path.join(tmpdir(), 'vedetta-')));
const HEX = 'ab'.repeat(32);

/** A segment as the test made it. */
export interface TestSegment {
  id: number;
  cameraId: string;
  path: string;
  abs: string;
  startMs: number;
  endMs: number;
}

/** A fresh world for one test. */
export interface RetentionWorld {
  db: VedettaDb;
  clock: FakeClock;
  root: string;
  audit: AuditLog;
  cameras: CameraRegistry;
  /** Adds a camera with the given purpose and retention. */
  camera(
    id: string,
    opts?: { purpose?: string; retentionDays?: number; justification?: string | null },
  ): Promise<void>;
  /** Writes a complete segment of `sizeBytes` bytes, `[startMs, startMs + durationMs)`. */
  segment(
    cameraId: string,
    startMs: number,
    durationMs?: number,
    sizeBytes?: number,
    stream?: 'main' | 'sub',
  ): Promise<TestSegment>;
  /** True when the segment's row and file both exist; throws when only one does. */
  present(s: TestSegment): Promise<boolean>;
  /** A principal of a built-in role in the owner agency, with real access decisions. */
  principal(role: string, userId?: string): Promise<Principal>;
  /** Audit entries of one action, oldest first. */
  auditOf(action: string): Promise<
    {
      camera_id: string | null;
      details: string | null;
      user_id: string | null;
      username: string | null;
      outcome: string;
      from_ms: number | null;
      to_ms: number | null;
      reason: string | null;
    }[]
  >;
}

/** Opens a fresh world on `open`'s database; the clock starts on 1 March 2026. */
export async function retentionWorld(open: OpenTestDatabase): Promise<RetentionWorld> {
  const db = await open();
  const clock = new FakeClock(Date.UTC(2026, 2, 1, 0, 0, 0));
  const root = mkdtempSync(path.join(tmpdir(), 'vedetta-'));
  const audit = new AuditLog({ db, key, clock });
  const cameras = createCameraRegistry({ db, clock });
  return {
    db,
    clock,
    root,
    audit,
    cameras,
    async camera(id, o = {}) {
      await cameras.create({
        id,
        name: `Camera ${id}`,
        streams: { main: `rtsp://10.0.0.1/${id}` },
        location: {
          latitude: 44.1,
          longitude: 9.82,
          address: 'Via del Prione 1',
          district: 'Centro',
        },
        purpose: o.purpose ?? 'urban_security',
        retentionDays: o.retentionDays ?? 3,
        retentionJustification: o.justification ?? null,
      });
    },
    async segment(cameraId, startMs, durationMs = 60_000, sizeBytes = 1000, stream = 'main') {
      const rel = segmentRelativePath(cameraId, stream, startMs);
      const abs = path.join(root, ...rel.split('/'));
      mkdirSync(path.dirname(abs), { recursive: true });
      writeFileSync(abs, Buffer.alloc(sizeBytes, 7));
      const now = clock.nowMs();
      const id = await insertSegment(
        db,
        {
          cameraId,
          stream,
          path: rel,
          startMs,
          codec: 'h264',
          codecString: 'avc1.640028',
          width: 1920,
          height: 1080,
          initSha256: HEX,
        },
        {
          endMs: startMs + durationMs,
          duration90k: durationMs * 90,
          sizeBytes,
          frameCount: 25,
          keyFrames: new Uint8Array(),
          fragments: new Uint8Array(),
        },
        now,
      );
      await completeSegment(
        db,
        id,
        {
          endMs: startMs + durationMs,
          duration90k: durationMs * 90,
          sizeBytes,
          frameCount: 25,
          keyFrames: new Uint8Array(),
          fragments: new Uint8Array(),
          closedBy: 'writer',
          fragmentsSha256: HEX,
          signature: 'c2ln',
          keyFingerprint: HEX,
        },
        now,
      );
      return { id, cameraId, path: rel, abs, startMs, endMs: startMs + durationMs };
    },
    async present(s) {
      const row = await db
        .selectFrom('segments')
        .select('id')
        .where('id', '=', s.id)
        .executeTakeFirst();
      const file = existsSync(s.abs);
      if ((row !== undefined) !== file) {
        throw new Error(
          `segment ${s.path}: row ${row ? 'present' : 'gone'} but file ${file ? 'present' : 'gone'}`,
        );
      }
      return file;
    },
    async principal(role, userId = `user-${role}`) {
      const access = await loadPrincipalAccess(
        { db, accountsDb: db, camerasDb: db },
        { role, agencyId: 'polizia-municipale', agencyKind: 'owner' },
        clock.nowMs(),
      );
      if (!access) throw new Error(`no role ${role}`);
      return {
        userId,
        username: userId,
        displayName: userId,
        role,
        agencyId: 'polizia-municipale',
        agencyKind: 'owner',
        access,
      };
    },
    async auditOf(action) {
      await audit.flush();
      return db
        .selectFrom('audit_entries')
        .select([
          'camera_id',
          'details',
          'user_id',
          'username',
          'outcome',
          'from_ms',
          'to_ms',
          'reason',
        ])
        .where('action', '=', action)
        .orderBy('seq')
        .execute();
    },
  };
}

/** The legal hold service over the world's database, clock and audit trail. */
export function worldHolds(w: RetentionWorld): HoldService {
  return createHoldService({
    db: w.db,
    camerasDb: w.db,
    clock: w.clock,
    audit: w.audit,
    recordedRange: (ids) => recordedRangeOf(w.db, ids),
  });
}
