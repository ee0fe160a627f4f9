/**
 * `startOnvifDevices`: makes every camera of a running RTSP simulator an ONVIF device — one HTTP
 * port for the services of all cameras, a UDP WS-Discovery responder — with controls for tests,
 * the CLI's control endpoint and the demo: emit events, set a camera's clock offset, inject ONVIF
 * faults, read a dome's position, read a camera's privacy masks.
 */
import type { Clock, Logger } from '../../app/index.ts';
import {
  invalidArgument,
  notFound,
  registerSecret,
  silentLogger,
  systemClock,
} from '../../app/index.ts';
import { gopFrames } from '../clip-spec.ts';
import type { ClipSpec } from '../clip-spec.ts';
import type { PtzView } from '../ptz-view.ts';
import type { Simulator } from '../simulator.ts';
import { deviceService } from './device-service.ts';
import { startDiscovery } from './discovery.ts';
import { DomePictures } from './dome-pictures.ts';
import type { SimEventKind } from './event-hub.ts';
import { EVENT_TOPICS } from './event-hub.ts';
import { eventService } from './event-service.ts';
import { MaskState, type SimMask, type SimMaskInput } from './mask-state.ts';
import { media2Service } from './media2-service.ts';
import { mediaService } from './media-service.ts';
import type { OnvifStream } from './onvif-camera.ts';
import { OnvifCamera } from './onvif-camera.ts';
import { createOnvifHttpServer } from './onvif-http.ts';
import { VIDEO_SOURCE_CONFIG } from './profile-xml.ts';
import { createPtzService } from './ptz-service.ts';
import type { PtzPosition } from './ptz-state.ts';
import { Snapshots } from './snapshot.ts';
import type { OnvifCredentials } from './wsse.ts';

/** Options of `startOnvifDevices`. */
export interface OnvifDevicesOptions {
  /** Address of the HTTP server and the discovery socket; 127.0.0.1 by default. */
  host?: string;
  /** HTTP port; 0 picks a free one. */
  port?: number;
  /** Address the discovery socket binds (default `host`; the CLI uses 0.0.0.0 for multicast). */
  discoveryHost?: string;
  /** UDP port for WS-Discovery; 0 picks a free one; `false` for no discovery. */
  discoveryPort?: number | false;
  /** Join the 239.255.255.250 multicast group (the CLI does; default false). */
  joinMulticast?: boolean;
  /** Credentials every request needs (see README: open operations); none by default. */
  auth?: OnvifCredentials;
  /** Answer requests without any credentials with HTTP 401 and a Digest challenge. */
  challengeHttpDigest?: boolean;
  /** Ids of the cameras that are PTZ domes. */
  ptzCameras?: readonly string[];
  /** Display names for discovery scopes (default: the simulator's names, else the id). */
  names?: Readonly<Record<string, string>>;
  /** Every camera raises motion on, then off 5 s later, every this many seconds (0: never). */
  motionEverySeconds?: number;
  /**
   * Privacy masks fixed cameras start with (ONVIF space: x, y in [-1, 1], y up), by camera id.
   * Domes have no mask support: they answer the mask operations `ter:ActionNotSupported`.
   */
  masks?: Readonly<Record<string, readonly SimMaskInput[]>>;
  clock?: Clock;
  logger?: Logger;
}

/** The ONVIF fault controls. */
export interface OnvifFaults {
  /** Delays every answer of the camera by `ms` (0 ends it). */
  slow(cameraId: string, ms: number): void;
  /** The next `count` calls of `operation` (local name, e.g. `GetProfiles`) answer a SOAP fault. */
  soapFault(cameraId: string, operation: string, count?: number): void;
  /** Every pull-point subscription of the camera expires now; returns how many. */
  expireSubscriptions(cameraId: string): number;
  /** Ends the slow answers and pending SOAP faults of the camera. */
  restore(cameraId: string): void;
}

