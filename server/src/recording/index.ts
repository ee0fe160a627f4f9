/**
 * The recording module's public entry: the recorder service, the index (segments, gaps,
 * completeness), reading segment files back, and verifying what the recorder signed.
 */
export {
  RecordingService,
  type RecordingServiceDeps,
  type HubSource,
  type RecordedCamera,
} from './recording-service.ts';
export { createRecordingService, RECORDINGS_DIR, KEYS_DIR } from './create.ts';
export { CameraSync, ingestCameraOf } from './camera-sync.ts';
export type { StreamRecordingStatus, RecordingState, OpenGap } from './stream-recorder.ts';
export {
  segmentsInRange,
  gapsInRange,
  segmentById,
  segmentByPath,
  openGapOf,
  MAX_SEGMENT_MS,
  type Segment,
  type Gap,
  type StreamRef,
} from './segment-store.ts';
export { completenessOf, coverage, type Completeness, type Interval } from './completeness.ts';
export {
  decodeFragmentTable,
  decodeKeyFrameIndex,
  type FragmentEntry,
  type KeyFrameEntry,
} from './fragment-table.ts';
export { analyzeSegmentFile, isUnreadable, type SegmentFileFacts } from './file-analysis.ts';
export {
  statementBytes,
  signStatement,
  verifyStatement,
  chainDigest,
  statementVersion,
  STATEMENT_HEADER,
  STATEMENT_HEADERS,
  type SegmentStatement,
} from './statement.ts';
export { recomputeDigests, type RecomputedDigests } from './segment-digest.ts';
export { statementOfRow, verifySegmentFile, type SegmentVerification } from './verify.ts';
export {
  segmentRelativePath,
  parseSegmentPath,
  segmentFilePath,
  type SegmentPathParts,
} from './segment-path.ts';
export { nodeRecordingFs, type RecordingFs } from './recording-fs.ts';
export { repairRecordings, type RepairReport } from './repair.ts';
export { recordingRoutes } from './routes.ts';
export { metricsRoutes } from './metrics-routes.ts';
export { type IndexedSegment, indexSegment, readExactly, RecordedFiles } from './recorded-files.ts';
export {
  deleteSegmentRows,
  expiredSegments,
  oldestCompleteSegments,
  recordedCameraIds,
  recordedRangeOf,
  segmentTimes,
  maxSegmentId,
  writingSegmentSpans,
  segmentSpansAfter,
  gapsOfCamerasInRange,
  type SegmentFileRow,
  type SegmentSpanRow,
} from './segment-queries.ts';
export type { SegmenterOptions } from './segmenter.ts';
export { StreamRecorder } from './stream-recorder.ts';
export type { RecordingDb, RecordingTables } from './tables.ts';
