/** The cameras module's public entry: what other modules may use (see README.md). */
export {
  cameraRetentionDays,
  registeredCameraIds,
  registeredGroupIds,
  groupMembers,
  cameraExists,
  cameraRegisterFields,
  type CameraRegisterFields,
} from './camera-store.ts';
export { resolveCameraCredentials } from './credentials.ts';
export { cameraGroupRoutes } from './group-routes.ts';
export { type CameraGroupService, createCameraGroupService } from './groups.ts';
export { type CameraRegistry, createCameraRegistry } from './registry.ts';
export {
  checkRetention,
  DAY_MS,
  DEFAULT_RETENTION_DAYS,
  isRetentionException,
  JUSTIFICATION_ABOVE_DAYS,
  maxRetentionDays,
  type Purpose,
  PURPOSES,
  retentionCutoffMs,
  retentionIssues,
  URBAN_SECURITY_MAX_RETENTION_DAYS,
} from './retention-policy.ts';
export { cameraRoutes } from './routes.ts';
export type { Camera, CameraCreate, CameraView } from './api-shapes.ts';
export { secretRefSchema, slugSchema, streamUrlSchema } from './api-shapes.ts';
export type { CameraCredentials } from './credentials.ts';
export { recordedStreamsOf } from './api-shapes.ts';
export type { CamerasDb, CameraTables } from './tables.ts';
