/**
 * The privacy module's services, created once at start-up: masks and lifts, the camera-side
 * masks' comparison, the camera register and the public page's data.
 */
import type { Clock, Config } from '../app/index.ts';
import type { AuditRecorder } from '../audit/index.ts';
import type { CamerasDb } from '../cameras/index.ts';
import type { PrivacyDb } from './tables.ts';
import {
  createCameraMaskCheck,
  noCameraMaskReader,
  type CameraMaskCheck,
  type CameraMaskReader,
} from './camera-masks.ts';
import { createMaskService, type MaskService } from './masks.ts';
import { publicCameras, publicNotice, type PublicCamera, type PublicNotice } from './public.ts';
import { createRegisterService, type RegisterService } from './register.ts';

/** Everything the privacy module offers. */
export interface PrivacyServices {
  masks: MaskService;
  /** The camera's own masks (ONVIF Media2) read and compared with Vedetta's. */
  cameraMasks: CameraMaskCheck;
  register: RegisterService;
  /** The cameras on the public page (public fields only). */
  publicCameras(): Promise<PublicCamera[]>;
  /** The privacy notice's data. */
  publicNotice(): Promise<PublicNotice>;
}

/** What the privacy services need. */
export interface PrivacyDeps {
  db: PrivacyDb;
  /** The camera registry's tables (masks and the register refer to registered cameras). */
  camerasDb: CamerasDb;
  clock: Clock;
  audit: AuditRecorder;
  config: Config['privacy'];
  /** Fingerprint of the installation key that signs evidence packages (on the public notice). */
  signingKeyFingerprint: string;
  /** Reads a camera's own masks (the composition's, over ONVIF); none: no camera has any. */
  readCameraMasks?: CameraMaskReader;
}

/** Creates the privacy services. */
export function createPrivacyServices(deps: PrivacyDeps): PrivacyServices {
  const { db, camerasDb, clock, audit, config, signingKeyFingerprint } = deps;
  const masks = createMaskService({
    db,
    camerasDb,
    clock,
    audit,
    liftMinutes: config.maskLiftMinutes,
  });
  const register = createRegisterService({ db, camerasDb, clock, audit });
  const cameraMasks = createCameraMaskCheck({
    masks,
    camerasDb,
    clock,
    read: deps.readCameraMasks ?? noCameraMaskReader,
  });
  const cams = async () => publicCameras(await register.list());
  return {
    masks,
    cameraMasks,
    register,
    publicCameras: cams,
    publicNotice: async () => publicNotice(config, await cams(), signingKeyFingerprint),
  };
}
