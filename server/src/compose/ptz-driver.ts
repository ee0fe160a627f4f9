/**
 * The PTZ driver of the running server: each camera added from ONVIF (`camera.onvif` set) is
 * moved through its device's PTZ service, on its main profile, with the camera's credentials
 * (`credentialsRef`). The first command to a camera reads the device's clock (for the
 * UsernameToken) and its service addresses; they are kept until a command fails, then read again.
 * A command refused as not authorized is tried once more on the device's clock read again.
 */
import { AppError, type Clock } from '../app/index.ts';
import type { CameraRegistry } from '../cameras/index.ts';
import {
  createOnvifClient,
  createPtzClient,
  isOnvifError,
  type OnvifPtzClient,
} from '../onvif/index.ts';
import type { PtzDriver } from '../ptz/index.ts';

/** What the driver is built from. */
export interface OnvifPtzDriverDeps {
  cameras: Pick<CameraRegistry, 'get' | 'credentialsOf'>;
  clock: Clock;
  timeoutMs: number;
}

/** A camera's PTZ client, or null when the camera has no ONVIF PTZ. */
type Entry = OnvifPtzClient | null;

/** The driver over ONVIF. */
export function onvifPtzDriver(deps: OnvifPtzDriverDeps): PtzDriver {
  const clients = new Map<string, Promise<Entry>>();

  async function open(cameraId: string): Promise<Entry> {
    const camera = await deps.cameras.get(cameraId);
    const onvif = camera.onvif;
    if (onvif === null) return null;
    const credentials =
      camera.credentialsRef !== null
        ? deps.cameras.credentialsOf(camera.credentialsRef)
        : undefined;
    const device = createOnvifClient({
      deviceUrl: onvif.address,
      credentials,
      clock: deps.clock,
      timeoutMs: deps.timeoutMs,
    });
    const { offsetMs } = await device.getSystemDateAndTime();
    const services = await device.getServiceAddresses();
    const profileToken = onvif.profiles.main;
    if (services.ptz === null || profileToken === null) return null;
    return createPtzClient({
      ptzUrl: services.ptz,
      profileToken,
      credentials,
      clock: deps.clock,
      offsetMs,
      timeoutMs: deps.timeoutMs,
    });
  }

  function entry(cameraId: string): Promise<Entry> {
    let e = clients.get(cameraId);
    if (e === undefined) {
      e = open(cameraId);
      clients.set(cameraId, e);
      // A failed opening is tried again at the next command.
      e.catch(() => clients.delete(cameraId));
    }
    return e;
  }

  /** Runs `op` on the camera's client; a failure forgets the client and says what failed. */
  async function run<T>(cameraId: string, op: (c: OnvifPtzClient) => Promise<T>): Promise<T> {
    let client: Entry;
    try {
      client = await entry(cameraId);
    } catch (e) {
      throw unavailable(cameraId, e);
    }
    if (client === null) {
      throw new AppError('failed_precondition', `camera ${cameraId} has no PTZ`, {
        key: 'ptz.unsupported',
      });
    }
    try {
      return await op(client);
    } catch (e) {
      clients.delete(cameraId);
      if (!refused(e)) throw unavailable(cameraId, e);
    }
    // Refused: the camera's clock may have been set since (NTP, a technician), which puts the
    // UsernameToken outside its window. Once more, on its clock read again.
    try {
      const again = await entry(cameraId);
      if (again === null) throw new Error('the camera no longer offers PTZ');
      return await op(again);
    } catch (e) {
      clients.delete(cameraId);
      throw unavailable(cameraId, e);
    }
  }

  return {
    async supports(cameraId) {
      try {
        return (await entry(cameraId)) !== null;
      } catch (e) {
        throw unavailable(cameraId, e);
      }
    },
    continuousMove: (id, v) => run(id, (c) => c.continuousMove(v.pan, v.tilt, v.zoom)),
    stop: (id) => run(id, (c) => c.stop()),
    presets: (id) => run(id, (c) => c.getPresets()),
    gotoPreset: (id, token) => run(id, (c) => c.gotoPreset(token)),
    setPreset: (id, name, token) => run(id, (c) => c.setPreset(name, token)),
    removePreset: (id, token) => run(id, (c) => c.removePreset(token)),
    gotoHome: (id) => run(id, (c) => c.gotoHome()),
  };
}

/** True when the device refused the credentials (a fault NotAuthorized, or HTTP 401). */
function refused(e: unknown): boolean {
  if (!isOnvifError(e)) return false;
  return e.reason === 'authentication' || /NotAuthorized/i.test(e.fault?.subcode ?? '');
}

/** A camera that could not be reached or refused the command: 503 naming what failed. */
function unavailable(cameraId: string, e: unknown): AppError {
  if (e instanceof AppError) return e;
  const message = e instanceof Error ? e.message : String(e);
  return new AppError('unavailable', `PTZ of camera ${cameraId}: ${message}`, {
    key: 'ptz.camera',
    ...(isOnvifError(e) ? { reason: e.reason } : {}),
  });
}
