/**
 * Row types of the recording tables (segments, gaps, recording periods), as the typed query layer
 * sees them. The migration `0002-recording` creates them and comments every column.
 */
import type { Db } from '../db/index.ts';
import type { Generated } from 'kysely';
import type { GapCause, StreamKind } from '../ingest/index.ts';

/** `segments`: one fMP4 file of one camera stream. */
export interface SegmentRow {
  id: Generated<number>;
  camera_id: string;
  stream: StreamKind;
  path: string;
  start_ms: number;
  end_ms: number;
  duration_90k: number;
  size_bytes: number;
  frame_count: number;
  codec: 'h264' | 'h265';
  codec_string: string;
  width: number;
  height: number;
  state: 'writing' | 'complete';
  closed_by: 'writer' | 'repair' | null;
  init_sha256: string | null;
  sha256: string | null;
  fragments_sha256: string | null;
  signature: string | null;
  key_fingerprint: string | null;
  key_frames: Uint8Array;
  fragments: Uint8Array;
  updated_ms: number;
}

/** `gaps`: a time range of a camera stream that was expected but not recorded. */
export interface GapRow {
  id: Generated<number>;
  camera_id: string;
  stream: StreamKind;
  start_ms: number;
  end_ms: number | null;
  cause: GapCause;
  message: string;
}

/** `recording_periods`: when a camera stream was configured to be recorded (expected time). */
export interface RecordingPeriodRow {
  id: Generated<number>;
  camera_id: string;
  stream: StreamKind;
  start_ms: number;
  end_ms: number | null;
}

/** The recording tables, composed into the database `Schema`. */
export interface RecordingTables {
  segments: SegmentRow;
  gaps: GapRow;
  recording_periods: RecordingPeriodRow;
}

/** The database as the recording module may use it: its own tables only. */
export type RecordingDb = Db<RecordingTables>;
