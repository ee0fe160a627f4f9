/**
 * Every visible camera's state for the map in one answer (`GET /api/map/cameras`): position,
 * live connection, recording, masks, PTZ, field of view. Read from memory (ingest and recording) plus one query for
 * the masked cameras, so 200+ cameras cost one request, not one each. The live state and the
 * recording are told only for cameras the caller may watch live (`live.view`), as
 * `GET /api/cameras/{id}/status` does; others are `unknown`.
 */
import { CAMERA_REGISTRY_READ, isAllowed, visibleCameras } from '../permissions/index.ts';
import type { Principal } from '../permissions/index.ts';
import type { Camera } from '../cameras/index.ts';
import type { StreamState } from '../ingest/index.ts';

/** A camera's state on the map. */
export type MapLiveState = 'live' | 'connecting' | 'offline' | 'disabled' | 'unknown';

/** One camera on the map. */
export interface MapCameraState {
  id: string;
  name: string;
  lat: number;
  lon: number;
  address: string;
  state: MapLiveState;
  /** Recording now; null when not told (no `live.view`). */
  recording: boolean | null;
  /** The camera has privacy masks. */
  masked: boolean;
  /** The camera can pan, tilt and zoom. */
  ptz: boolean;
  /** Where it looks, how wide, how far (the register's); null when not stated. */
  fieldOfView: MapFieldOfView | null;
}

/** A field of view: degrees clockwise from north, degrees, metres. */
export interface MapFieldOfView {
  directionDeg: number;
  angleDeg: number;
  rangeM: number;
}

/** What the states are read from. */
export interface CameraStateSources {
  cameras: { list(): Promise<Camera[]> };
  /** The main stream's ingest state of every ingested camera. */
  liveStates(): ReadonlyMap<string, StreamState>;
  /** Whether the main stream is being recorded now. */
  recordingNow(cameraId: string): boolean;
  /** The ids of the cameras with at least one privacy mask. */
  maskedCameras(): Promise<ReadonlySet<string>>;
  /** Which of `cameraIds` can pan, tilt and zoom (PTZ). */
  ptzCameras(cameraIds: readonly string[]): Promise<ReadonlySet<string>>;
  /** The stated fields of view, by camera id (the register's). */
  fieldsOfView(): Promise<ReadonlyMap<string, MapFieldOfView>>;
}

function liveStateOf(camera: Camera, state: StreamState | undefined): MapLiveState {
  if (!camera.enabled) return 'disabled';
  if (state === 'online') return 'live';
  if (state === 'connecting' || state === 'reconnecting') return 'connecting';
  return 'offline';
}

/** The states of the cameras `principal` may see in the registry, in the registry's order. */
export async function cameraStates(
  sources: CameraStateSources,
  principal: Principal,
): Promise<MapCameraState[]> {
  const visible = visibleCameras(principal, await sources.cameras.list(), CAMERA_REGISTRY_READ);
  const masked = await sources.maskedCameras();
  const live = sources.liveStates();
  const views = await sources.fieldsOfView();
  const ptz = await sources.ptzCameras(visible.map((c) => c.id));
  return visible.map((c) => {
    const watch = isAllowed(principal, 'live.view', { kind: 'camera', id: c.id });
    return {
      id: c.id,
      name: c.name,
      lat: c.location.latitude,
      lon: c.location.longitude,
      address: c.location.address,
      state: watch ? liveStateOf(c, live.get(c.id)) : 'unknown',
      recording: watch ? sources.recordingNow(c.id) : null,
      masked: masked.has(c.id),
      ptz: ptz.has(c.id),
      fieldOfView: views.get(c.id) ?? null,
    };
  });
}
