/**
 * The PTZ service: control sessions with priorities (see `arbiter.ts`), moves, presets and home,
 * each checked against `ptz.control` on the camera (saving, renaming and deleting presets also
 * `camera.manage`), and audited: `ptz.control` when a person takes control (with the preset the
 * camera was at), `ptz.release` when the session ends (released, lapsed or preempted by whom;
 * moves made, presets gone to, the preset it ended at), `ptz.preset` for preset changes, and
 * `ptz.home` when the camera is sent home after the configured quiet time.
 */
import {
  AppError,
  notFound,
  parseWith,
  type Clock,
  type PtzSettings,
  type TimerHandle,
} from '../app/index.ts';
import { auditPrincipalOf, type AuditRecorder } from '../audit/index.ts';
import { authorize, type Actor } from '../permissions/index.ts';
import { PtzArbiter, type ControlSession, type Controller, type EndedSession } from './arbiter.ts';
import type { PtzDriver, PtzPreset } from './driver.ts';
import { homeReturnMinutesOf, priorityOf } from './priority.ts';
import { moveSchema, presetInputSchema, type PtzStatus } from './api-shapes.ts';

/** Who sends a camera home, in the audit trail. */
export const PTZ_SYSTEM_ACTOR = 'system:ptz';

/** How often lapsed sessions are looked for, ms. */
const SWEEP_MS = 1000;
/** A camera's PTZ capability is asked again after this long, ms. */
const CAPABILITY_RECHECK_MS = 10 * 60_000;

/** What the PTZ service is built from. */
export interface PtzServiceDeps {
  driver: PtzDriver;
  settings: PtzSettings;
  clock: Clock;
  audit: AuditRecorder;
  /** Whether a camera is registered. */
  cameraExists(cameraId: string): Promise<boolean>;
  /** An agency's name, for "in use by … (agency)". */
  agencyName(agencyId: string): Promise<string>;
}

/** The PTZ service. */
export interface PtzService {
  status(actor: Actor, cameraId: string): Promise<PtzStatus>;
  /** Takes control (or renews it); with `queue`, waits in line when busy. 409 when busy. */
  take(actor: Actor, cameraId: string, queue?: boolean): Promise<PtzStatus>;
  release(actor: Actor, cameraId: string): Promise<PtzStatus>;
  move(actor: Actor, cameraId: string, body: unknown): Promise<void>;
  stop(actor: Actor, cameraId: string): Promise<void>;
  presets(actor: Actor, cameraId: string): Promise<PtzPreset[]>;
  gotoPreset(actor: Actor, cameraId: string, token: string): Promise<void>;
  home(actor: Actor, cameraId: string): Promise<void>;
  savePreset(actor: Actor, cameraId: string, body: unknown, token?: string): Promise<PtzPreset>;
  removePreset(actor: Actor, cameraId: string, token: string): Promise<void>;
  /**
   * Which of `cameraIds` are known to have PTZ; the others are asked in the background (one
   * at a time, each again after 10 minutes), so a caller such as the map never waits on a
   * camera.
   */
  knownPtz(cameraIds: readonly string[]): Set<string>;
  /**
   * Calls `listener` whenever who controls or waits for `cameraId` changes (a session opened or
   * ended, someone queued), after checking the actor may control it; answers the unsubscribe.
   */
  watch(actor: Actor, cameraId: string, listener: () => void): Promise<() => void>;
  /** Stops the sweep and the home-return timers (sessions end with the process). */
  close(): Promise<void>;
}

/** What a session did, for its closing audit entry. */
interface SessionLog {
  fromPreset: string | null;
  moves: number;
  presets: string[];
}

/** The log of a session that starts at `fromPreset`. */
const newLog = (fromPreset: string | null): SessionLog => ({ fromPreset, moves: 0, presets: [] });

