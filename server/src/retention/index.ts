/** The retention module's public entry. */
export {
  retentionIssues,
  checkRetention,
  retentionCutoffMs,
  isRetentionException,
  maxRetentionDays,
  URBAN_SECURITY_MAX_RETENTION_DAYS,
  JUSTIFICATION_ABOVE_DAYS,
  DEFAULT_RETENTION_DAYS,
  PURPOSES,
  type Purpose,
} from '../cameras/index.ts';
export {
  RetentionService,
  type RetentionServiceDeps,
  type RetentionStatus,
} from './retention-service.ts';
export { sweepExpired, type SweepResult } from './sweeper.ts';
export {
  DiskPressure,
  DISK_ALARMS,
  type RecordingControl,
  type DiskMarks,
  type DiskPressureResult,
} from './disk-pressure.ts';
export { volumeProbe, quotaProbe, type FreeSpaceProbe, type VolumeSpace } from './free-space.ts';
export { AlarmBoard, type Alarm, type AlarmSink } from './alarms.ts';
export { listRuns, latestRun, type RetentionRun } from './runs.ts';
export { retentionRoutes } from './routes.ts';
export type { RetentionDb, RetentionTables } from './tables.ts';
