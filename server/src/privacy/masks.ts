/**
 * Privacy masks and their lifting. Each camera has a set of polygons (edited by `camera.manage`,
 * audited as `config.change`). They are drawn over live and recorded video for everyone, unless
 * the viewer has lifted them: lifting takes `mask.lift` on the camera, is audited (`mask.lift`)
 * and lapses by itself after `liftMinutes` of the clock (default 30); it can be ended early
 * (`mask.restore`). A lift is stored in the database, so it holds across nodes and restarts and
 * still lapses on time. Exports burn masks in unless a `mask.lift` holder asks for an unmasked
 * export, which is audited and must be stated in the export's manifest.
 */
import { randomUUID } from 'node:crypto';
import type { z } from '@hono/zod-openapi';
import { authorize, isAllowed, isAccessDenied } from '../permissions/index.ts';
import type { Principal } from '../permissions/index.ts';
import type { Clock } from '../app/index.ts';
import { AppError, invalidArgument, notFound, describeIssues, issuesText } from '../app/index.ts';
import type { AuditRecorder } from '../audit/index.ts';
import { cameraExists } from '../cameras/index.ts';
import type { CamerasDb } from '../cameras/index.ts';
import type { PrivacyDb } from './tables.ts';
import type { Actor } from '../permissions/index.ts';
import { auditPrincipalOf } from '../audit/index.ts';
import { maskSetSchema, type Polygon, type PrivacyMask } from './polygon.ts';
import { liftReasonSchema } from './lift-api-shapes.ts';

/** Default lifetime of a lift, minutes. */
export const DEFAULT_LIFT_MINUTES = 30;

/** A lift in force. */
export interface MaskLift {
  id: string;
  cameraId: string;
  userId: string;
  reason: string;
  startedMs: number;
  expiresMs: number;
}

/** What a viewer gets: the masks, whether to draw them, and their lift if any. */
export interface MaskView {
  cameraId: string;
  masks: PrivacyMask[];
  /** False only while the viewer's own lift is in force (and they still hold `mask.lift`). */
  draw: boolean;
  lift: MaskLift | null;
}

/** What an export should do about masks. */
export interface ExportMasks {
  /** The polygons to burn in; empty when none apply or the export is unmasked. */
  polygons: Polygon[];
  /** True when an authorised user asked for the video without masks (state it in the manifest). */
  unmasked: boolean;
}

/** The mask service. */
export interface MaskService {
  /** The camera's masks (no access check; for modules). */
  list(cameraId: string): Promise<PrivacyMask[]>;
  /** Replaces the camera's masks (`{ masks: [...] }`); needs `camera.manage`; audited. */
  replace(actor: Actor, cameraId: string, input: unknown): Promise<PrivacyMask[]>;
  /**
   * The polygons live view and playback draw for `principal` on `cameraId`, or null when the
   * principal has lifted them (the lift in force and `mask.lift` still held).
   */
  masksFor(cameraId: string, principal: Principal): Promise<Polygon[] | null>;
  /** The masks, whether to draw them and the lift, for the web app. */
  view(cameraId: string, principal: Principal): Promise<MaskView>;
  /** `view` for a camera of the registry; `not_found` for any other id (the API's answer). */
  viewRegistered(cameraId: string, principal: Principal): Promise<MaskView>;
  /** Lifts the camera's masks for the actor (`{ reason }`); needs `mask.lift`; audited. */
  lift(actor: Actor, cameraId: string, input: unknown): Promise<MaskLift>;
  /** Ends the actor's lift early (no-op when none); audited as `mask.restore`. */
  restore(actor: Actor, cameraId: string): Promise<void>;
  /**
   * What an export by `actor` burns in. `unmasked: true` needs `mask.lift` on the camera and is
   * audited as `mask.lift` (details `{ export: true }`) with `reason`.
   */
  forExport(
    actor: Actor,
    cameraId: string,
    opts: { unmasked: boolean; reason?: string | null },
  ): Promise<ExportMasks>;
}

