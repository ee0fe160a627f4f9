/** The camera events module's public entry (see README.md). */
export {
  createCameraEvents,
  type CameraEventDeps,
  type CameraEventRecorder,
  type CameraEventReport,
  type CameraEventService,
  type CameraEventView,
} from './create.ts';
export { MAX_STARTS_PER_MINUTE, MERGE_GAP_MS } from './merge-policy.ts';
export { cameraIdsWithEvents, deleteEventsBefore, type KeptRange } from './store.ts';
export type {
  CameraEventEndCause,
  CameraEventKind,
  CameraEventsDb,
  CameraEventTables,
} from './tables.ts';
