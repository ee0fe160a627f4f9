/**
 * Legal holds: a camera (or several) and a time range kept past retention at the request of a
 * judicial authority, with its reference, a description and an expiry or "until released" with a
 * written reason. The range is at most `HOLD_MAX_SPAN_MS` (31 days) and lies within what the
 * cameras recorded (no earlier than their first recording, no later than now).
 * Placing, extending and releasing take `hold.manage` on every camera of the hold (checked here,
 * whoever calls) and are audited (`hold.place`, `hold.extend`, `hold.release`, one entry per
 * camera so that a camera's history shows them); a refusal is audited as denied. A change whose
 * audit entry cannot be written is undone. Holds are never deleted.
 */
import { randomUUID } from 'node:crypto';
import { authorize, isAllowed, isAccessDenied } from '../permissions/index.ts';
import type { Clock } from '../app/index.ts';
import { AppError, failedPrecondition, invalidArgument, notFound } from '../app/index.ts';
import type { AuditRecorder } from '../audit/index.ts';
import { registeredCameraIds } from '../cameras/index.ts';
import type { CamerasDb } from '../cameras/index.ts';
import type { HoldsDb } from './tables.ts';
import type { Actor } from '../permissions/index.ts';
import { auditPrincipalOf } from '../audit/index.ts';
import { parseHoldCreate, parseHoldExtend, parseHoldRelease } from './parse.ts';
import { clipHeld, mergeHeld, type HeldRange } from './ranges.ts';
import type { HoldStatus, LegalHold } from './api-shapes.ts';
import { camerasOfHolds, heldRangesByCamera, holdFromRow, holdStatusAt } from './store.ts';

/** Which holds to list. */
export interface HoldFilter {
  status?: HoldStatus;
  cameraId?: string;
}

/** Places, extends, releases and reads legal holds. */
export interface HoldService {
  /** Places a hold (`LegalHoldInput` JSON). Needs `hold.manage` on every camera. */
  place(actor: Actor, input: unknown): Promise<LegalHold>;
  /** Moves the expiry later, or to "until released" (`expiresMs: null`). */
  extend(actor: Actor, id: string, input: unknown): Promise<LegalHold>;
  /** Releases a hold (`{ reason }`); its footage then follows normal retention. */
  release(actor: Actor, id: string, input: unknown): Promise<LegalHold>;
  /** One hold, for someone holding `hold.manage` on one of its cameras, or `audit.read`. */
  get(actor: Actor, id: string): Promise<LegalHold>;
  /** The holds the actor may see, newest first. */
  list(actor: Actor, filter?: HoldFilter): Promise<LegalHold[]>;
  /** Every hold in force now (compliance report; no access check). */
  activeHolds(): Promise<LegalHold[]>;
  /**
   * The ranges of `cameraId` held now, merged and clipped to `[fromMs, toMs)`: what the timeline
   * shows and what exports may reach past retention. No access check (callers check playback).
   */
  heldRanges(cameraId: string, fromMs: number, toMs: number): Promise<HeldRange[]>;
}

/** What the hold service needs. */
export interface HoldServiceDeps {
  db: HoldsDb;
  /** The camera registry's tables: a hold names registered cameras only. */
  camerasDb: CamerasDb;
  clock: Clock;
  audit: AuditRecorder;
  /**
   * The span recorded for these cameras (start of the earliest segment, end of the latest), or
   * null when none has recordings: a hold covers recorded footage only.
   */
  recordedRange(cameraIds: readonly string[]): Promise<{ fromMs: number; toMs: number } | null>;
}

