/** Conversions between camera rows and the camera JSON shape. */
import { recordedStreamsOf, type Camera, type CameraBody, type CameraView } from './api-shapes.ts';
import type { Insertable, Selectable } from 'kysely';
import type { CameraRow } from './tables.ts';

/** The API shape of a row, given its group ids. */
export function cameraFromRow(row: Selectable<CameraRow>, groupIds: string[]): Camera {
  return {
    id: row.id,
    name: row.name,
    streams: { main: row.main_url, sub: row.sub_url },
    credentialsRef: row.credentials_ref,
    allowBasicOverPlainRtsp: row.allow_basic_over_plain_rtsp === 1,
    codecHint: row.codec_hint,
    location: {
      latitude: row.latitude,
      longitude: row.longitude,
      address: row.address,
      district: row.district,
    },
    purpose: row.purpose,
    signage: { status: row.signage_status, placedOn: row.signage_placed_on },
    retentionDays: row.retention_days,
    retentionJustification: row.retention_justification,
    enabled: row.enabled === 1,
    tags: parseTags(row.tags_json),
    groupIds,
    recording: { streams: parseRecordedStreams(row.recording_streams) },
  };
}

/** `cameras.recording_streams` (JSON, migration 0012) back to its list; null: the default. */
function parseRecordedStreams(json: string | null): ('main' | 'sub')[] | null {
  if (json === null) return null;
  try {
    const v: unknown = JSON.parse(json);
    if (!Array.isArray(v)) return null;
    return v.includes('sub') ? ['main', 'sub'] : ['main'];
  } catch {
    return null;
  }
}

function parseTags(json: string): string[] {
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? v.filter((t): t is string => typeof t === 'string') : [];
  } catch {
    return [];
  }
}

/** The row columns (all but id and times) for a validated body. */
export function rowFromBody(
  body: CameraBody,
): Omit<Insertable<CameraRow>, 'id' | 'created_ms' | 'updated_ms'> {
  return {
    name: body.name,
    main_url: body.streams.main,
    sub_url: body.streams.sub,
    credentials_ref: body.credentialsRef,
    allow_basic_over_plain_rtsp: body.allowBasicOverPlainRtsp === true ? 1 : 0,
    codec_hint: body.codecHint,
    latitude: body.location.latitude,
    longitude: body.location.longitude,
    address: body.location.address,
    district: body.location.district,
    purpose: body.purpose,
    signage_status: body.signage.status,
    signage_placed_on: body.signage.placedOn,
    retention_days: body.retentionDays,
    retention_justification: body.retentionJustification,
    enabled: body.enabled ? 1 : 0,
    tags_json: JSON.stringify(body.tags),
    recording_streams:
      body.recording.streams === null
        ? null
        : JSON.stringify(body.recording.streams.includes('sub') ? ['main', 'sub'] : ['main']),
  };
}

/**
 * A camera as a caller sees it: everything, or (`full` false: no `camera.manage` on it) without
 * its stream URLs and credentials reference; with the camera permissions the caller holds on it.
 */
export function cameraView(
  camera: Camera,
  full: boolean,
  callerPermissions: readonly string[],
): CameraView {
  const hasSubStream = camera.streams.sub !== null;
  const recordedStreams = recordedStreamsOf(camera);
  const perms = [...callerPermissions];
  if (full) return { ...camera, hasSubStream, recordedStreams, callerPermissions: perms };
  const { streams: _streams, credentialsRef: _ref, recording: _recording, ...rest } = camera;
  return { ...rest, hasSubStream, recordedStreams, callerPermissions: perms };
}
