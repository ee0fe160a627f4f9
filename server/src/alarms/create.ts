/**
 * The alarm console's service: system alarms opened and cleared as conditions come and go (one
 * open alarm per condition; a cleared one stays until someone closes it), an operator's report
 * (segnalazione), and acknowledge, assign, comment and close, each audited (`alarm.raise`,
 * `alarm.acknowledge`, `alarm.assign`, `alarm.comment`, `alarm.close`). Listeners hear every
 * change, for the event stream.
 */
import { randomUUID } from 'node:crypto';
import type { Clock, Logger } from '../app/index.ts';
import { failedPrecondition, invalidArgument, notFound, parseWith } from '../app/index.ts';
import type { UserService } from '../accounts/index.ts';
import { auditPrincipalOf, type AuditRecorder } from '../audit/index.ts';
import { registeredCameraIds, type CamerasDb } from '../cameras/index.ts';
import type { Actor, Principal } from '../permissions/index.ts';
import { authorizeHandling, mayHandle, maySee } from './access.ts';
import {
  alarmAssignSchema,
  alarmCloseSchema,
  alarmCommentSchema,
  alarmReportSchema,
  type AlarmDetail,
  type AlarmView,
} from './api-shapes.ts';
import {
  alarmById,
  commentsOf,
  insertAlarm,
  insertComment,
  openAlarmByKey,
  queryAlarms,
  uncleared,
  updateAlarm,
  type AlarmQuery,
  type StoredAlarm,
} from './store.ts';
import type { SystemAlarmSink } from './system-alarms.ts';
import type { AlarmRow, AlarmsDb } from './tables.ts';

/** What happened to an alarm. */
export type AlarmChangeType =
  'raised' | 'updated' | 'cleared' | 'acknowledged' | 'assigned' | 'commented' | 'closed';

/** One change, as listeners hear it. */
export interface AlarmChange {
  readonly type: AlarmChangeType;
  readonly alarm: StoredAlarm;
}

/** What the alarm service is built from. */
export interface AlarmServiceDeps {
  db: AlarmsDb;
  /** To check that a reported camera exists. */
  camerasDb: CamerasDb;
  /** To check an assignee. */
  users: Pick<UserService, 'get' | 'list'>;
  clock: Clock;
  audit: AuditRecorder;
  logger: Logger;
}

/** Most alarms one listing returns. */
export const MAX_ALARMS_LISTED = 500;

/** A page of alarms. */
export interface AlarmPage {
  alarms: AlarmView[];
  /** True when more match beyond this page. */
  more: boolean;
}

/** The alarm service. */
export interface AlarmService {
  /** Where the system's alarms go (the composition feeds it). */
  readonly system: SystemAlarmSink;
  /** The alarms matching `q` that the caller may see, latest first. */
  list(actor: Actor, q: AlarmQuery, page?: { offset?: number; limit?: number }): Promise<AlarmPage>;
  /** One alarm with its comments; `not_found` unless the caller may see it. */
  get(actor: Actor, id: string): Promise<AlarmDetail>;
  /** An operator's report (`AlarmReport` JSON); audited. */
  report(actor: Actor, input: unknown): Promise<AlarmDetail>;
  acknowledge(actor: Actor, id: string): Promise<AlarmDetail>;
  /** Assigns (`AlarmAssign` JSON) to a user of the caller's agency, or to nobody. */
  assign(actor: Actor, id: string, input: unknown): Promise<AlarmDetail>;
  comment(actor: Actor, id: string, input: unknown): Promise<AlarmDetail>;
  /** Closes (`AlarmClose` JSON: an optional note); refused while a system condition holds. */
  close(actor: Actor, id: string, input: unknown): Promise<AlarmDetail>;
  /** The active users of the caller's agency, to assign to. */
  assignees(actor: Actor): Promise<{ id: string; username: string; displayName: string }[]>;
  /** The alarm as this principal sees it, or undefined when they may not. */
  viewFor(principal: Principal, alarm: StoredAlarm): AlarmView | undefined;
  /** Listens to every change; returns the unsubscribe. */
  onChange(fn: (change: AlarmChange) => void): () => void;
}

/** The alarm as the API shows it to `p`. */
function viewOf(p: Principal, a: StoredAlarm): AlarmView {
  let params: Record<string, string | number>;
  try {
    params = JSON.parse(a.params_json) as Record<string, string | number>;
  } catch {
    params = {};
  }
  return {
    id: a.id,
    kind: a.kind,
    priority: a.priority,
    source: a.source,
    state: a.state,
    cameraIds: a.cameraIds,
    message: a.message,
    params,
    eventMs: a.event_ms,
    raisedMs: a.raised_ms,
    raisedBy: a.raised_by_name,
    occurrences: a.occurrences,
    clearedMs: a.cleared_ms,
    acknowledgedMs: a.acknowledged_ms,
    acknowledgedBy: a.acknowledged_by_name,
    assignee:
      a.assignee_id !== null ? { id: a.assignee_id, name: a.assignee_name ?? a.assignee_id } : null,
    closedMs: a.closed_ms,
    closedBy: a.closed_by_name,
    updatedMs: a.updated_ms,
    commentCount: a.commentCount,
    handleable: a.state !== 'closed' && mayHandle(p, a),
  };
}

