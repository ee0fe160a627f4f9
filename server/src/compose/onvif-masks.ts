/**
 * The privacy module's camera-mask reader over ONVIF: a camera added from ONVIF (`camera.onvif`
 * set) is read with its credentials (`credentialsRef`) — its clock, its services, the video source
 * configuration of its main profile, then Media2 GetMasks of that configuration. A camera without
 * ONVIF is `not_found` (`privacy.cameraMasks.notOnvif`); one that cannot be reached or fails is
 * `unavailable` (`privacy.cameraMasks.unreachable`, with the ONVIF failure's reason), which the
 * route answers 502. Composition level: it joins the camera registry and the ONVIF client.
 */
import { AppError, type Clock } from '../app/index.ts';
import type { CameraRegistry } from '../cameras/index.ts';
import { isOnvifError, readCameraMasks } from '../onvif/index.ts';
import {
  CAMERA_NOT_ONVIF_KEY,
  CAMERA_UNREACHABLE_KEY,
  type CameraMaskReader,
} from '../privacy/index.ts';

/** What the reader is built from. */
export interface OnvifMaskReaderDeps {
  cameras: Pick<CameraRegistry, 'get' | 'credentialsOf'>;
  clock: Clock;
  timeoutMs: number;
}

/** The reader of cameras' own masks over ONVIF Media2. */
export function onvifCameraMaskReader(deps: OnvifMaskReaderDeps): CameraMaskReader {
  return async (cameraId) => {
    const camera = await deps.cameras.get(cameraId);
    if (camera.onvif === null) {
      throw new AppError('not_found', `camera ${cameraId} is not an ONVIF device`, {
        key: CAMERA_NOT_ONVIF_KEY,
      });
    }
    try {
      const credentials =
        camera.credentialsRef !== null
          ? deps.cameras.credentialsOf(camera.credentialsRef)
          : undefined;
      const reading = await readCameraMasks({
        deviceUrl: camera.onvif.address,
        credentials,
        clock: deps.clock,
        timeoutMs: deps.timeoutMs,
        profileToken: camera.onvif.profiles.main,
      });
      if (!reading.supported) return { supported: false, reason: reading.reason };
      return {
        supported: true,
        masks: reading.masks.map((m) => ({
          token: m.token,
          points: m.points.map(([x, y]): [number, number] => [x, y]),
          type: m.type,
          enabled: m.enabled,
        })),
      };
    } catch (e) {
      if (e instanceof AppError) throw e;
      const message = e instanceof Error ? e.message : String(e);
      throw new AppError(
        'unavailable',
        `camera ${cameraId} could not be read: ${message}`,
        { key: CAMERA_UNREACHABLE_KEY, ...(isOnvifError(e) ? { reason: e.reason } : {}) },
        e,
      );
    }
  };
}
