/**
 * The camera form's draft and the JSON it sends: text fields as typed, turned into the API's
 * body (`POST /api/cameras`, `PATCH /api/cameras/{id}`) without judging them — the server's
 * rules decide, and its messages are shown (`describeError`). Pure functions, tested.
 */
import type { Camera } from '../api/index.ts';

/** What the camera form holds while it is edited. */
export interface CameraDraft {
  /** Empty: the server picks the next `cam-NNN`. */
  id: string;
  name: string;
  main: string;
  sub: string;
  credentialsRef: string;
  latitude: string;
  longitude: string;
  address: string;
  groupIds: string[];
  allowBasicOverPlainRtsp: boolean;
  /** Ingested and recorded (`enabled`). */
  enabled: boolean;
  /** The camera being changed; null for a new one. */
  editing: string | null;
  /** A new camera added from an ONVIF probe: its device address and chosen profiles. */
  onvif?: { address: string; main: string | null; sub: string | null } | null;
  /** What the ONVIF device said it is (kept in the register). */
  device?: {
    manufacturer: string | null;
    model: string | null;
    firmware: string | null;
    serial: string | null;
  } | null;
}

/** An empty draft for a new camera. */
export const EMPTY_CAMERA: CameraDraft = {
  id: '',
  name: '',
  main: '',
  sub: '',
  credentialsRef: '',
  latitude: '',
  longitude: '',
  address: '',
  groupIds: [],
  allowBasicOverPlainRtsp: false,
  enabled: true,
  editing: null,
};

/** The draft of an existing camera. */
export function draftOf(camera: Camera): CameraDraft {
  return {
    id: camera.id,
    name: camera.name,
    main: camera.streams?.main ?? '',
    sub: camera.streams?.sub ?? '',
    credentialsRef: camera.credentialsRef ?? '',
    latitude: String(camera.location.latitude),
    longitude: String(camera.location.longitude),
    address: camera.location.address,
    groupIds: [...camera.groupIds],
    allowBasicOverPlainRtsp: camera.allowBasicOverPlainRtsp,
    enabled: camera.enabled,
    editing: camera.id,
  };
}

/** A typed decimal (comma or point) as a number; the text itself when it is not one. */
function numberOf(text: string): number | string {
  const t = text.trim().replace(',', '.');
  return t !== '' && Number.isFinite(Number(t)) ? Number(t) : text;
}

/** The body of the create or change request. */
export function cameraBody(d: CameraDraft): Record<string, unknown> {
  const body: Record<string, unknown> = {
    name: d.name.trim(),
    streams: { main: d.main.trim(), sub: d.sub.trim() === '' ? null : d.sub.trim() },
    credentialsRef: d.credentialsRef.trim() === '' ? null : d.credentialsRef.trim(),
    location: {
      latitude: numberOf(d.latitude),
      longitude: numberOf(d.longitude),
      address: d.address.trim(),
    },
    groupIds: d.groupIds,
    allowBasicOverPlainRtsp: d.allowBasicOverPlainRtsp,
    enabled: d.enabled,
  };
  if (d.editing === null && d.id.trim() !== '') body['id'] = d.id.trim();
  if (d.editing === null && d.onvif != null) {
    body['onvif'] = {
      address: d.onvif.address,
      profiles: { main: d.onvif.main, sub: d.onvif.sub },
    };
    if (d.device != null) body['device'] = d.device;
  }
  return body;
}

/** The body of a connection test of the draft's main stream. */
export function testBody(d: CameraDraft): Record<string, unknown> {
  return {
    url: d.main.trim(),
    credentialsRef: d.credentialsRef.trim() === '' ? null : d.credentialsRef.trim(),
    allowBasicOverPlainRtsp: d.allowBasicOverPlainRtsp,
  };
}

/** True when the draft's main stream is plain `rtsp://` (where Basic sends the password in clear). */
export function isPlainRtsp(url: string): boolean {
  return /^rtsp:\/\//i.test(url.trim());
}
