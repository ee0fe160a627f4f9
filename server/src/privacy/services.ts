/**
 * The privacy module's services, created once at start-up: masks and lifts, the camera
 * register, the public page's data and the compliance report.
 */
import type { Clock } from '../app/clock.ts';
import type { Config } from '../app/config-schema.ts';
import type { AuditRecorder } from '../audit/audit-log.ts';
import type { Db } from '../db/database.ts';
import type { HoldService } from '../holds/hold-service.ts';
import { complianceReport, type ComplianceReport } from './compliance.ts';
import { createMaskService, type MaskService } from './masks.ts';
import { publicCameras, publicNotice, type PublicCamera, type PublicNotice } from './public.ts';
import { createRegisterService, type RegisterService } from './register.ts';

/** Everything the privacy module offers. */
export interface PrivacyServices {
  masks: MaskService;
  register: RegisterService;
  /** The cameras on the public page (public fields only). */
  publicCameras(): Promise<PublicCamera[]>;
  /** The privacy notice's data. */
  publicNotice(): Promise<PublicNotice>;
  /** The DPO's compliance report at the clock's now. */
  compliance(): Promise<ComplianceReport>;
}

/** What the privacy services need. */
export interface PrivacyDeps {
  db: Db;
  clock: Clock;
  audit: AuditRecorder;
  holds: HoldService;
  config: Config['privacy'];
}

/** Creates the privacy services. */
export function createPrivacyServices(deps: PrivacyDeps): PrivacyServices {
  const { db, clock, audit, holds, config } = deps;
  const masks = createMaskService({ db, clock, audit, liftMinutes: config.maskLiftMinutes });
  const register = createRegisterService({ db, clock, audit });
  const cams = async () => publicCameras(await register.list());
  return {
    masks,
    register,
    publicCameras: cams,
    publicNotice: async () => publicNotice(config, await cams()),
    compliance: () => complianceReport({ db, clock, holds, register }),
  };
}
