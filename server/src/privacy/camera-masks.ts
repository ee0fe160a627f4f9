/**
 * The camera's own privacy masks (ONVIF Media2 masks) read and compared with Vedetta's. The
 * privacy module does not talk to cameras: it is given a reader (`CameraMaskReader`, wired by the
 * composition over the ONVIF client) that answers a camera's masks in Vedetta's picture space, or
 * that the camera has none to give. Reading needs `camera.manage` on the camera (who may edit its
 * masks may compare them); like the other mask reads it is not audited (it changes nothing).
 */
import { AppError, notFound, type Clock } from '../app/index.ts';
import { cameraExists, type CamerasDb } from '../cameras/index.ts';
import { authorize, type Actor } from '../permissions/index.ts';
import { compareMasks, type MaskComparison, type MaskVerdict } from './mask-compare.ts';
import type { MaskService } from './masks.ts';

/** A camera-side mask, its polygon in Vedetta's picture space ([0, 1], origin top-left). */
export interface CameraSideMask {
  token: string;
  points: [number, number][];
  /** `Color`, `Pixelated`, `Blurred`, or the camera's word. */
  type: string;
  enabled: boolean;
}

/** What a reader answers. */
export type CameraMaskReading =
  | { supported: true; masks: CameraSideMask[] }
  | { supported: false; reason: 'no_media2' | 'not_supported' };

/**
 * Reads a camera's masks. Throws `not_found` with `details.key` `CAMERA_NOT_ONVIF_KEY` for a
 * camera not added from ONVIF, and `unavailable` with `CAMERA_UNREACHABLE_KEY` when the camera
 * cannot be reached or fails (the API answers 502).
 */
export type CameraMaskReader = (cameraId: string) => Promise<CameraMaskReading>;

/** `details.key` of the error for a camera that is not an ONVIF device. */
export const CAMERA_NOT_ONVIF_KEY = 'privacy.cameraMasks.notOnvif' as const;
/** `details.key` of the error for a camera that could not be read. */
export const CAMERA_UNREACHABLE_KEY = 'privacy.cameraMasks.unreachable' as const;

/** The camera's masks against Vedetta's. */
export interface CameraMaskReport {
  cameraId: string;
  /** When the camera was read (server clock, ms). */
  readMs: number;
  verdict: MaskVerdict;
  /** Why the camera has no masks to compare (`verdict` `not_supported`); null otherwise. */
  unsupportedReason: 'no_media2' | 'not_supported' | null;
  cameraMasks: CameraSideMask[];
  /** Null when the camera does not support masks. */
  comparison: MaskComparison | null;
}

/** Reads and compares. */
export interface CameraMaskCheck {
  /** Needs `camera.manage` on the camera; `not_found` for an unknown camera. */
  check(actor: Actor, cameraId: string): Promise<CameraMaskReport>;
}

/** What the check is made with. */
export interface CameraMaskCheckDeps {
  masks: Pick<MaskService, 'list'>;
  camerasDb: CamerasDb;
  clock: Clock;
  read: CameraMaskReader;
}

/** A reader for a server without ONVIF: every camera is "not an ONVIF device". */
export const noCameraMaskReader: CameraMaskReader = (cameraId) =>
  Promise.reject(
    new AppError('not_found', `camera ${cameraId} is not an ONVIF device`, {
      key: CAMERA_NOT_ONVIF_KEY,
    }),
  );

/** Creates the check. */
export function createCameraMaskCheck(deps: CameraMaskCheckDeps): CameraMaskCheck {
  return {
    async check(actor, cameraId) {
      authorize(actor.principal, 'camera.manage', { kind: 'camera', id: cameraId });
      if (!(await cameraExists(deps.camerasDb, cameraId))) throw notFound(`camera ${cameraId}`);
      const reading = await deps.read(cameraId);
      const readMs = deps.clock.nowMs();
      if (!reading.supported) {
        return {
          cameraId,
          readMs,
          verdict: 'not_supported',
          unsupportedReason: reading.reason,
          cameraMasks: [],
          comparison: null,
        };
      }
      const ours = await deps.masks.list(cameraId);
      const comparison = compareMasks(ours, reading.masks);
      return {
        cameraId,
        readMs,
        verdict: comparison.verdict,
        unsupportedReason: null,
        cameraMasks: reading.masks,
        comparison,
      };
    },
  };
}
