/**
 * The camera events service: what the ONVIF subscribers report (a state going true or false on a
 * camera) becomes intervals in `camera_events`, re-triggers merged (`merge-policy.ts`); when a
 * subscription is lost or the server stops, the camera's open intervals end at the last moment the
 * subscriber heard from it; rows an earlier process left open end at their last sighting. Writes
 * run one at a time, in the order reported. Reading is for the timeline (callers authorize).
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from '../app/index.ts';
import { decideStart, rememberStart, type LatestInterval } from './merge-policy.ts';
import { closeOpenEvents, eventsOverlapping, insertEvent, updateEvent } from './store.ts';
import type {
  CameraEventEndCause,
  CameraEventKind,
  CameraEventRow,
  CameraEventsDb,
} from './tables.ts';

/** A state change a camera reported, its time already in the server's clock. */
export interface CameraEventReport {
  readonly cameraId: string;
  readonly kind: CameraEventKind;
  /** True: the state began (or holds); false: it ended. */
  readonly active: boolean;
  /** When, UTC ms in the server's clock. */
  readonly atMs: number;
  /** The ONVIF topic without prefixes. */
  readonly topic: string;
  /** The message's Source items (input token, rule, video source). */
  readonly source: Readonly<Record<string, string>>;
}

/** One interval, as the timeline shows it. */
export interface CameraEventView {
  readonly id: string;
  readonly cameraId: string;
  readonly kind: CameraEventKind;
  readonly fromMs: number;
  /** Null while it holds. */
  readonly toMs: number | null;
  readonly endCause: CameraEventEndCause | null;
  readonly triggers: number;
  readonly topic: string;
  readonly source: Readonly<Record<string, string>>;
}

/** What the subscribers feed (`compose/onvif-events.ts`). */
export interface CameraEventRecorder {
  /** A state change; queued, never throws (a failed write is logged). */
  report(e: CameraEventReport): void;
  /**
   * The camera's subscription ended (`lost`) or the server stops (`stopped`): its open intervals
   * end at `lastKnownMs`, the last time the subscriber heard from the camera.
   */
  interrupted(cameraId: string, lastKnownMs: number, cause: 'lost' | 'stopped'): void;
  /** Ends, as `unknown`, what an earlier process left open (queued before any report). */
  closeLeftOpen(): void;
  /** Resolves when every queued write is done. */
  idle(): Promise<void>;
}

/** The camera events service. */
export interface CameraEventService extends CameraEventRecorder {
  /**
   * The intervals of `cameraIds` overlapping `[fromMs, toMs)`, newest first, at most `limit`;
   * `more` when there were more. No authorization here: the caller checks the cameras.
   */
  overlapping(
    cameraIds: readonly string[],
    fromMs: number,
    toMs: number,
    limit: number,
  ): Promise<{ events: CameraEventView[]; more: boolean }>;
}

/** What the service is built from. */
export interface CameraEventDeps {
  db: CameraEventsDb;
  logger: Logger;
}

/** The recorder's memory of one event's latest interval. */
interface Latest extends LatestInterval {
  id: string;
  lastSeenMs: number;
  triggers: number;
}

/** Longest source JSON stored (the column's limit). */
const MAX_SOURCE_JSON = 1000;

function sourceJsonOf(source: Readonly<Record<string, string>>): string {
  const sorted = Object.fromEntries(Object.entries(source).sort(([a], [b]) => a.localeCompare(b)));
  const json = JSON.stringify(sorted);
  return json.length <= MAX_SOURCE_JSON ? json : '{}';
}

function viewOf(r: CameraEventRow): CameraEventView {
  let source: Record<string, string>;
  try {
    source = JSON.parse(r.source_json) as Record<string, string>;
  } catch {
    source = {};
  }
  return {
    id: r.id,
    cameraId: r.camera_id,
    kind: r.kind,
    fromMs: r.started_ms,
    toMs: r.ended_ms,
    endCause: r.end_cause,
    triggers: r.triggers,
    topic: r.topic,
    source,
  };
}

