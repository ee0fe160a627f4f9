/**
 * The camera simulator behind the demo city: one simulated camera (720p main, 360p sub) for each
 * registry camera whose streams point at the simulator. On a fresh data folder the cameras are
 * the ones the demo is about to seed, on the requested port (8554 unless told otherwise, or a free
 * one when 8554 is taken); on a reused folder, the registry's cameras on the port their URLs name.
 */
import type { Logger } from '../../app/index.ts';
import type { Services } from '../../compose/index.ts';
import type { OnvifDevices, SimCameraConfig } from '../../sim/index.ts';
import { startOnvifDevices, startSimulator, type Simulator } from '../../sim/index.ts';
import { demoCameras } from './city.ts';
import { demoCameraMasks } from './demo-camera-masks.ts';

/** Default RTSP port of the demo's simulator. */
export const DEMO_SIMULATOR_PORT = 8554;

interface SimTarget {
  id: string;
  name: string;
  codecHint: 'h264' | 'h265' | null;
  streams: { main: string; sub: string | null };
}

const LOCAL_URL = /^rtsp:\/\/(?:127\.0\.0\.1|localhost):(\d+)\/([A-Za-z0-9][A-Za-z0-9_.-]*)$/;

function simConfig(c: SimTarget): SimCameraConfig {
  return {
    id: c.id,
    name: c.name,
    codec: c.codecHint ?? 'h264',
    width: 1280,
    height: 720,
    sub: c.streams.sub === null ? false : { width: 640, height: 360 },
  };
}

function codeOf(e: unknown): string | undefined {
  return typeof e === 'object' && e !== null && 'code' in e && typeof e.code === 'string'
    ? e.code
    : undefined;
}

/**
 * Starts the simulator for the demo; undefined when the registry has cameras but none of them
 * points at a local simulator.
 */
export async function startDemoSimulator(
  services: Services,
  opts: { cameraCount: number; port?: number; logger?: Logger },
): Promise<Simulator | undefined> {
  const registry = await services.cameras.list();
  if (registry.length === 0) {
    const cameras = demoCameras(opts.cameraCount, 0).map((c, i) =>
      simConfig({
        id: c.id ?? `cam-${String(i + 1).padStart(3, '0')}`,
        name: c.name,
        codecHint: c.codecHint ?? null,
        streams: { main: c.streams.main, sub: c.streams.sub ?? null },
      }),
    );
    const port = opts.port ?? DEMO_SIMULATOR_PORT;
    try {
      return await startSimulator({ cameras, port, logger: opts.logger });
    } catch (e) {
      if (codeOf(e) !== 'EADDRINUSE' || opts.port !== undefined) throw e;
      opts.logger?.warn({ port }, 'demo: simulator port taken, using a free one');
      return startSimulator({ cameras, port: 0, logger: opts.logger });
    }
  }
  let port: number | undefined;
  const cameras: SimCameraConfig[] = [];
  for (const c of registry) {
    const m = LOCAL_URL.exec(c.streams.main);
    if (!m || m[2] !== c.id) continue;
    port ??= Number(m[1]);
    if (Number(m[1]) === port) cameras.push(simConfig(c));
  }
  if (port === undefined) return undefined;
  return startSimulator({ cameras, port, logger: opts.logger });
}

/** Default HTTP port of the demo cameras' ONVIF services. */
export const DEMO_ONVIF_PORT = 8000;

/**
 * Makes the demo's simulated cameras ONVIF devices, every fifth one a PTZ dome (without privacy
 * masks; `cam-001` and `cam-002` start with camera-side masks): services on port
 * 8000 (a free one when taken), WS-Discovery on 0.0.0.0:3702 with multicast (none when taken).
 * With `discoveryPort`, services on a free port and WS-Discovery on 127.0.0.1 at that port
 * (unicast only; an error when it is taken).
 */
export async function startDemoOnvif(
  sim: Simulator,
  logger?: Logger,
  discoveryPort?: number,
): Promise<OnvifDevices> {
  const ptzCameras = sim.cameraIds.filter((_, i) => (i + 1) % 5 === 0);
  const base = {
    ptzCameras,
    masks: demoCameraMasks(sim.cameraIds, ptzCameras),
    ...(logger ? { logger } : {}),
  };
  const attempt = (port: number, discoveryPort: number | false): Promise<OnvifDevices> =>
    startOnvifDevices(sim, {
      ...base,
      port,
      discoveryHost: '0.0.0.0',
      discoveryPort,
      joinMulticast: true,
    });
  if (discoveryPort !== undefined) {
    return startOnvifDevices(sim, {
      ...base,
      port: 0,
      discoveryHost: '127.0.0.1',
      discoveryPort,
      joinMulticast: false,
    });
  }
  try {
    return await attempt(DEMO_ONVIF_PORT, 3702);
  } catch (e) {
    if (codeOf(e) !== 'EADDRINUSE') throw e;
    logger?.warn(
      'demo: ONVIF port or WS-Discovery port taken, using a free port without discovery',
    );
    return attempt(0, false);
  }
}