/** The running ONVIF side. */
export interface OnvifDevices {
  readonly port: number;
  /** The discovery UDP port (undefined without discovery). */
  readonly discoveryPort: number | undefined;
  /** Whether discovery joined the multicast group. */
  readonly multicast: boolean;
  /** `http://host:port/onvif/<id>/device_service`. */
  deviceUrl(cameraId: string): string;
  /** `http://host:port/onvif/<id>/snapshot.jpg`. */
  snapshotUrl(cameraId: string): string;
  /** Raises an event on the camera's pull points; returns the subscriptions reached. */
  emitEvent(cameraId: string, kind: SimEventKind, state: boolean): number;
  /** Sets how many seconds the camera's clock is off (negative: behind). */
  setClockOffset(cameraId: string, seconds: number): void;
  readonly faults: OnvifFaults;
  /** A dome's position and whether it moves; undefined for a fixed camera. */
  ptzPosition(cameraId: string): (PtzPosition & { moving: boolean }) | undefined;
  /** The quantised view a dome's RTSP streams play now (undefined: not switched yet, or fixed). */
  pictureView(cameraId: string): PtzView | undefined;
  /** Which cameras are domes. */
  readonly ptzCameras: readonly string[];
  /** The camera's privacy masks now (ONVIF space); undefined for a camera without masks. */
  masks(cameraId: string): SimMask[] | undefined;
  close(): Promise<void>;
}

function stream(token: 'main' | 'sub', spec: ClipSpec, rtspUrl: string): OnvifStream {
  return {
    token,
    codec: spec.codec,
    width: spec.width,
    height: spec.height,
    fps: spec.fps,
    gopFrames: gopFrames(spec),
    bitrateKbps: spec.bitrateKbps,
    rtspUrl,
  };
}