/** Creates the alarm service. */
export function createAlarms(deps: AlarmServiceDeps): AlarmService {
  const { db, clock, audit } = deps;
  const listeners = new Set<(change: AlarmChange) => void>();

  async function emit(type: AlarmChangeType, id: string): Promise<StoredAlarm | undefined> {
    const alarm = await alarmById(db, id);
    if (!alarm) return undefined;
    for (const l of listeners) {
      try {
        l({ type, alarm });
      } catch (err) {
        deps.logger.warn({ err }, 'alarms: a listener failed');
      }
    }
    return alarm;
  }

  async function visible(actor: Actor, id: string): Promise<StoredAlarm> {
    const a = await alarmById(db, id);
    if (!a || !maySee(actor.principal, a)) throw notFound(`alarm ${id}`);
    return a;
  }

  async function handleable(actor: Actor, id: string): Promise<StoredAlarm> {
    const a = await visible(actor, id);
    authorizeHandling(actor.principal, a);
    if (a.state === 'closed') throw failedPrecondition(`alarm ${id} is closed`);
    return a;
  }

  async function audited(
    actor: Actor,
    action: `alarm.${'raise' | 'acknowledge' | 'assign' | 'comment' | 'close'}`,
    a: StoredAlarm,
    details: Record<string, unknown>,
  ): Promise<void> {
    await audit.record({
      action,
      outcome: 'granted',
      principal: auditPrincipalOf(actor),
      sourceAddress: actor.sourceAddress,
      cameraId: a.cameraIds[0] ?? null,
      resource: `alarm:${a.id}`,
      fromMs: a.event_ms,
      details: { kind: a.kind, cameras: a.cameraIds, ...details },
    });
  }

  async function detail(actor: Actor, id: string, change?: AlarmChangeType): Promise<AlarmDetail> {
    const a = change !== undefined ? await emit(change, id) : await alarmById(db, id);
    if (!a) throw notFound(`alarm ${id}`);
    const comments = await commentsOf(db, id);
    return {
      ...viewOf(actor.principal, a),
      comments: comments.map((c) => ({
        id: c.id,
        authorName: c.author_name,
        atMs: c.at_ms,
        text: c.text,
      })),
    };
  }

  async function addComment(actor: Actor, alarmId: string, text: string): Promise<void> {
    await insertComment(db, {
      id: randomUUID(),
      alarm_id: alarmId,
      author_id: actor.principal.userId,
      author_name: actor.principal.username,
      at_ms: clock.nowMs(),
      text,
    });
  }

  const system: SystemAlarmSink = {
    async raised(s) {
      const now = clock.nowMs();
      const open = await openAlarmByKey(db, s.key);
      const params_json = JSON.stringify(s.params ?? {});
      if (open) {
        if (open.cleared_ms !== null) {
          await updateAlarm(db, open.id, {
            cleared_ms: null,
            occurrences: open.occurrences + 1,
            message: s.message.slice(0, 2000),
            params_json,
            updated_ms: now,
          });
          await emit('raised', open.id);
        } else if (open.message !== s.message.slice(0, 2000)) {
          await updateAlarm(db, open.id, { message: s.message.slice(0, 2000), params_json });
          await emit('updated', open.id);
        }
        return;
      }
      const row: AlarmRow = {
        id: randomUUID(),
        kind: s.kind,
        priority: s.priority,
        source: 'system',
        alarm_key: s.key,
        state: 'new',
        message: s.message.slice(0, 2000),
        params_json,
        event_ms: Math.min(s.eventMs ?? now, now),
        raised_ms: now,
        raised_by_id: null,
        raised_by_name: null,
        occurrences: 1,
        cleared_ms: null,
        acknowledged_ms: null,
        acknowledged_by_name: null,
        assignee_id: null,
        assignee_name: null,
        closed_ms: null,
        closed_by_name: null,
        updated_ms: now,
      };
      await insertAlarm(db, row, [...(s.cameraIds ?? [])]);
      await emit('raised', row.id);
    },
    async cleared(key) {
      const open = await openAlarmByKey(db, key);
      if (!open || open.cleared_ms !== null) return;
      const now = clock.nowMs();
      await updateAlarm(db, open.id, { cleared_ms: now, updated_ms: now });
      await emit('cleared', open.id);
    },
    async reconcile(activeKeys) {
      for (const r of await uncleared(db)) if (!activeKeys.has(r.key)) await system.cleared(r.key);
    },
  };

  return {
    system,

    async list(actor, q, page = {}) {
      const offset = Math.max(0, page.offset ?? 0);
      const limit = Math.min(Math.max(1, page.limit ?? 100), MAX_ALARMS_LISTED);
      const rows = (await queryAlarms(db, q)).filter((a) => maySee(actor.principal, a));
      return {
        alarms: rows.slice(offset, offset + limit).map((a) => viewOf(actor.principal, a)),
        more: rows.length > offset + limit,
      };
    },

    get: async (actor, id) => detail(actor, (await visible(actor, id)).id),

    async report(actor, input) {
      const req = parseWith(alarmReportSchema, input, 'report');
      const now = clock.nowMs();
      if (req.atMs > now + 60_000)
        throw invalidArgument('invalid report: atMs: must not be in the future');
      const known = await registeredCameraIds(deps.camerasDb, [req.cameraId]);
      if (!known.includes(req.cameraId)) throw notFound(`camera ${req.cameraId}`);
      const p = actor.principal;
      authorizeHandling(p, { id: 'new', cameraIds: [req.cameraId] });
      const row: AlarmRow = {
        id: randomUUID(),
        kind: 'operator_report',
        priority: req.priority ?? 'medium',
        source: 'operator',
        alarm_key: null,
        state: 'new',
        message: req.note,
        params_json: '{}',
        event_ms: Math.min(req.atMs, now),
        raised_ms: now,
        raised_by_id: p.userId,
        raised_by_name: p.username,
        occurrences: 1,
        cleared_ms: null,
        acknowledged_ms: null,
        acknowledged_by_name: null,
        assignee_id: null,
        assignee_name: null,
        closed_ms: null,
        closed_by_name: null,
        updated_ms: now,
      };
      await insertAlarm(db, row, [req.cameraId]);
      const stored = await alarmById(db, row.id);
      if (stored)
        await audited(actor, 'alarm.raise', stored, { priority: row.priority, note: row.message });
      return detail(actor, row.id, 'raised');
    },

    async acknowledge(actor, id) {
      const a = await handleable(actor, id);
      if (a.state !== 'new') throw failedPrecondition(`alarm ${id} is already acknowledged`);
      const now = clock.nowMs();
      const done = await updateAlarm(
        db,
        id,
        {
          state: 'acknowledged',
          acknowledged_ms: now,
          acknowledged_by_name: actor.principal.username,
          updated_ms: now,
        },
        ['new'],
      );
      if (!done) throw failedPrecondition(`alarm ${id} is already acknowledged`);
      await audited(actor, 'alarm.acknowledge', a, {});
      return detail(actor, id, 'acknowledged');
    },

    async assign(actor, id, input) {
      const req = parseWith(alarmAssignSchema, input, 'assignment');
      const a = await handleable(actor, id);
      let assignee: { id: string; name: string } | null = null;
      if (req.userId !== null) {
        const user = await deps.users.get(req.userId).catch(() => undefined);
        if (!user || user.disabled || user.agencyId !== actor.principal.agencyId) {
          throw invalidArgument(
            `invalid assignment: userId: ${req.userId} is not an active user of your agency`,
          );
        }
        assignee = { id: user.id, name: user.username };
      }
      const now = clock.nowMs();
      const done = await updateAlarm(
        db,
        id,
        {
          assignee_id: assignee?.id ?? null,
          assignee_name: assignee?.name ?? null,
          updated_ms: now,
        },
        ['new', 'acknowledged'],
      );
      if (!done) throw failedPrecondition(`alarm ${id} is closed`);
      await audited(actor, 'alarm.assign', a, {
        assignee: assignee?.name ?? null,
        before: a.assignee_name,
      });
      return detail(actor, id, 'assigned');
    },

    async comment(actor, id, input) {
      const req = parseWith(alarmCommentSchema, input, 'comment');
      const a = await handleable(actor, id);
      await addComment(actor, id, req.text);
      await updateAlarm(db, id, { updated_ms: clock.nowMs() });
      await audited(actor, 'alarm.comment', a, { text: req.text });
      return detail(actor, id, 'commented');
    },

    async close(actor, id, input) {
      const req = parseWith(alarmCloseSchema, input ?? {}, 'close');
      const a = await handleable(actor, id);
      if (a.source === 'system' && a.cleared_ms === null) {
        throw failedPrecondition(
          `alarm ${id} cannot be closed while its condition holds (${a.kind}); acknowledge it`,
        );
      }
      const now = clock.nowMs();
      if (req.note !== undefined) await addComment(actor, id, req.note);
      const done = await updateAlarm(
        db,
        id,
        {
          state: 'closed',
          closed_ms: now,
          closed_by_name: actor.principal.username,
          updated_ms: now,
        },
        ['new', 'acknowledged'],
      );
      if (!done) throw failedPrecondition(`alarm ${id} is closed`);
      await audited(actor, 'alarm.close', a, { note: req.note ?? null });
      return detail(actor, id, 'closed');
    },

    async assignees(actor) {
      const users = await deps.users.list();
      return users
        .filter((u) => !u.disabled && u.agencyId === actor.principal.agencyId)
        .map((u) => ({ id: u.id, username: u.username, displayName: u.displayName }))
        .sort((x, y) => x.username.localeCompare(y.username));
    },

    viewFor: (p, a) => (maySee(p, a) ? viewOf(p, a) : undefined),

    onChange(fn) {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
  };
}