/** Creates the camera events service. */
export function createCameraEvents(deps: CameraEventDeps): CameraEventService {
  const { db } = deps;
  const logger = deps.logger.child({ module: 'camera-events' });
  /** Latest interval per event: camera, kind and source. */
  const latest = new Map<string, Latest>();
  /** Start times of the intervals opened in the last minute, per camera and kind. */
  const starts = new Map<string, number[]>();
  let queue: Promise<void> = Promise.resolve();

  function enqueue(what: string, fn: () => Promise<void>): void {
    queue = queue.then(fn).catch((err: unknown) => logger.error({ err }, `camera events: ${what}`));
  }

  async function started(e: CameraEventReport, key: string, sourceJson: string): Promise<void> {
    const rateKey = `${e.cameraId}|${e.kind}`;
    const last = latest.get(key);
    const decision = decideStart(last, starts.get(rateKey) ?? [], e.atMs);
    if (last !== undefined && decision === 'still-active') {
      if (e.atMs <= last.lastSeenMs) return;
      last.lastSeenMs = e.atMs;
      await updateEvent(db, last.id, { last_seen_ms: e.atMs });
      return;
    }
    if (last !== undefined && decision === 'merge') {
      const next: Latest = {
        ...last,
        endedMs: null,
        lastSeenMs: Math.max(e.atMs, last.lastSeenMs),
        triggers: last.triggers + 1,
      };
      latest.set(key, next);
      await updateEvent(db, last.id, {
        ended_ms: null,
        end_cause: null,
        last_seen_ms: next.lastSeenMs,
        triggers: next.triggers,
      });
      return;
    }
    const row: CameraEventRow = {
      id: randomUUID(),
      camera_id: e.cameraId,
      kind: e.kind,
      started_ms: e.atMs,
      ended_ms: null,
      end_cause: null,
      last_seen_ms: e.atMs,
      triggers: 1,
      topic: e.topic.slice(0, 300),
      source_json: sourceJson,
    };
    latest.set(key, {
      id: row.id,
      startedMs: e.atMs,
      endedMs: null,
      lastSeenMs: e.atMs,
      triggers: 1,
    });
    starts.set(rateKey, rememberStart(starts.get(rateKey) ?? [], e.atMs));
    await insertEvent(db, row);
  }

  async function end(key: string, atMs: number, cause: CameraEventEndCause): Promise<void> {
    const last = latest.get(key);
    if (last === undefined || last.endedMs !== null) return;
    const endedMs = Math.max(atMs, last.startedMs);
    latest.set(key, { ...last, endedMs });
    await updateEvent(db, last.id, { ended_ms: endedMs, end_cause: cause });
  }

  const service: CameraEventService = {
    report(e) {
      const sourceJson = sourceJsonOf(e.source);
      const key = `${e.cameraId}|${e.kind}|${sourceJson}`;
      enqueue('an event was not stored', () =>
        e.active ? started(e, key, sourceJson) : end(key, e.atMs, 'camera'),
      );
    },
    interrupted(cameraId, lastKnownMs, cause) {
      enqueue('open events were not ended', async () => {
        for (const key of [...latest.keys()]) {
          if (key.startsWith(`${cameraId}|`)) await end(key, lastKnownMs, cause);
        }
      });
    },
    closeLeftOpen() {
      enqueue('events left open were not ended', async () => {
        latest.clear();
        const n = await closeOpenEvents(db, 'unknown');
        if (n > 0)
          logger.info({ events: n }, 'camera events: ended those left open at the last stop');
      });
    },
    idle() {
      return queue;
    },
    async overlapping(cameraIds, fromMs, toMs, limit) {
      const rows = await eventsOverlapping(db, cameraIds, fromMs, toMs, limit + 1);
      return { events: rows.slice(0, limit).map(viewOf), more: rows.length > limit };
    },
  };
  return service;
}
