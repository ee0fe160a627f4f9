/**
 * `startSimulator`: many simulated IP cameras behind one RTSP server. Clips are encoded once
 * (cached on disk), packetised once in memory, and replayed by every session; faults are injected
 * per camera through `faults`.
 */
import { readFile } from 'node:fs/promises';
import type { Clock, Logger } from '../app/index.ts';
import {
  systemClock,
  invalidArgument,
  notFound,
  registerSecret,
  silentLogger,
} from '../app/index.ts';
import type { PlannedCamera, SimCameraConfig } from './camera-config.ts';
import { numberedCameras, planCameras } from './camera-config.ts';
import { clipPictures } from './clip-pictures.ts';
import type { ClipRequest, ClipSpec } from './clip-spec.ts';
import { normaliseClip } from './clip-spec.ts';
import { CameraFaults } from './faults.ts';
import { MediaCache } from './media-cache.ts';
import { Mount } from './mount.ts';
import type { PreparedClip } from './prepared-clip.ts';
import { prepareClip } from './prepared-clip.ts';
import type { PtzView } from './ptz-view.ts';
import type { SimAuthConfig } from './rtsp-auth.ts';
import { RtspAuthenticator } from './rtsp-auth.ts';
import { SimRtspServer } from './rtsp-server.ts';
import type { SimulatorFaults } from './simulator-faults.ts';
import { createFaults } from './simulator-faults.ts';
import type { SimulatorStats } from './simulator-stats.ts';
import { collectStats } from './simulator-stats.ts';

/** Options of `startSimulator`. */
export interface SimulatorOptions {
  /** Address to listen on; 127.0.0.1 by default. */
  host?: string;
  /** TCP port; 0 picks a free one. */
  port?: number;
  /** The cameras, or how many 1080p H.264 cameras (`cam-001`...). */
  cameras: SimCameraConfig[] | number;
  /** Credentials the cameras require; none by default. */
  auth?: SimAuthConfig;
  /** Where encoded clips are cached; `<tmp>/vedetta-sim-cache` by default. */
  cacheDir?: string;
  /** Loop length of the clips in seconds (10). */
  loopSeconds?: number;
  /** Burn each camera's id and name into its clips (default: only with 32 cameras or fewer). */
  labelPerCamera?: boolean;
  clock?: Clock;
  logger?: Logger;
  /** RTSP session timeout in seconds (60). */
  sessionTimeoutSeconds?: number;
  /** Milliseconds between RTCP sender reports (5000). */
  senderReportMs?: number;
}

/** A running simulator. */
export interface Simulator {
  /** The RTSP port. */
  readonly port: number;
  /** `rtsp://host:port/cam-001` (or `/cam-001/sub`), without credentials. */
  url(cameraId: string, sub?: boolean): string;
  /** The camera ids, in order. */
  readonly cameraIds: readonly string[];
  /** Fault injection, per camera. */
  readonly faults: SimulatorFaults;
  /** Frames, packets and bytes sent per mount, and the faults in force. */
  stats(): SimulatorStats;
  /**
   * Makes a camera a PTZ dome's picture: both streams switch (at their next key frame) to the
   * window of a larger scene that `view` selects, encoding the clips first if needed.
   */
  setView(cameraId: string, view: PtzView): Promise<void>;
  /** A camera's name and the clips its streams play now (codec, size, rate, GOP, bitrate). */
  describe(cameraId: string): {
    name: string | undefined;
    main: ClipSpec;
    sub: ClipSpec | undefined;
  };
  /** Stops the server and closes every connection. */
  close(): Promise<void>;
}

/** The state of one camera inside the simulator. */
export interface SimCamera {
  plan: PlannedCamera;
  faults: CameraFaults;
  main: Mount;
  sub: Mount | undefined;
}

/** Loads, splits and packetises clips, once per file. */
export class ClipLoader {
  private readonly loaded = new Map<string, Promise<PreparedClip>>();

