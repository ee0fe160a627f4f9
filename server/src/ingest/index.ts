/**
 * Public entry of ingest: one RTSP client, supervisor and hub per camera stream, managed by the
 * IngestManager. The recorder and live view use the manager's hubs and statuses.
 */
export type { GapCause, StreamEvent, StreamInfo, StreamKind, TimedAccessUnit } from './types.ts';
export {
  IngestManager,
  type CameraStatus,
  type IngestCamera,
  type IngestOptions,
} from './manager.ts';
export {
  StreamHub,
  frameBytes,
  type HubOptions,
  type HubSubscriber,
  type SubscribeOptions,
  type Subscription,
} from './hub.ts';
export { FrameQueue, type FrameQueueOptions } from './frame-queue.ts';
export type { StreamCounters, StreamError, StreamState, StreamStatus } from './supervisor.ts';
export { IngestError } from './errors.ts';
export { DEFAULT_BACKOFF, type BackoffOptions } from './backoff.ts';
export { DEFAULT_TIMELINE, type TimelineOptions, type WallSource } from './timeline.ts';
export { streamInfoOf } from './stream-info.ts';
export {
  measuredFps,
  probeStream,
  ProbeError,
  type ProbeOptions,
  type StreamProbe,
} from './probe.ts';
export { PROBE_FAILURES, probeFailureOf, type ProbeFailure } from './probe-failure.ts';