/** Creates the hold service. */
export function createHoldService(deps: HoldServiceDeps): HoldService {
  const { db, clock, audit } = deps;

  async function load(id: string): Promise<LegalHold | undefined> {
    const row = await db
      .selectFrom('legal_holds')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) return undefined;
    const cams = await camerasOfHolds(db, [id]);
    return holdFromRow(row, cams.get(id) ?? [], clock.nowMs());
  }

  /** Checks `hold.manage` on every camera; a refusal is audited with `action`. */
  async function requireManage(actor: Actor, cameraIds: readonly string[], action: string) {
    for (const id of cameraIds) {
      try {
        authorize(actor.principal, 'hold.manage', { kind: 'camera', id });
      } catch (e) {
        if (isAccessDenied(e)) {
          await audit
            .record({
              action,
              outcome: 'denied',
              principal: auditPrincipalOf(actor),
              sourceAddress: actor.sourceAddress,
              cameraId: id,
              reason: e.denial.reason,
            })
            .catch(() => undefined);
          e.recorded = true;
        }
        throw e;
      }
    }
  }

  async function recordAll(
    actor: Actor,
    action: string,
    hold: LegalHold,
    details: Record<string, unknown>,
    reason: string,
  ): Promise<void> {
    for (const cameraId of hold.cameraIds) {
      await audit.record({
        action,
        outcome: 'granted',
        principal: auditPrincipalOf(actor),
        sourceAddress: actor.sourceAddress,
        cameraId,
        resource: `hold:${hold.id}`,
        fromMs: hold.fromMs,
        toMs: hold.toMs,
        reason,
        caseReference: hold.reference,
        details: { authority: hold.authority, expiresMs: hold.expiresMs, ...details },
      });
    }
  }

  async function existing(actor: Actor, id: string): Promise<LegalHold> {
    const hold = await load(id);
    // Someone without hold.manage learns nothing about whether the hold exists.
    if (!hold) {
      authorize(actor.principal, 'hold.manage');
      throw notFound(`legal hold ${id}`);
    }
    return hold;
  }

  const service: HoldService = {
    async place(actor, input) {
      const h = parseHoldCreate(input);
      await requireManage(actor, h.cameraIds, 'hold.place');
      const now = clock.nowMs();
      if (h.expiresMs !== null && h.expiresMs <= now) {
        throw invalidArgument('invalid legal hold: expiresMs: must be in the future (or null)');
      }
      const known = await registeredCameraIds(deps.camerasDb, h.cameraIds);
      const missing = h.cameraIds.filter((c) => !known.includes(c));
      if (missing.length > 0) {
        throw invalidArgument(
          `invalid legal hold: cameraIds: unknown camera ${missing.join(', ')}`,
        );
      }
      // Bounded to what was recorded: from the earliest recording of the cameras to now (or the
      // end of the latest segment, where a camera's clock runs ahead of ours).
      const recorded = await deps.recordedRange(h.cameraIds);
      if (recorded === null) {
        throw invalidArgument('invalid legal hold: cameraIds: no recordings to hold');
      }
      if (h.fromMs < recorded.fromMs) {
        throw invalidArgument(
          `invalid legal hold: fromMs: before the earliest recording of these cameras (${new Date(recorded.fromMs).toISOString()})`,
        );
      }
      if (h.toMs > Math.max(now, recorded.toMs)) {
        throw invalidArgument('invalid legal hold: toMs: must not be in the future');
      }
      const id = randomUUID();
      const p = actor.principal;
      await db.transaction().execute(async (tx) => {
        await tx
          .insertInto('legal_holds')
          .values({
            id,
            authority: h.authority,
            reference: h.reference,
            description: h.description,
            from_ms: h.fromMs,
            to_ms: h.toMs,
            expires_ms: h.expiresMs,
            until_released_reason: h.untilReleasedReason ?? null,
            placed_ms: now,
            placed_by: p.userId,
            placed_by_name: p.username,
            agency_id: p.agencyId,
            released_ms: null,
            released_by: null,
            release_reason: null,
            updated_ms: now,
          })
          .execute();
        await tx
          .insertInto('legal_hold_cameras')
          .values(h.cameraIds.map((camera_id) => ({ hold_id: id, camera_id })))
          .execute();
      });
      const hold = await service.get(actor, id);
      try {
        const why = hold.untilReleasedReason;
        await recordAll(
          actor,
          'hold.place',
          hold,
          why !== null ? { untilReleasedReason: why } : {},
          h.description,
        );
      } catch (e) {
        // No hold without its audit entry: undo (the hold has protected nothing yet).
        await db.deleteFrom('legal_hold_cameras').where('hold_id', '=', id).execute();
        await db.deleteFrom('legal_holds').where('id', '=', id).execute();
        throw new AppError(
          'unavailable',
          'legal hold not placed: the audit trail is unavailable',
          {},
          e,
        );
      }
      return hold;
    },

    async extend(actor, id, input) {
      const change = parseHoldExtend(input);
      const hold = await existing(actor, id);
      await requireManage(actor, hold.cameraIds, 'hold.extend');
      if (hold.status !== 'active') {
        throw failedPrecondition(`legal hold ${id} is ${hold.status}; place a new one instead`);
      }
      if (hold.expiresMs === null && change.expiresMs !== null) {
        throw invalidArgument(
          'invalid legal hold extension: expiresMs: the hold is already until released',
        );
      }
      if (
        hold.expiresMs !== null &&
        change.expiresMs !== null &&
        change.expiresMs <= hold.expiresMs
      ) {
        throw invalidArgument(
          'invalid legal hold extension: expiresMs: must be later than the current expiry (or null)',
        );
      }
      const now = clock.nowMs();
      await db
        .updateTable('legal_holds')
        .set({ expires_ms: change.expiresMs, updated_ms: now })
        .where('id', '=', id)
        .execute();
      const extended = await service.get(actor, id);
      try {
        await recordAll(
          actor,
          'hold.extend',
          extended,
          { previousExpiresMs: hold.expiresMs },
          change.reason ?? 'expiry extended',
        );
      } catch (e) {
        await db
          .updateTable('legal_holds')
          .set({ expires_ms: hold.expiresMs })
          .where('id', '=', id)
          .execute();
        throw new AppError(
          'unavailable',
          'legal hold not extended: the audit trail is unavailable',
          {},
          e,
        );
      }
      return extended;
    },

    async release(actor, id, input) {
      const { reason } = parseHoldRelease(input);
      const hold = await existing(actor, id);
      await requireManage(actor, hold.cameraIds, 'hold.release');
      if (hold.status === 'released')
        throw failedPrecondition(`legal hold ${id} is already released`);
      const now = clock.nowMs();
      await db
        .updateTable('legal_holds')
        .set({
          released_ms: now,
          released_by: actor.principal.userId,
          release_reason: reason,
          updated_ms: now,
        })
        .where('id', '=', id)
        .where('released_ms', 'is', null)
        .execute();
      const released = await service.get(actor, id);
      try {
        await recordAll(actor, 'hold.release', released, { wasStatus: hold.status }, reason);
      } catch (e) {
        await db
          .updateTable('legal_holds')
          .set({ released_ms: null, released_by: null, release_reason: null })
          .where('id', '=', id)
          .execute();
        throw new AppError(
          'unavailable',
          'legal hold not released: the audit trail is unavailable',
          {},
          e,
        );
      }
      return released;
    },

    async get(actor, id) {
      const hold = await existing(actor, id);
      const mayRead =
        isAllowed(actor.principal, 'audit.read') ||
        hold.cameraIds.some((c) =>
          isAllowed(actor.principal, 'hold.manage', { kind: 'camera', id: c }),
        );
      if (!mayRead)
        authorize(actor.principal, 'hold.manage', { kind: 'camera', id: hold.cameraIds[0] ?? id });
      return hold;
    },

    async list(actor, filter = {}) {
      authorize(actor.principal, ['hold.manage', 'audit.read']);
      let q = db.selectFrom('legal_holds').selectAll().orderBy('placed_ms', 'desc').orderBy('id');
      if (filter.cameraId !== undefined) {
        const cameraId = filter.cameraId;
        q = q.where('id', 'in', (eb) =>
          eb.selectFrom('legal_hold_cameras').select('hold_id').where('camera_id', '=', cameraId),
        );
      }
      const rows = await q.execute();
      const cams = await camerasOfHolds(
        db,
        rows.map((r) => r.id),
      );
      const now = clock.nowMs();
      const whole = isAllowed(actor.principal, 'audit.read');
      return rows
        .filter((r) => filter.status === undefined || holdStatusAt(r, now) === filter.status)
        .map((r) => holdFromRow(r, cams.get(r.id) ?? [], now))
        .filter(
          (h) =>
            whole ||
            h.cameraIds.some((c) =>
              isAllowed(actor.principal, 'hold.manage', { kind: 'camera', id: c }),
            ),
        );
    },

    async activeHolds() {
      const now = clock.nowMs();
      const rows = await db
        .selectFrom('legal_holds')
        .selectAll()
        .where('released_ms', 'is', null)
        .where((eb) => eb.or([eb('expires_ms', 'is', null), eb('expires_ms', '>', now)]))
        .orderBy('placed_ms')
        .execute();
      const cams = await camerasOfHolds(
        db,
        rows.map((r) => r.id),
      );
      return rows.map((r) => holdFromRow(r, cams.get(r.id) ?? [], now));
    },

    async heldRanges(cameraId, fromMs, toMs) {
      const [known] = await registeredCameraIds(deps.camerasDb, [cameraId]);
      if (known === undefined) throw notFound(`camera ${cameraId}`);
      const byCamera = await heldRangesByCamera(db, clock.nowMs(), [cameraId]);
      return clipHeld(mergeHeld(byCamera.get(cameraId) ?? []), { fromMs, toMs });
    },
  };
  return service;
}