  constructor(
    private readonly cache: MediaCache,
    private readonly loopSeconds: number | undefined,
  ) {}

  /** The prepared clip for a request (encoded first if needed). */
  load(req: ClipRequest): Promise<PreparedClip> {
    const spec = normaliseClip({ ...req, loopSeconds: req.loopSeconds ?? this.loopSeconds });
    const key = this.cache.pathOf(spec);
    let clip = this.loaded.get(key);
    if (clip === undefined) {
      clip = this.cache.ensure(spec).then(async (file) => {
        const bytes = new Uint8Array(await readFile(file));
        return prepareClip(spec, clipPictures(spec.codec, bytes));
      });
      clip.catch(() => this.loaded.delete(key));
      this.loaded.set(key, clip);
    }
    return clip;
  }
}

/** Starts the simulator: encodes or loads clips, then listens. */
export async function startSimulator(opts: SimulatorOptions): Promise<Simulator> {
  const clock = opts.clock ?? systemClock;
  const logger = (opts.logger ?? silentLogger()).child({ module: 'sim' });
  const host = opts.host ?? '127.0.0.1';
  const configs = typeof opts.cameras === 'number' ? numberedCameras(opts.cameras) : opts.cameras;
  const plans = planCameras(configs, opts.labelPerCamera);
  if (opts.auth !== undefined) {
    if (opts.auth.username === '' || opts.auth.username.includes(':')) {
      throw invalidArgument(`'auth.username' must be non-empty and without ':'`);
    }
    registerSecret(opts.auth.password);
  }
  const loader = new ClipLoader(new MediaCache({ dir: opts.cacheDir, logger }), opts.loopSeconds);
  const cameras = new Map<string, SimCamera>();
  for (const plan of plans) {
    const faults = new CameraFaults();
    const main = new Mount(plan.id, plan.id, await loader.load(plan.main), faults);
    const sub =
      plan.sub === undefined
        ? undefined
        : new Mount(plan.id, `${plan.id}/sub`, await loader.load(plan.sub), faults);
    cameras.set(plan.id, { plan, faults, main, sub });
  }
  const mounts = [...cameras.values()].flatMap((c) => (c.sub ? [c.main, c.sub] : [c.main]));
  const server = new SimRtspServer(mounts, {
    clock,
    logger,
    auth: opts.auth === undefined ? undefined : new RtspAuthenticator(opts.auth, clock),
    sessionTimeoutSeconds: opts.sessionTimeoutSeconds,
    senderReportMs: opts.senderReportMs,
  });
  const port = await server.listen(opts.port ?? 0, host);
  const urlHost =
    host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  logger.info({ host, port, cameras: cameras.size }, 'camera simulator listening');
  const camera = (id: string): SimCamera => {
    const c = cameras.get(id);
    if (c === undefined) throw notFound(`simulated camera ${id}`);
    return c;
  };
  return {
    port,
    cameraIds: [...cameras.keys()],
    url: (id, sub = false) => {
      const c = camera(id);
      if (sub && c.sub === undefined) throw notFound(`sub-stream of simulated camera ${id}`);
      return `rtsp://${urlHost}:${port}/${sub ? `${id}/sub` : id}`;
    },
    faults: createFaults({ camera, clock, logger, loader }),
    stats: () => collectStats(cameras.values(), clock, server.connectionCount),
    describe: (id) => {
      const c = camera(id);
      return { name: c.plan.config.name, main: c.main.clip.spec, sub: c.sub?.clip.spec };
    },
    setView: async (id, view) => {
      const c = camera(id);
      const main = await loader.load({ ...c.plan.main, view });
      const sub = c.plan.sub === undefined ? undefined : await loader.load({ ...c.plan.sub, view });
      c.main.clip = main;
      if (c.sub !== undefined && sub !== undefined) c.sub.clip = sub;
    },
    close: () => server.close(),
  };
}
