/** The app module's public entry: what other modules may use (see README.md). */
export { type Clock, FakeClock, systemClock, type TimerHandle } from './clock.ts';
export type {
  Config,
  FailedLoginConfig,
  SecondFactorConfig,
  SessionConfig,
} from './config-schema.ts';
export { type DatabaseOptions, databaseOptionsOf, loadConfig, parseConfig } from './config.ts';
export {
  AppError,
  type ErrorKind,
  failedPrecondition,
  httpStatusOf,
  invalidArgument,
  isAppError,
  notFound,
  permissionDenied,
} from './errors.ts';
export { ffmpegPath } from './ffmpeg.ts';
export type { BasemapConfig, MapConfig, OverlayConfig } from './config-map.ts';
export type { PtzSettings } from './config-ptz.ts';
export type { RestreamSettings } from './config-restream.ts';
export { createLogger, type Logger, registerSecret, silentLogger } from './logger.ts';
export { resolveSecretRef, secretRefProblem, type SecretSources } from './secrets.ts';
export {
  DEFAULT_TIME_ZONE,
  isTimeZone,
  localDay,
  localHour,
  localParts,
  offsetMs,
} from './time-zone.ts';
export { describeIssues, issuesText, parseWith } from './validation.ts';
