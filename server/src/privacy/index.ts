/** The privacy module's public entry. */
export { createPrivacyServices, type PrivacyServices, type PrivacyDeps } from './create.ts';
export {
  createMaskService,
  DEFAULT_LIFT_MINUTES,
  type MaskService,
  type MaskView,
  type MaskLift,
  type ExportMasks,
} from './masks.ts';
export {
  burnInMasks,
  burnInMasksImage,
  prepareMaskBurnIn,
  ffmpegMaskFilter,
  MASKED_LABEL,
  type MaskBurnIn,
  type BurnInOptions,
  type ImageBurnInOptions,
} from './burn-in.ts';
export { rasterizeMasks, maskImagePam } from './raster.ts';
export { pointInPolygon, type Point, type Polygon, type PrivacyMask } from './polygon.ts';
export { createRegisterService, type RegisterService, type RegisterEntry } from './register.ts';
export { publicCameras, publicNotice, type PublicCamera, type PublicNotice } from './public.ts';
export { maskRoutes } from './mask-routes.ts';
export { cameraMaskRoutes } from './camera-mask-routes.ts';
export {
  CAMERA_NOT_ONVIF_KEY,
  CAMERA_UNREACHABLE_KEY,
  type CameraMaskCheck,
  type CameraMaskReader,
  type CameraMaskReading,
  type CameraMaskReport,
  type CameraSideMask,
} from './camera-masks.ts';
export {
  compareMasks,
  MASK_VERDICTS,
  type MaskComparison,
  type MaskVerdict,
} from './mask-compare.ts';
export { registerRoutes } from './register-routes.ts';
export { publicPrivacyRoutes, PUBLIC_PRIVACY_ROUTES } from './public-routes.ts';
export type { PrivacyTables } from './tables.ts';
