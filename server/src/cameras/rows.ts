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
    onvif:
      row.onvif_address === null
        ? null
        : {
            address: row.onvif_address,
            profiles: { main: row.onvif_main_profile, sub: row.onvif_sub_profile },
          },
    device:
      row.device_manufacturer === null &&
      row.device_model === null &&
      row.device_firmware === null &&
      row.device_serial === null
        ? null
        : {
            manufacturer: row.device_manufacturer,
            model: row.device_model,
            firmware: row.device_firmware,
            serial: row.device_serial,
          },
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
    onvif_address: body.onvif?.address ?? null,
    onvif_main_profile: body.onvif?.profiles.main ?? null,
    onvif_sub_profile: body.onvif?.profiles.sub ?? null,
    device_manufacturer: body.device?.manufacturer ?? null,
    device_model: body.device?.model ?? null,
    device_firmware: body.device?.firmware ?? null,
    device_serial: body.device?.serial ?? null,
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
  const {
    streams: _streams,
    credentialsRef: _ref,
    recording: _recording,
    onvif: _onvif,
    ...rest
  } = camera;
  return { ...rest, hasSubStream, recordedStreams, callerPermissions: perms };
}
