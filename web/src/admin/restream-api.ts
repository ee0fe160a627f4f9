/**
 * The RTSP re-stream's administration calls (`/api/restream`): where a partner's VMS connects,
 * and the service accounts it signs in with. Thin typed functions over the app's one request
 * function; failures are `ApiError`s.
 */
import { apiRequest } from '../api/index.ts';

/** A service account as the server lists it (never its secret). */
export interface RestreamAccount {
  id: string;
  name: string;
  agencyId: string;
  createdMs: number;
  /** When it was disabled (UTC ms); null while it may sign in. */
  disabledMs: number | null;
}

/** Where a VMS connects; null addresses are not served (both null: the re-stream is off). */
export interface RestreamInfo {
  enabled: boolean;
  rtsp: string | null;
  rtsps: string | null;
  realm: string;
}

/** The calls of the re-stream tab. */
export const restreamApi = {
  info: (signal?: AbortSignal) => apiRequest<RestreamInfo>('GET', '/api/restream', { signal }),
  accounts: async (signal?: AbortSignal) =>
    (
      await apiRequest<{ accounts: RestreamAccount[] }>('GET', '/api/restream/accounts', {
        signal,
      })
    ).accounts,
  /** Makes an account; the password is not in the answer. */
  add: (body: { name: string; agencyId: string; password: string }) =>
    apiRequest<RestreamAccount>('POST', '/api/restream/accounts', { body }),
  /** Disables an account for good. */
  disable: (name: string) =>
    apiRequest<RestreamAccount>(
      'POST',
      `/api/restream/accounts/${encodeURIComponent(name)}/disable`,
    ),
};
