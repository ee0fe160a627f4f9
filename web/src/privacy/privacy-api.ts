/**
 * The privacy calls of the web app: masks and lifts (`/api/cameras/{id}/masks`,
 * `/api/cameras/{id}/mask-lift`), the camera's own masks compared with Vedetta's
 * (`/api/cameras/{id}/onvif/masks`) and the camera register (`/api/register`). Thin typed functions
 * over the app's one request function; failures are `ApiError`s like the rest of the app's calls.
 */
import { apiRequest } from '../api/index.ts';
import type { CameraMaskReport } from './camera-masks-model.ts';

/** A point `[x, y]`, each in [0, 1] of the picture. */
export type MaskPoint = [number, number];

/** One mask. */
export interface PrivacyMask {
  id?: string;
  label: string;
  points: MaskPoint[];
}

/** The masks of a camera as the signed-in user must see them. */
export interface MaskView {
  cameraId: string;
  masks: PrivacyMask[];
  /** False while the user's own lift is in force. */
  draw: boolean;
  lift: { id: string; reason: string; startedMs: number; expiresMs: number } | null;
}

/** A camera's register entry. */
export interface RegisterEntry {
  cameraId: string;
  name: string;
  enabled: boolean;
  location: { latitude: number; longitude: number; address: string; district: string };
  purpose: 'urban_security' | 'traffic' | 'waste';
  legalBasis: string;
  legalBasisIsDefault: boolean;
  signage: {
    status: 'placed' | 'planned' | 'missing';
    placedOn: string | null;
    photoRef: string | null;
  };
  fieldOfViewNotes: string;
  /** Where the camera looks (degrees from north), how wide (degrees), how far (metres). */
  fieldOfView?: FieldOfView | null;
  retentionDays: number;
  retentionJustification: string | null;
  /** True when the camera may send its password in clear (Basic over plain rtsp://): a warning. */
  basicOverPlainRtspAllowed: boolean;
  /** What the device said it is (ONVIF, when added from a probe); each null where unknown. */
  device?: {
    manufacturer: string | null;
    model: string | null;
    firmware: string | null;
    serial: string | null;
  };
  updatedMs: number | null;
}

/** The register fields that can be changed. */
export interface RegisterPatch {
  legalBasis?: string;
  signagePhotoRef?: string | null;
  fieldOfViewNotes?: string;
  fieldOfView?: FieldOfView | null;
}

/** A camera's field of view, as the register states it (the map draws it as a wedge). */
export interface FieldOfView {
  directionDeg: number;
  angleDeg: number;
  rangeM: number;
}

/** Sends a JSON request; resolves with the parsed answer (undefined for 204). */
const requestJson = <T>(method: string, path: string, body?: unknown, signal?: AbortSignal) =>
  apiRequest<T>(method, path, { body, signal });

const cam = (id: string) => `/api/cameras/${encodeURIComponent(id)}`;

/** The masks of a camera for the signed-in user. */
export const getMaskView = (cameraId: string, signal?: AbortSignal) =>
  requestJson<MaskView>('GET', `${cam(cameraId)}/masks`, undefined, signal);
/** Replaces a camera's masks. */
export const putMasks = (cameraId: string, masks: PrivacyMask[]) =>
  requestJson<{ masks: PrivacyMask[] }>('PUT', `${cam(cameraId)}/masks`, {
    masks: masks.map((m) => ({ label: m.label, points: m.points })),
  });
/** Reads the camera's own masks (ONVIF) and compares them with Vedetta's. */
export const getCameraMasks = (cameraId: string, signal?: AbortSignal) =>
  requestJson<CameraMaskReport>('GET', `${cam(cameraId)}/onvif/masks`, undefined, signal);
/** Lifts a camera's masks for the signed-in user. */
export const liftMasks = (cameraId: string, reason: string) =>
  requestJson<MaskView['lift']>('POST', `${cam(cameraId)}/mask-lift`, { reason });
/** Ends the signed-in user's lift. */
export const restoreMasks = (cameraId: string) =>
  requestJson<undefined>('DELETE', `${cam(cameraId)}/mask-lift`);
/** The whole register. */
export const listRegister = (signal?: AbortSignal) =>
  requestJson<{ entries: RegisterEntry[] }>('GET', '/api/register', undefined, signal);
/** Changes a register entry. */
export const patchRegister = (cameraId: string, patch: RegisterPatch) =>
  requestJson<RegisterEntry>('PATCH', `/api/register/${encodeURIComponent(cameraId)}`, patch);
