/**
 * The administration calls: agencies, users, API tokens, roles, agreements, camera groups, cameras. Thin
 * typed functions over the app's one request function; failures are `ApiError`s.
 */
import { apiRequest } from '../api/index.ts';
import type { Camera } from '../api/index.ts';
import type {
  Agency,
  ApiToken,
  Agreement,
  CameraState,
  CameraTestResult,
  Group,
  LegalHold,
  Role,
  User,
} from './admin-types.ts';
import type { OnvifDiscovery, OnvifProbe } from './onvif-model.ts';

/** Sends a JSON request; resolves with the parsed answer (undefined for an empty one). */
const jsonRequest = (method: string, path: string, body?: unknown): Promise<unknown> =>
  apiRequest(method, path, { body });

async function field<T>(path: string, name: string, signal?: AbortSignal): Promise<T> {
  const body = await apiRequest<Record<string, unknown>>('GET', path, { signal });
  return body[name] as T;
}

const enc = encodeURIComponent;

/** The calls of the administration pages. */
export const adminApi = {
  agencies: (signal?: AbortSignal) => field<Agency[]>('/api/agencies', 'agencies', signal),
  addAgency: (body: { id: string; name: string }) => jsonRequest('POST', '/api/agencies', body),
  renameAgency: (id: string, name: string) =>
    jsonRequest('PATCH', `/api/agencies/${enc(id)}`, { name }),

  users: (signal?: AbortSignal) => field<User[]>('/api/users', 'users', signal),
  addUser: (body: Record<string, unknown>) => jsonRequest('POST', '/api/users', body),
  changeUser: (id: string, body: Record<string, unknown>) =>
    jsonRequest('PATCH', `/api/users/${enc(id)}`, body),
  unlockUser: (id: string) => jsonRequest('POST', `/api/users/${enc(id)}/unlock`),

  tokens: (signal?: AbortSignal) => field<ApiToken[]>('/api/tokens', 'tokens', signal),
  /** Makes a token; the answer's `secret` is the only time it is shown. */
  addToken: (body: { name: string; userId: string; permissions: string[]; days: number }) =>
    apiRequest<{ token: ApiToken; secret: string }>('POST', '/api/tokens', { body }),
  revokeToken: (id: string) => jsonRequest('DELETE', `/api/tokens/${enc(id)}`),

  roles: (signal?: AbortSignal) => field<Role[]>('/api/roles', 'roles', signal),
  addRole: (body: Record<string, unknown>) => jsonRequest('POST', '/api/roles', body),
  changeRole: (name: string, body: Record<string, unknown>) =>
    jsonRequest('PUT', `/api/roles/${enc(name)}`, body),
  deleteRole: (name: string) => jsonRequest('DELETE', `/api/roles/${enc(name)}`),

  agreements: (signal?: AbortSignal) => field<Agreement[]>('/api/agreements', 'agreements', signal),
  addAgreement: (body: Record<string, unknown>) => jsonRequest('POST', '/api/agreements', body),
  changeAgreement: (id: string, body: Record<string, unknown>) =>
    jsonRequest('PUT', `/api/agreements/${enc(id)}`, body),
  setAgreementStatus: (id: string, action: 'suspend' | 'resume' | 'revoke', reason?: string) =>
    jsonRequest(
      'POST',
      `/api/agreements/${enc(id)}/${action}`,
      reason === undefined ? undefined : { reason },
    ),

  groups: (signal?: AbortSignal) => field<Group[]>('/api/camera-groups', 'groups', signal),
  addGroup: (body: Record<string, unknown>) => jsonRequest('POST', '/api/camera-groups', body),
  changeGroup: (id: string, body: Record<string, unknown>) =>
    jsonRequest('PATCH', `/api/camera-groups/${enc(id)}`, body),
  deleteGroup: (id: string) => jsonRequest('DELETE', `/api/camera-groups/${enc(id)}`),

  cameras: (signal?: AbortSignal) => field<Camera[]>('/api/cameras', 'cameras', signal),
  addCamera: (body: Record<string, unknown>) => jsonRequest('POST', '/api/cameras', body),
  changeCamera: (id: string, body: Record<string, unknown>) =>
    jsonRequest('PATCH', `/api/cameras/${enc(id)}`, body),
  /**
   * The camera's ingest state (`live.state`: online, reconnecting, offline, …) and recording
   * state (`recording.state`); nulls when unknown or not readable.
   */
  cameraState: async (id: string, signal?: AbortSignal): Promise<CameraState> => {
    try {
      const body = await apiRequest<{
        live?: { state?: unknown };
        recording?: { state?: unknown };
      }>('GET', `/api/cameras/${enc(id)}/status`, { signal });
      const live = body.live?.state;
      const recording = body.recording?.state;
      return {
        live: typeof live === 'string' ? live : null,
        recording: typeof recording === 'string' ? recording : null,
      };
    } catch {
      return { live: null, recording: null };
    }
  },
  deleteCamera: (id: string) => jsonRequest('DELETE', `/api/cameras/${enc(id)}`),
  testCamera: (body: Record<string, unknown>) =>
    apiRequest<CameraTestResult>('POST', '/api/cameras/test-connection', { body }),
  onvifDiscovery: () => apiRequest<OnvifDiscovery>('POST', '/api/onvif/discovery', { body: {} }),
  onvifProbe: (body: Record<string, unknown>) =>
    apiRequest<OnvifProbe>('POST', '/api/onvif/probe', { body }),

  holds: (signal?: AbortSignal) => field<LegalHold[]>('/api/holds', 'holds', signal),
  placeHold: (body: Record<string, unknown>) => jsonRequest('POST', '/api/holds', body),
  extendHold: (id: string, body: { expiresMs: number | string | null; reason?: string }) =>
    jsonRequest('POST', `/api/holds/${enc(id)}/extend`, body),
  releaseHold: (id: string, reason: string) =>
    jsonRequest('POST', `/api/holds/${enc(id)}/release`, { reason }),
};