/** Starts the ONVIF side of a running simulator. */
export async function startOnvifDevices(
  sim: Simulator,
  opts: OnvifDevicesOptions = {},
): Promise<OnvifDevices> {
  const clock = opts.clock ?? systemClock;
  const logger = (opts.logger ?? silentLogger()).child({ module: 'sim-onvif' });
  const host = opts.host ?? '127.0.0.1';
  const ptzIds = new Set(opts.ptzCameras ?? []);
  for (const id of ptzIds)
    if (!sim.cameraIds.includes(id)) throw notFound(`simulated camera ${id}`);
  if (opts.auth !== undefined) {
    if (opts.auth.username === '') throw invalidArgument(`'auth.username' must not be empty`);
    registerSecret(opts.auth.password);
  }
  for (const id of Object.keys(opts.masks ?? {})) {
    if (!sim.cameraIds.includes(id)) throw notFound(`simulated camera ${id}`);
    if (ptzIds.has(id)) throw invalidArgument(`'masks': ${id} is a dome, which has no masks`);
  }
  const cameras = new Map<string, OnvifCamera>();
  for (const id of sim.cameraIds) {
    const d = sim.describe(id);
    const streams = [stream('main', d.main, sim.url(id))];
    if (d.sub !== undefined) streams.push(stream('sub', d.sub, sim.url(id, true)));
    const name = opts.names?.[id] ?? d.name ?? id;
    const masks = ptzIds.has(id)
      ? undefined
      : new MaskState(VIDEO_SOURCE_CONFIG, opts.masks?.[id] ?? []);
    cameras.set(id, new OnvifCamera(id, name, streams, ptzIds.has(id), masks));
  }
  const cam = (id: string): OnvifCamera => {
    const c = cameras.get(id);
    if (c === undefined) throw notFound(`simulated camera ${id}`);
    return c;
  };
  const domes = [...cameras.values()].filter((c) => c.ptz !== undefined);
  const pictures = new DomePictures(sim, domes, clock, logger);
  const snapshots = new Snapshots();
  const { server, closing } = createOnvifHttpServer({
    cameras,
    services: {
      device_service: deviceService,
      media_service: mediaService,
      media2_service: media2Service,
      event_service: eventService,
      ptz_service: createPtzService((id) => pictures.update(cam(id))),
    },
    credentials: opts.auth,
    challengeHttpDigest: opts.challengeHttpDigest ?? false,
    snapshot: (c) => {
      const main = c.streams[0];
      return snapshots.jpeg(main?.width ?? 1920, main?.height ?? 1080, pictures.viewOf(c));
    },
    clock,
    logger,
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  const addr = server.address();
  const port = typeof addr === 'object' && addr !== null ? addr.port : 0;
  const urlHost =
    host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  const deviceUrl = (id: string): string =>
    `http://${urlHost}:${port}/onvif/${encodeURIComponent(cam(id).id)}/device_service`;
  const discovery =
    opts.discoveryPort === false
      ? undefined
      : await startDiscovery({
          host: opts.discoveryHost ?? host,
          port: opts.discoveryPort ?? 0,
          cameras: [...cameras.values()],
          deviceUrl: (c) => deviceUrl(c.id),
          joinMulticast: opts.joinMulticast ?? false,
          logger,
        });
  const emitEvent = (id: string, kind: SimEventKind, state: boolean): number => {
    const c = cam(id);
    const t = EVENT_TOPICS[kind];
    if (t === undefined) throw invalidArgument(`unknown event kind ${String(kind)}`);
    logger.info({ camera: id, kind, state }, 'simulated ONVIF event');
    return c.events.emit(
      {
        kind,
        topic: t.topic,
        utcMs: c.nowMs(clock.nowMs()),
        source: { name: t.source, value: t.sourceValue },
        data: { name: t.data, value: String(state) },
        operation: 'Changed',
      },
      clock.monotonicMs(),
    );
  };
  const schedule = startMotionSchedule(
    opts.motionEverySeconds ?? 0,
    [...cameras.keys()],
    emitEvent,
  );
  logger.info(
    { host, port, discoveryPort: discovery?.port, cameras: cameras.size },
    'ONVIF devices listening',
  );
  return {
    port,
    discoveryPort: discovery?.port,
    multicast: discovery?.multicast ?? false,
    ptzCameras: domes.map((d) => d.id),
    deviceUrl,
    snapshotUrl: (id) => deviceUrl(id).replace(/device_service$/, 'snapshot.jpg'),
    emitEvent,
    setClockOffset: (id, seconds) => {
      if (!Number.isFinite(seconds) || Math.abs(seconds) > 10 * 365 * 86_400) {
        throw invalidArgument(`'seconds' must be a number within ten years, got ${seconds}`);
      }
      cam(id).clockOffsetSeconds = seconds;
    },
    faults: {
      slow: (id, ms) => {
        if (!Number.isFinite(ms) || ms < 0 || ms > 600_000) {
          throw invalidArgument(`'ms' must be between 0 and 600000, got ${ms}`);
        }
        cam(id).slowMs = ms;
      },
      soapFault: (id, operation, count = 1) => {
        if (!/^[A-Za-z]+$/.test(operation) || !Number.isInteger(count) || count < 1) {
          throw invalidArgument(
            `'operation' must be an operation name and 'count' a positive integer`,
          );
        }
        cam(id).pendingFaults.set(operation, count);
      },
      expireSubscriptions: (id) => cam(id).events.expireAll(),
      restore: (id) => {
        const c = cam(id);
        c.slowMs = 0;
        c.pendingFaults.clear();
      },
    },
    ptzPosition: (id) => {
      const c = cam(id);
      if (c.ptz === undefined) return undefined;
      const t = clock.monotonicMs();
      const m = c.ptz.moving(t);
      return { ...c.ptz.position(t), moving: m.panTilt || m.zoom };
    },
    pictureView: (id) => pictures.shownView(cam(id).id),
    masks: (id) => cam(id).masks?.list(),
    close: async () => {
      schedule();
      pictures.close();
      closing.abort();
      for (const c of cameras.values()) c.events.expireAll();
      await discovery?.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Raises motion on every camera every `seconds` (off 5 s later); returns a stop function. */
function startMotionSchedule(
  seconds: number,
  ids: readonly string[],
  emit: (id: string, kind: SimEventKind, state: boolean) => number,
): () => void {
  if (!(seconds > 0)) return () => undefined;
  const offs = new Set<NodeJS.Timeout>();
  const timer = setInterval(() => {
    for (const id of ids) emit(id, 'motion', true);
    const off = setTimeout(() => {
      offs.delete(off);
      for (const id of ids) emit(id, 'motion', false);
    }, 5000);
    offs.add(off);
  }, seconds * 1000);
  timer.unref();
  return () => {
    clearInterval(timer);
    for (const t of offs) clearTimeout(t);
  };
}
