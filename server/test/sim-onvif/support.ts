/**
 * Shared set-up of the simulator ONVIF interoperability tests: a small simulator (two fixed
 * cameras and a dome, tiny clips) with its ONVIF side, and a promise wrapper for the `onvif`
 * npm package's callback API.
 */
import { Cam } from 'onvif';
import type { OnvifDevices, OnvifDevicesOptions, Simulator } from '../../src/sim/index.ts';
import { startOnvifDevices, startSimulator } from '../../src/sim/index.ts';

/** The credentials of the simulated cameras. */
export const CREDS = { username: 'admin', password: 'sim-secret' } as const;

/** A simulator and its ONVIF side. */
export interface SimWithOnvif {
  sim: Simulator;
  onvif: OnvifDevices;
  close(): Promise<void>;
}

/** Starts `cam-001`, `cam-002` (H.265) and the dome `cam-003` with credentials. */
export async function startSimWithOnvif(
  extra: Partial<OnvifDevicesOptions> = {},
): Promise<SimWithOnvif> {
  const size = { width: 320, height: 180, gopSeconds: 1, sub: { width: 160, height: 90 } };
  const sim = await startSimulator({
    cameras: [
      { id: 'cam-001', codec: 'h264', name: 'Via Roma', ...size },
      { id: 'cam-002', codec: 'h265', ...size },
      { id: 'cam-003', codec: 'h264', name: 'Piazza Verdi', ...size },
    ],
    loopSeconds: 2,
    auth: { ...CREDS, scheme: 'digest' },
  });
  const onvif = await startOnvifDevices(sim, {
    port: 0,
    discoveryPort: 0,
    auth: CREDS,
    ptzCameras: ['cam-003'],
    ...extra,
  });
  return {
    sim,
    onvif,
    close: async () => {
      await onvif.close();
      await sim.close();
    },
  };
}

/** Connects the `onvif` package's client to a simulated camera (it syncs its clock first). */
export function connectCam(
  onvif: OnvifDevices,
  cameraId: string,
  password: string = CREDS.password,
): Promise<Cam> {
  const url = new URL(onvif.deviceUrl(cameraId));
  return new Promise((resolve, reject) => {
    const cam: Cam = new Cam(
      {
        hostname: url.hostname,
        port: Number(url.port),
        path: url.pathname,
        username: CREDS.username,
        password,
        timeout: 10_000,
      },
      (err: Error | null) => (err ? reject(err) : resolve(cam)),
    );
  });
}

/** Calls one of the package's callback methods as a promise. */
export function call<T = unknown>(
  fn: (cb: (err: Error | null, data?: T) => void) => void,
): Promise<T> {
  return new Promise((resolve, reject) => {
    fn((err, data) => (err ? reject(err) : resolve(data as T)));
  });
}
