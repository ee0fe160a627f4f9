/**
 * What feeds the alarm console (`alarms/`): the retention module's board (disk pressure, failed
 * deletion runs, and accounts being guessed at) from the moment the services exist, and the live
 * module's alarm feed (cameras offline, recording gaps, read from ingest and the recorders) once
 * background work starts. Each raise and clear becomes a call on the console's sink, one at a
 * time, in order; a failure is logged and does not stop the next.
 */
import type { Logger } from '../app/index.ts';
import type { SystemAlarm, SystemAlarmSink } from '../alarms/index.ts';
import type { AlarmFeed, LiveAlarm } from '../live/index.ts';
import type { AlarmBoard } from '../retention/index.ts';
import { LOGIN_GUESSING_ALARM } from './login-alarms.ts';

/** Board kinds that mean the disk is filling up. */
const DISK_KINDS = new Set(['storage.low', 'storage.held_only', 'recording.stopped_disk']);

/** A chain that runs the sink's calls one after another. */
export interface SinkQueue {
  /** Queues a call. */
  run(what: string, call: () => Promise<void>): void;
  /** Resolves once everything queued so far has run. */
  idle(): Promise<void>;
}

/** Creates a queue whose failures go to `logger`. */
export function sinkQueue(logger: Logger): SinkQueue {
  let chain: Promise<void> = Promise.resolve();
  return {
    run(what, call) {
      chain = chain.then(call).catch((err: unknown) => {
        logger.error({ err }, `alarms: ${what} failed`);
      });
    },
    idle: () => chain,
  };
}

type BoardAlarm = Parameters<Parameters<AlarmBoard['onChange']>[0]>[0];

/** The console's view of a board alarm. */
export function systemAlarmOfBoard(a: BoardAlarm): SystemAlarm {
  const base = { key: `board:${a.key}`, message: a.message, cameraIds: a.cameraIds };
  if (a.kind === LOGIN_GUESSING_ALARM) {
    const username = a.key.slice(LOGIN_GUESSING_ALARM.length + 1);
    return { ...base, kind: 'login_guessing', priority: 'medium', params: { username } };
  }
  const priority = a.severity === 'critical' ? 'high' : 'medium';
  if (DISK_KINDS.has(a.kind)) return { ...base, kind: 'disk_pressure', priority };
  if (a.kind === 'retention.failed') return { ...base, kind: 'retention_failed', priority: 'high' };
  return { ...base, kind: 'other', priority };
}

/** Sends the board's raises and clears to the console; returns the unsubscribe. */
export function boardIntoAlarms(
  board: Pick<AlarmBoard, 'onChange'>,
  sink: SystemAlarmSink,
  queue: SinkQueue,
): () => void {
  return board.onChange((a, active) => {
    const s = systemAlarmOfBoard(a);
    if (active) queue.run(`raising ${s.key}`, () => sink.raised(s));
    else queue.run(`clearing ${s.key}`, () => sink.cleared(s.key));
  });
}

/**
 * Sends the feed's camera alarms (offline, recording gap) to the console, after clearing the
 * console's open alarms whose condition no longer holds (a restart); returns the unsubscribe.
 * While subscribed, the feed reads ingest and the recorders every second.
 */
export function feedIntoAlarms(
  feed: Pick<AlarmFeed, 'subscribe' | 'list'>,
  board: Pick<AlarmBoard, 'active'>,
  sink: SystemAlarmSink,
  queue: SinkQueue,
): () => void {
  const raise = (a: LiveAlarm): void => {
    if (a.kind !== 'camera_offline' && a.kind !== 'recording_gap') return;
    const s: SystemAlarm = {
      key: a.key,
      kind: a.kind,
      priority: a.kind === 'camera_offline' ? 'high' : 'medium',
      message: a.message,
      params: { cameraId: a.cameraIds[0] ?? '' },
      cameraIds: a.cameraIds,
    };
    queue.run(`raising ${a.key}`, () => sink.raised(s));
  };
  const unsubscribe = feed.subscribe((change) => {
    const a = change.alarm;
    if (change.type === 'raised') raise(a);
    else if (a.kind === 'camera_offline' || a.kind === 'recording_gap') {
      queue.run(`clearing ${a.key}`, () => sink.cleared(a.key));
    }
  });
  // The feed tells a new listener only what changes: what holds already is raised here.
  for (const a of feed.list()) raise(a);
  const active = new Set([
    ...feed.list().map((a) => a.key),
    ...board.active().map((a) => systemAlarmOfBoard(a).key),
  ]);
  queue.run('reconciling', () => sink.reconcile(active));
  return unsubscribe;
}
