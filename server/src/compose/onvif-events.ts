/**
 * Camera events as alarms in the running server: each enabled camera added from ONVIF
 * (`camera.onvif` set) gets a pull-point subscription on its device's Events service, pulled in a
 * loop, renewed before it ends, and made again after a failure or an expired subscription (at once
 * the first time after working pulls, then after a growing wait on the injected clock). The
 * events named in `onvif.events.alarms` raise a system alarm — `camera_motion` (low),
 * `camera_tamper` (high), `camera_input` (medium) — with the event's time (the camera's clock
 * turned into the server's) and the camera; it is cleared when the camera says the state ended.
 * Every motion, tamper and input event, configured as an alarm or not, is also stored as a
 * timeline interval (`events`, the camera-events module), ended at the last pull that worked when
 * the subscription is lost or the subscribers stop. One alarm key per camera and kind. The camera
 * list is read again every 10 s, so a camera added from ONVIF has its events soon after.
 */
import type { Clock, Config, Logger } from '../app/index.ts';
import type { SystemAlarmSink } from '../alarms/index.ts';
import type { CameraRegistry } from '../cameras/index.ts';
import {
  classifyEvent,
  createEventsClient,
  createOnvifClient,
  isResourceUnknown,
  type CameraEventKind,
  type OnvifEventMessage,
} from '../onvif/index.ts';
import type { CameraEventRecorder } from '../camera-events/index.ts';
import type { SinkQueue } from './alarm-sources.ts';

/** Subscriptions are asked for this long and renewed at half the time left. */
const TERMINATION_S = 60;
/** How long one PullMessages waits on the device. */
const PULL_WAIT_S = 5;
const MESSAGE_LIMIT = 100;
/** Waits after consecutive failures: 1 s, 2 s, 4 s, … up to a minute. */
const FIRST_WAIT_MS = 1_000;
const MAX_WAIT_MS = 60_000;
const RESCAN_MS = 10_000;

/** The alarm key of a camera's event condition. */
export const eventAlarmKey = (cameraId: string, kind: CameraEventKind): string =>
  `camera.event.${kind}:${cameraId}`;

const ALARM = {
  motion: { kind: 'camera_motion', priority: 'low', words: 'motion detected' },
  tamper: { kind: 'camera_tamper', priority: 'high', words: 'tampering detected' },
  'digital-input': { kind: 'camera_input', priority: 'medium', words: 'alarm input active' },
} as const;

/** What the subscribers are started with. */
export interface OnvifEventsDeps {
  cameras: Pick<CameraRegistry, 'list' | 'credentialsOf'>;
  sink: SystemAlarmSink;
  queue: SinkQueue;
  clock: Clock;
  logger: Logger;
  config: Config['onvif'];
  /**
   * Where every event (configured as an alarm or not) is stored as a timeline interval; the
   * camera's open intervals end at the last pull that worked when its subscription is lost or
   * the subscribers stop.
   */
  events?: CameraEventRecorder;
}

/** The camera events' kinds as stored (`digital-input` is `input`). */
const STORED_KIND = { motion: 'motion', tamper: 'tamper', 'digital-input': 'input' } as const;

/** The running subscribers. */
export interface OnvifEventSubscribers {
  /** Ends every subscription (Unsubscribe, best effort) and resolves when all loops ended. */
  stop(): Promise<void>;
}

interface Target {
  cameraId: string;
  deviceUrl: string;
  credentialsRef: string | null;
}

interface Runner {
  signature: string;
  stopped: boolean;
  /** Ends a wait between attempts early (on stop). */
  wake: () => void;
  /** When the last pull that worked returned (server clock, ms); null before the first. */
  lastPullMs: number | null;
  done: Promise<void>;
}

