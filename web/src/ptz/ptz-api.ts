/**
 * Calls of the PTZ API (`/api/cameras/{id}/ptz/...`), thin typed functions over the app's one
 * request function; failures are `ApiError`s (409 `ptz.busy` names who holds the camera).
 */
import { apiRequest } from '../api/index.ts';

/** Who controls a camera, and the caller's place. */
export interface PtzStatus {
  cameraId: string;
  priority: number;
  holder: {
    you: boolean;
    name: string;
    agencyId: string;
    agencyName: string;
    sinceMs: number;
    untilMs: number;
  } | null;
  waiting: number;
  queuePosition: number | null;
  preset: string | null;
  awayFromHome: boolean;
  homeReturnMinutes: number | null;
}

/** A preset stored in the camera. */
export interface PtzPreset {
  token: string;
  name: string;
}

/** Pan, tilt and zoom velocities, -1…1. */
export interface PtzVelocity {
  pan: number;
  tilt: number;
  zoom: number;
}

const base = (cameraId: string) => `/api/cameras/${encodeURIComponent(cameraId)}/ptz`;

/** The event stream of the camera's control state (`status` events as they change). */
export const ptzEventsUrl = (cameraId: string): string => `${base(cameraId)}/events`;

/** The control state. */
export const ptzStatus = (cameraId: string, signal?: AbortSignal) =>
  apiRequest<PtzStatus>('GET', base(cameraId), { signal });
/** Takes control, or waits in line (`queue`). */
export const takeControl = (cameraId: string, queue = false) =>
  apiRequest<PtzStatus>('POST', `${base(cameraId)}/control`, { body: { queue } });
/** Gives control back. */
export const releaseControl = (cameraId: string) =>
  apiRequest<PtzStatus>('DELETE', `${base(cameraId)}/control`);
/** Moves at the given velocities until stopped. */
export const ptzMove = (cameraId: string, v: PtzVelocity) =>
  apiRequest<void>('POST', `${base(cameraId)}/move`, { body: v });
/** Stops moving. */
export const ptzStop = (cameraId: string) => apiRequest<void>('POST', `${base(cameraId)}/stop`);
/** Goes to the home position. */
export const ptzHome = (cameraId: string) => apiRequest<void>('POST', `${base(cameraId)}/home`);
/** The camera's presets. */
export const ptzPresets = async (cameraId: string, signal?: AbortSignal) =>
  (await apiRequest<{ presets: PtzPreset[] }>('GET', `${base(cameraId)}/presets`, { signal }))
    .presets;
/** Goes to a preset. */
export const gotoPreset = (cameraId: string, token: string) =>
  apiRequest<void>('POST', `${base(cameraId)}/presets/${encodeURIComponent(token)}/goto`);
/** Saves the current position as a new preset. */
export const savePreset = (cameraId: string, name: string) =>
  apiRequest<PtzPreset>('POST', `${base(cameraId)}/presets`, { body: { name } });
/** Deletes a preset. */
export const removePreset = (cameraId: string, token: string) =>
  apiRequest<void>('DELETE', `${base(cameraId)}/presets/${encodeURIComponent(token)}`);