/** What the mask service needs. */
export interface MaskServiceDeps {
  db: PrivacyDb;
  /** The camera registry's tables: masks are kept for registered cameras only. */
  camerasDb: CamerasDb;
  clock: Clock;
  audit: AuditRecorder;
  /** Lifetime of a lift, minutes (config `privacy.maskLiftMinutes`, default 30). */
  liftMinutes?: number;
}

function parse<T>(schema: z.ZodType<T>, input: unknown, what: string): T {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const issues = describeIssues(r.error.issues);
  throw invalidArgument(`invalid ${what}: ${issuesText(issues)}`, { issues });
}

/** Creates the mask service. */
export function createMaskService(deps: MaskServiceDeps): MaskService {
  const { db, clock, audit } = deps;
  const liftMs = (deps.liftMinutes ?? DEFAULT_LIFT_MINUTES) * 60_000;

  async function requireCamera(cameraId: string): Promise<void> {
    if (!(await cameraExists(deps.camerasDb, cameraId))) throw notFound(`camera ${cameraId}`);
  }

  async function activeLift(userId: string, cameraId: string): Promise<MaskLift | null> {
    const row = await db
      .selectFrom('mask_lifts')
      .selectAll()
      .where('user_id', '=', userId)
      .where('camera_id', '=', cameraId)
      .where('ended_ms', 'is', null)
      .where('expires_ms', '>', clock.nowMs())
      .orderBy('expires_ms', 'desc')
      .executeTakeFirst();
    return row
      ? {
          id: row.id,
          cameraId: row.camera_id,
          userId: row.user_id,
          reason: row.reason,
          startedMs: row.started_ms,
          expiresMs: row.expires_ms,
        }
      : null;
  }

  /** Checks `mask.lift`; a refusal is audited. */
  async function requireLift(actor: Actor, cameraId: string, details: Record<string, unknown>) {
    try {
      authorize(actor.principal, 'mask.lift', { kind: 'camera', id: cameraId });
    } catch (e) {
      if (isAccessDenied(e)) {
        await audit
          .record({
            action: 'mask.lift',
            outcome: 'denied',
            principal: auditPrincipalOf(actor),
            sourceAddress: actor.sourceAddress,
            cameraId,
            reason: e.denial.reason,
            details,
          })
          .catch(() => undefined);
        e.recorded = true;
      }
      throw e;
    }
  }

  const service: MaskService = {
    async list(cameraId) {
      const rows = await db
        .selectFrom('privacy_masks')
        .selectAll()
        .where('camera_id', '=', cameraId)
        .orderBy('created_ms')
        .orderBy('id')
        .execute();
      return rows.map((r) => ({
        id: r.id,
        label: r.label,
        points: JSON.parse(r.points_json) as [number, number][],
      }));
    },

    async replace(actor, cameraId, input) {
      authorize(actor.principal, 'camera.manage', { kind: 'camera', id: cameraId });
      const set = parse(maskSetSchema, input, 'privacy masks');
      await requireCamera(cameraId);
      const before = await service.list(cameraId);
      const now = clock.nowMs();
      await db.transaction().execute(async (tx) => {
        await tx.deleteFrom('privacy_masks').where('camera_id', '=', cameraId).execute();
        if (set.masks.length > 0) {
          await tx
            .insertInto('privacy_masks')
            .values(
              set.masks.map((m, i) => ({
                id: randomUUID(),
                camera_id: cameraId,
                label: m.label,
                points_json: JSON.stringify(m.points),
                created_ms: now + i, // keeps the editor's order
                updated_ms: now,
                updated_by: actor.principal.userId,
              })),
            )
            .execute();
        }
      });
      const after = await service.list(cameraId);
      await audit.record({
        action: 'config.change',
        outcome: 'granted',
        principal: auditPrincipalOf(actor),
        sourceAddress: actor.sourceAddress,
        cameraId,
        resource: `camera:${cameraId}/privacy-masks`,
        details: {
          before: before.map((m) => ({ label: m.label, points: m.points })),
          after: after.map((m) => ({ label: m.label, points: m.points })),
        },
      });
      return after;
    },

    async masksFor(cameraId, principal) {
      const view = await service.view(cameraId, principal);
      return view.draw ? view.masks.map((m) => m.points) : null;
    },

    async viewRegistered(cameraId, principal) {
      await requireCamera(cameraId);
      return service.view(cameraId, principal);
    },

    async view(cameraId, principal) {
      const masks = await service.list(cameraId);
      const lift = await activeLift(principal.userId, cameraId);
      const lifted =
        lift !== null && isAllowed(principal, 'mask.lift', { kind: 'camera', id: cameraId });
      return { cameraId, masks, draw: !lifted, lift: lifted ? lift : null };
    },

    async lift(actor, cameraId, input) {
      const { reason } = parse(liftReasonSchema, input, 'mask lift');
      await requireLift(actor, cameraId, {});
      await requireCamera(cameraId);
      const p = actor.principal;
      const now = clock.nowMs();
      const lift: MaskLift = {
        id: randomUUID(),
        cameraId,
        userId: p.userId,
        reason,
        startedMs: now,
        expiresMs: now + liftMs,
      };
      await db.transaction().execute(async (tx) => {
        await tx
          .updateTable('mask_lifts')
          .set({ ended_ms: now })
          .where('user_id', '=', p.userId)
          .where('camera_id', '=', cameraId)
          .where('ended_ms', 'is', null)
          .where('expires_ms', '>', now)
          .execute();
        await tx
          .insertInto('mask_lifts')
          .values({
            id: lift.id,
            camera_id: cameraId,
            user_id: p.userId,
            username: p.username,
            agency_id: p.agencyId,
            reason,
            started_ms: now,
            expires_ms: lift.expiresMs,
            ended_ms: null,
          })
          .execute();
      });
      try {
        await audit.record({
          action: 'mask.lift',
          outcome: 'granted',
          principal: auditPrincipalOf(actor),
          sourceAddress: actor.sourceAddress,
          cameraId,
          resource: `mask_lift:${lift.id}`,
          fromMs: now,
          toMs: lift.expiresMs,
          reason,
        });
      } catch (e) {
        await db
          .updateTable('mask_lifts')
          .set({ ended_ms: now })
          .where('id', '=', lift.id)
          .execute();
        throw new AppError(
          'unavailable',
          'masks not lifted: the audit trail is unavailable',
          {},
          e,
        );
      }
      return lift;
    },

    async restore(actor, cameraId) {
      const lift = await activeLift(actor.principal.userId, cameraId);
      if (!lift) return;
      const now = clock.nowMs();
      await db.updateTable('mask_lifts').set({ ended_ms: now }).where('id', '=', lift.id).execute();
      await audit.record({
        action: 'mask.restore',
        outcome: 'granted',
        principal: auditPrincipalOf(actor),
        sourceAddress: actor.sourceAddress,
        cameraId,
        resource: `mask_lift:${lift.id}`,
        fromMs: lift.startedMs,
        toMs: now,
      });
    },

    async forExport(actor, cameraId, opts) {
      const masks = await service.list(cameraId);
      if (!opts.unmasked || masks.length === 0) {
        return { polygons: masks.map((m) => m.points), unmasked: false };
      }
      await requireLift(actor, cameraId, { export: true });
      await audit.record({
        action: 'mask.lift',
        outcome: 'granted',
        principal: auditPrincipalOf(actor),
        sourceAddress: actor.sourceAddress,
        cameraId,
        reason: opts.reason ?? 'unmasked export',
        details: { export: true, masks: masks.length },
      });
      return { polygons: [], unmasked: true };
    },
  };
  return service;
}