/** Starts a subscriber per ONVIF camera (none when `onvif.events.enabled` is false). */
export function startOnvifEvents(deps: OnvifEventsDeps): OnvifEventSubscribers | null {
  const { clock, config, sink, queue } = deps;
  deps.events?.closeLeftOpen(); // what an earlier process left open ends before anything new
  if (!config.events.enabled) return null;
  const logger = deps.logger.child({ module: 'onvif-events' });
  const wanted = new Set<CameraEventKind>(config.events.alarms);
  const runners = new Map<string, Runner>();
  /** Loops told to stop that may still be ending. */
  const ending = new Set<Promise<void>>();
  let stopped = false;
  let rescanTimer: { cancel(): void } | null = null;

  function handle(cameraId: string, m: OnvifEventMessage, offsetMs: number): void {
    const event = classifyEvent(m);
    if (event !== null) {
      deps.events?.report({
        cameraId,
        kind: STORED_KIND[event.kind],
        active: event.state,
        atMs: Math.min(m.utcMs !== null ? m.utcMs - offsetMs : clock.nowMs(), clock.nowMs()),
        topic: m.topicPath,
        source: m.source,
      });
    }
    if (event === null || !wanted.has(event.kind)) return;
    const key = eventAlarmKey(cameraId, event.kind);
    if (!event.state) {
      queue.run(`clearing ${key}`, () => sink.cleared(key));
      return;
    }
    const a = ALARM[event.kind];
    const input = m.source['InputToken'];
    queue.run(`raising ${key}`, () =>
      sink.raised({
        key,
        kind: a.kind,
        priority: a.priority,
        message: `camera ${cameraId}: ${a.words}`,
        params: { cameraId, ...(input !== undefined ? { input } : {}) },
        cameraIds: [cameraId],
        ...(m.utcMs !== null ? { eventMs: m.utcMs - offsetMs } : {}),
      }),
    );
  }

  function pause(runner: Runner, ms: number): Promise<void> {
    if (ms <= 0 || runner.stopped) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = clock.setTimeout(() => resolve(), ms);
      runner.wake = () => {
        timer.cancel();
        resolve();
      };
    });
  }

  /** One subscription's life: subscribe, pull and renew until a failure or the stop. */
  async function subscribeAndPull(t: Target, runner: Runner, pulled: () => void): Promise<void> {
    const credentials =
      t.credentialsRef !== null ? deps.cameras.credentialsOf(t.credentialsRef) : undefined;
    const timeoutMs = config.requestTimeoutMs;
    const device = createOnvifClient({ deviceUrl: t.deviceUrl, credentials, clock, timeoutMs });
    const { offsetMs } = await device.getSystemDateAndTime();
    const { events: eventsUrl } = await device.getServiceAddresses();
    if (eventsUrl === null) throw new Error(`camera ${t.cameraId} has no ONVIF events service`);
    const events = createEventsClient({ eventsUrl, credentials, clock, offsetMs, timeoutMs });
    const sub = await events.createPullPoint(TERMINATION_S);
    const renewAfter = (remainingMs: number | null): number =>
      clock.monotonicMs() + Math.max(1_000, (remainingMs ?? TERMINATION_S * 1000) / 2);
    let renewAt = renewAfter(sub.remainingMs);
    let expired = false;
    try {
      while (!runner.stopped) {
        if (clock.monotonicMs() >= renewAt) {
          renewAt = renewAfter(await events.renew(sub.address, TERMINATION_S));
        }
        const got = await events.pullMessages(sub.address, PULL_WAIT_S, MESSAGE_LIMIT);
        pulled();
        if (runner.stopped) break;
        for (const m of got.messages) handle(t.cameraId, m, offsetMs);
      }
    } catch (err) {
      expired = isResourceUnknown(err);
      throw err;
    } finally {
      // Given back (best effort) unless the device already forgot it.
      if (!expired) await events.unsubscribe(sub.address).catch(() => undefined);
    }
  }

  async function run(t: Target, runner: Runner): Promise<void> {
    let failures = 0;
    while (!runner.stopped) {
      try {
        await subscribeAndPull(t, runner, () => {
          failures = 0;
          runner.lastPullMs = clock.nowMs();
        });
      } catch (err) {
        if (runner.stopped) break;
        if (runner.lastPullMs !== null)
          deps.events?.interrupted(t.cameraId, runner.lastPullMs, 'lost');
        // An expired subscription after working pulls is made again at once.
        const wait =
          failures === 0 && isResourceUnknown(err)
            ? 0
            : Math.min(MAX_WAIT_MS, FIRST_WAIT_MS * 2 ** failures);
        failures++;
        logger.warn(
          { err, cameraId: t.cameraId, retryInMs: wait },
          'camera events: subscription lost',
        );
        await pause(runner, wait);
      }
    }
    if (runner.lastPullMs !== null)
      deps.events?.interrupted(t.cameraId, runner.lastPullMs, 'stopped');
  }

  function start(t: Target, signature: string): void {
    const runner: Runner = {
      signature,
      stopped: false,
      wake: () => undefined,
      lastPullMs: null,
      done: Promise.resolve(),
    };
    runner.done = run(t, runner);
    runners.set(t.cameraId, runner);
  }

  function stopRunner(id: string, runner: Runner): void {
    runner.stopped = true;
    runner.wake();
    runners.delete(id);
    ending.add(runner.done);
    void runner.done.finally(() => ending.delete(runner.done));
  }

  async function rescan(): Promise<void> {
    const targets = (await deps.cameras.list()).flatMap((c): Target[] =>
      c.enabled && c.onvif !== null
        ? [{ cameraId: c.id, deviceUrl: c.onvif.address, credentialsRef: c.credentialsRef }]
        : [],
    );
    if (stopped) return;
    const seen = new Set<string>();
    for (const t of targets) {
      seen.add(t.cameraId);
      const signature = `${t.deviceUrl} ${t.credentialsRef ?? ''}`;
      const running = runners.get(t.cameraId);
      if (running?.signature === signature) continue;
      if (running !== undefined) stopRunner(t.cameraId, running);
      start(t, signature);
    }
    for (const [id, r] of runners) {
      if (seen.has(id)) continue;
      // Removed, disabled or no longer ONVIF: nothing will ever end its open conditions.
      stopRunner(id, r);
      for (const kind of wanted) {
        const key = eventAlarmKey(id, kind);
        queue.run(`clearing ${key}`, () => sink.cleared(key));
      }
    }
  }

  /** Reads the camera list now, then every RESCAN_MS until the stop. */
  function rescanLoop(): void {
    void rescan()
      .catch((err: unknown) => logger.error({ err }, 'camera events: camera list unread'))
      .finally(() => {
        if (!stopped) rescanTimer = clock.setTimeout(rescanLoop, RESCAN_MS);
      });
  }
  rescanLoop();

  return {
    async stop() {
      stopped = true;
      rescanTimer?.cancel();
      for (const [id, r] of [...runners.entries()]) stopRunner(id, r);
      await Promise.all([...ending]);
    },
  };
}
