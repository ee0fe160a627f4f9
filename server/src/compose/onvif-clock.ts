/**
 * The ONVIF clock check in the running server: every `onvif.clockCheckIntervalSeconds` the clock
 * of each enabled camera added from ONVIF (`camera.onvif` set) is read (GetSystemDateAndTime,
 * unauthenticated) and a camera more than `onvif.clockDriftAlarmSeconds` off raises a system
 * alarm `camera_clock_drift` ("orologio della telecamera fuori sincrono di N s"), cleared when
 * it is back in sync. Raises and clears go through the console's queue, like the other sources.
 */
import type { Clock, Config, Logger } from '../app/index.ts';
import type { SystemAlarmSink } from '../alarms/index.ts';
import type { CameraRegistry } from '../cameras/index.ts';
import {
  createOnvifClient,
  startClockDriftMonitor,
  type ClockDriftMonitor,
} from '../onvif/index.ts';
import type { SinkQueue } from './alarm-sources.ts';

/** The alarm key of a camera's clock condition. */
export const clockAlarmKey = (cameraId: string): string => `camera.clock:${cameraId}`;

/** Starts the check (none when the interval is 0); the monitor, or null. */
export function startOnvifClockCheck(deps: {
  cameras: Pick<CameraRegistry, 'list'>;
  sink: SystemAlarmSink;
  queue: SinkQueue;
  clock: Clock;
  logger: Logger;
  config: Config['onvif'];
}): ClockDriftMonitor | null {
  const { config, sink, queue, clock } = deps;
  if (config.clockCheckIntervalSeconds === 0) return null;
  return startClockDriftMonitor({
    clock,
    logger: deps.logger.child({ module: 'onvif-clock' }),
    intervalMs: config.clockCheckIntervalSeconds * 1000,
    thresholdSeconds: config.clockDriftAlarmSeconds,
    targets: async () =>
      (await deps.cameras.list()).flatMap((c) =>
        c.enabled && c.onvif !== null ? [{ cameraId: c.id, deviceUrl: c.onvif.address }] : [],
      ),
    readOffsetMs: async (t) => {
      const client = createOnvifClient({
        deviceUrl: t.deviceUrl,
        clock,
        timeoutMs: config.requestTimeoutMs,
      });
      return (await client.getSystemDateAndTime()).offsetMs;
    },
    onDrift: ({ cameraId, driftSeconds }) => {
      const key = clockAlarmKey(cameraId);
      queue.run(`raising ${key}`, () =>
        sink.raised({
          key,
          kind: 'camera_clock_drift',
          priority: 'medium',
          message: `camera ${cameraId}: clock out of sync by ${driftSeconds} s`,
          params: { cameraId, seconds: driftSeconds },
          cameraIds: [cameraId],
        }),
      );
    },
    onInSync: (cameraId) => {
      const key = clockAlarmKey(cameraId);
      queue.run(`clearing ${key}`, () => sink.cleared(key));
    },
  });
}