/** Creates the PTZ service and starts its sweep of lapsed sessions. */
export function createPtz(deps: PtzServiceDeps): PtzService {
  const { driver, settings, clock, audit } = deps;
  const arbiter = new PtzArbiter(settings.sessionSeconds * 1000);
  const logs = new Map<string, SessionLog>();
  /** The preset each camera was last sent to (null: moved freely since). */
  const atPreset = new Map<string, string | null>();
  const homeTimers = new Map<string, TimerHandle>();
  /** Cameras known to have left their home position (their masks were drawn for home). */
  const away = new Set<string>();
  let closed = false;
  let sweepTimer: TimerHandle | undefined;
  /** What each camera said about PTZ, and when. */
  const capability = new Map<string, { ptz: boolean; atMs: number }>();
  const toCheck: string[] = [];
  let checking = false;
  /** Who follows each camera's control (the panels' event streams). */
  const watchers = new Map<string, Set<() => void>>();

  /** Tells the camera's watchers that its control changed. */
  function changed(cameraId: string): void {
    for (const w of watchers.get(cameraId) ?? []) w();
  }

  /** Asks the cameras in `toCheck`, one at a time, until none is left. */
  async function checkCapabilities(): Promise<void> {
    if (checking) return;
    checking = true;
    try {
      for (let id = toCheck.shift(); id !== undefined && !closed; id = toCheck.shift()) {
        const ptz = await driver.supports(id).catch(() => false);
        capability.set(id, { ptz, atMs: clock.nowMs() });
      }
    } finally {
      checking = false;
    }
  }

  const controllerOf = (actor: Actor): Controller => ({
    userId: actor.principal.userId,
    displayName: actor.principal.displayName || actor.principal.username,
    agencyId: actor.principal.agencyId,
    priority: priorityOf(settings, actor.principal),
  });

  async function known(cameraId: string): Promise<void> {
    if (!(await deps.cameraExists(cameraId))) throw notFound(`camera ${cameraId}`);
  }

  async function authorized(actor: Actor, cameraId: string): Promise<void> {
    await known(cameraId);
    authorize(actor.principal, 'ptz.control', { kind: 'camera', id: cameraId });
    if (!(await driver.supports(cameraId))) {
      throw new AppError('failed_precondition', `camera ${cameraId} has no PTZ`, {
        key: 'ptz.unsupported',
      });
    }
  }

  async function opened(cameraId: string, s: ControlSession, actor: Actor | null) {
    cancelHome(cameraId);
    const fromPreset = atPreset.get(cameraId) ?? null;
    logs.set(s.sessionId, newLog(fromPreset));
    await audit.record({
      action: 'ptz.control',
      outcome: 'granted',
      principal: actor ? auditPrincipalOf(actor) : { userId: s.userId, agencyId: s.agencyId },
      sourceAddress: actor?.sourceAddress ?? null,
      cameraId,
      resource: `ptz:${s.sessionId}`,
      details: { priority: s.priority, fromPreset },
    });
    changed(cameraId);
  }

  async function ended(e: EndedSession, by?: ControlSession): Promise<void> {
    const log = logs.get(e.session.sessionId) ?? newLog(null);
    logs.delete(e.session.sessionId);
    await audit.record({
      action: 'ptz.release',
      outcome: 'granted',
      principal: { userId: e.session.userId, agencyId: e.session.agencyId },
      cameraId: e.cameraId,
      resource: `ptz:${e.session.sessionId}`,
      fromMs: e.session.sinceMs,
      toMs: clock.nowMs(),
      details: {
        reason: e.reason,
        ...(by ? { by: by.displayName, byAgency: by.agencyId } : {}),
        moves: log.moves,
        fromPreset: log.fromPreset,
        presets: log.presets,
        toPreset: atPreset.get(e.cameraId) ?? null,
      },
    });
    scheduleHome(e.cameraId);
    changed(e.cameraId);
  }

  function cancelHome(cameraId: string): void {
    const t = homeTimers.get(cameraId);
    if (t !== undefined) t.cancel();
    homeTimers.delete(cameraId);
  }

  function scheduleHome(cameraId: string): void {
    cancelHome(cameraId);
    const minutes = homeReturnMinutesOf(settings, cameraId);
    if (minutes === null || closed || !away.has(cameraId)) return;
    homeTimers.set(
      cameraId,
      clock.setTimeout(() => {
        homeTimers.delete(cameraId);
        if (closed || arbiter.holder(cameraId, clock.nowMs()) !== undefined) return;
        void goHome(cameraId, minutes);
      }, minutes * 60_000),
    );
  }

  async function goHome(cameraId: string, minutes: number): Promise<void> {
    let outcome: 'granted' | 'failed' = 'granted';
    let error: string | undefined;
    try {
      await driver.gotoHome(cameraId);
      away.delete(cameraId);
      atPreset.set(cameraId, null);
    } catch (e) {
      outcome = 'failed';
      error = e instanceof Error ? e.message : String(e);
    }
    await audit
      .record({
        action: 'ptz.home',
        outcome: outcome === 'granted' ? 'granted' : 'denied',
        username: PTZ_SYSTEM_ACTOR,
        cameraId,
        details: { afterMinutes: minutes, ...(error !== undefined ? { error } : {}) },
      })
      .catch(() => undefined);
  }

  async function sweep(): Promise<void> {
    const now = clock.nowMs();
    for (const e of arbiter.sweep(now)) {
      await ended(e);
      const next = arbiter.holder(e.cameraId, now);
      if (next) await opened(e.cameraId, next, null);
    }
  }

  // The next sweep is set before this one's audit writes finish: lapses are found at once (the
  // arbiter's part runs before the first await), whatever the audit trail's pace.
  function loop(): void {
    if (closed) return;
    sweepTimer = clock.setTimeout(() => {
      loop();
      sweep().catch(() => undefined);
    }, SWEEP_MS);
  }
  loop();

  async function status(actor: Actor, cameraId: string): Promise<PtzStatus> {
    const now = clock.nowMs();
    const holder = arbiter.holder(cameraId, now);
    const me = actor.principal.userId;
    const queue = arbiter.waiting(cameraId);
    const position = queue.findIndex((c) => c.userId === me);
    return {
      cameraId,
      priority: priorityOf(settings, actor.principal),
      holder: holder
        ? {
            you: holder.userId === me,
            name: holder.displayName,
            agencyId: holder.agencyId,
            agencyName: await deps.agencyName(holder.agencyId),
            sinceMs: holder.sinceMs,
            untilMs: holder.lastCommandMs + arbiter.lapseMs,
          }
        : null,
      waiting: queue.length,
      queuePosition: position < 0 ? null : position + 1,
      preset: atPreset.get(cameraId) ?? null,
      awayFromHome: away.has(cameraId),
      homeReturnMinutes: homeReturnMinutesOf(settings, cameraId),
    };
  }

  /** Takes or renews control for a command; throws 409 naming the holder when busy. */
  async function control(actor: Actor, cameraId: string, queue = false): Promise<ControlSession> {
    await sweep();
    const r = arbiter.acquire(cameraId, controllerOf(actor), clock.nowMs(), queue);
    if (r.kind === 'busy') {
      if (r.queuePosition !== undefined) changed(cameraId);
      const agency = await deps.agencyName(r.holder.agencyId);
      throw new AppError(
        'failed_precondition',
        `PTZ of camera ${cameraId} in use by ${r.holder.displayName} (${agency}) until ` +
          new Date(r.untilMs).toISOString(),
        {
          key: 'ptz.busy',
          holder: r.holder.displayName,
          agency,
          untilMs: r.untilMs,
          ...(r.queuePosition !== undefined ? { queuePosition: r.queuePosition } : {}),
        },
      );
    }
    if (r.preempted)
      await ended({ session: r.preempted, reason: 'preempted', cameraId }, r.session);
    if (!r.renewed) await opened(cameraId, r.session, actor);
    return r.session;
  }

  const logOf = (s: ControlSession): SessionLog => {
    let log = logs.get(s.sessionId);
    if (!log) {
      log = newLog(null);
      logs.set(s.sessionId, log);
    }
    return log;
  };

  return {
    async status(actor, cameraId) {
      await authorized(actor, cameraId);
      await sweep();
      return status(actor, cameraId);
    },
    async take(actor, cameraId, queue = false) {
      await authorized(actor, cameraId);
      await control(actor, cameraId, queue);
      return status(actor, cameraId);
    },
    async release(actor, cameraId) {
      await authorized(actor, cameraId);
      await sweep();
      const r = arbiter.release(cameraId, actor.principal.userId, clock.nowMs());
      if (r.ended) {
        await driver.stop(cameraId).catch(() => undefined);
        await ended(r.ended);
      }
      if (r.next) await opened(cameraId, r.next, null);
      return status(actor, cameraId);
    },
    async move(actor, cameraId, body) {
      await authorized(actor, cameraId);
      const velocity = parseWith(moveSchema, body, 'move');
      const s = await control(actor, cameraId);
      await driver.continuousMove(cameraId, velocity);
      logOf(s).moves += 1;
      atPreset.set(cameraId, null);
      away.add(cameraId);
    },
    async stop(actor, cameraId) {
      await authorized(actor, cameraId);
      await control(actor, cameraId);
      await driver.stop(cameraId);
    },
    async presets(actor, cameraId) {
      await authorized(actor, cameraId);
      return driver.presets(cameraId);
    },
    async gotoPreset(actor, cameraId, token) {
      await authorized(actor, cameraId);
      const s = await control(actor, cameraId);
      const preset = (await driver.presets(cameraId)).find((p) => p.token === token);
      if (!preset) throw notFound(`preset ${token} of camera ${cameraId}`);
      await driver.gotoPreset(cameraId, token);
      logOf(s).presets.push(preset.name);
      atPreset.set(cameraId, preset.name);
      away.add(cameraId);
    },
    async home(actor, cameraId) {
      await authorized(actor, cameraId);
      const s = await control(actor, cameraId);
      await driver.gotoHome(cameraId);
      logOf(s).presets.push('home');
      atPreset.set(cameraId, null);
      away.delete(cameraId);
    },
    async savePreset(actor, cameraId, body, token) {
      await authorized(actor, cameraId);
      authorize(actor.principal, 'camera.manage');
      const input = parseWith(presetInputSchema, body, 'preset');
      await control(actor, cameraId);
      const saved = await driver.setPreset(cameraId, input.name, token);
      await audit.record({
        action: 'ptz.preset',
        outcome: 'granted',
        principal: auditPrincipalOf(actor),
        sourceAddress: actor.sourceAddress,
        cameraId,
        resource: `preset:${saved}`,
        details: { change: token === undefined ? 'save' : 'update', name: input.name },
      });
      atPreset.set(cameraId, input.name);
      return { token: saved, name: input.name };
    },
    async removePreset(actor, cameraId, token) {
      await authorized(actor, cameraId);
      authorize(actor.principal, 'camera.manage');
      const preset = (await driver.presets(cameraId)).find((p) => p.token === token);
      if (!preset) throw notFound(`preset ${token} of camera ${cameraId}`);
      await driver.removePreset(cameraId, token);
      await audit.record({
        action: 'ptz.preset',
        outcome: 'granted',
        principal: auditPrincipalOf(actor),
        sourceAddress: actor.sourceAddress,
        cameraId,
        resource: `preset:${token}`,
        details: { change: 'delete', name: preset.name },
      });
    },
    knownPtz(cameraIds) {
      const now = clock.nowMs();
      for (const id of cameraIds) {
        const known = capability.get(id);
        const stale = known === undefined || now - known.atMs > CAPABILITY_RECHECK_MS;
        if (stale && !toCheck.includes(id)) toCheck.push(id);
      }
      void checkCapabilities();
      return new Set(cameraIds.filter((id) => capability.get(id)?.ptz === true));
    },
    async watch(actor, cameraId, listener) {
      await authorized(actor, cameraId);
      let set = watchers.get(cameraId);
      if (!set) {
        set = new Set();
        watchers.set(cameraId, set);
      }
      set.add(listener);
      return () => {
        set.delete(listener);
        if (set.size === 0) watchers.delete(cameraId);
      };
    },
    close() {
      closed = true;
      sweepTimer?.cancel();
      for (const t of homeTimers.values()) t.cancel();
      homeTimers.clear();
      return Promise.resolve();
    },
  };
}
