/**
 * Typed calls of the session and camera API, over the one request function (`request.ts`):
 * every call sends the session cookie (same origin), rejects with `ApiError` on failure, and
 * reports a lost session (401 on any call except the sign-in itself and the start-up session
 * check) to `onUnauthorized`, so the app returns to login.
 */
import { ApiError } from './api-error.ts';
import { apiRequest, createRequest } from './request.ts';
import type { RequestConfig } from './request.ts';
import type {
  Camera,
  CameraGroup,
  CameraStatus,
  SecondFactorNeeded,
  SessionUser,
} from './types.ts';

/**
 * Options of `createApiClient`: where the server is, what a lost session does, which fetch to
 * use. Without options, the client shares the application's `apiRequest`.
 */
export type ApiClientOptions = RequestConfig;

/** The calls the web application makes. */
export interface ApiClient {
  /** The signed-in user, or null when there is no valid session. */
  getSession(signal?: AbortSignal): Promise<SessionUser | null>;
  /**
   * Signs in; rejects with ApiError 401 for wrong credentials, 429 when rate-limited. An account
   * with a second factor answers a challenge instead, for `secondFactor`.
   */
  login(username: string, password: string): Promise<SessionUser | SecondFactorNeeded>;
  /** Completes a sign-in with a TOTP code or a recovery code; 401 for a wrong one. */
  secondFactor(
    challenge: string,
    proof: { code: string } | { recoveryCode: string },
  ): Promise<SessionUser>;
  /** Ends the session (the server clears the cookie). */
  logout(): Promise<void>;
  /** Every camera the user may see. */
  listCameras(signal?: AbortSignal): Promise<Camera[]>;
  /** Camera groups, or null while the server does not offer them (404). */
  listCameraGroups(signal?: AbortSignal): Promise<CameraGroup[] | null>;
  /** A camera's live status, or null when the server answers 404 (not offered yet). */
  getCameraStatus(cameraId: string, signal?: AbortSignal): Promise<CameraStatus | null>;
  /**
   * The site's IANA time zone (`GET /api/site`, public), or null when the server does not say
   * (an older server answering 404, or an answer without a zone).
   */
  getSiteTimeZone(signal?: AbortSignal): Promise<string | null>;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function invalidResponse(path: string, what: string): ApiError {
  return new ApiError(200, 'invalid_response', `${path}: ${what}`);
}

/** Reads `body[field]` as an array of objects, or throws an ApiError naming the field. */
function arrayField(path: string, body: unknown, field: string): Record<string, unknown>[] {
  const value = isRecord(body) ? body[field] : undefined;
  if (!Array.isArray(value)) throw invalidResponse(path, `'${field}' must be an array`);
  value.forEach((item: unknown, i) => {
    if (!isRecord(item) || typeof item.id !== 'string') {
      throw invalidResponse(path, `'${field}[${i}].id' must be a string`);
    }
  });
  return value as Record<string, unknown>[];
}

function userField(path: string, body: unknown): SessionUser {
  const user = isRecord(body) ? body.user : undefined;
  if (!isRecord(user) || typeof user.id !== 'string' || typeof user.username !== 'string') {
    throw invalidResponse(path, `'user' must be an object with 'id' and 'username'`);
  }
  const permissions = Array.isArray(user.permissions) ? user.permissions : [];
  return { ...(user as unknown as SessionUser), permissions: permissions.map(String) };
}

/** Creates the API client. One per application; pages get it through `useApi()`. */
export function createApiClient(options?: ApiClientOptions): ApiClient {
  const request = options === undefined ? apiRequest : createRequest(options);

  /** Runs a request whose 404 means "not offered by this server yet". */
  async function optional<T>(run: () => Promise<T>): Promise<T | null> {
    try {
      return await run();
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) return null;
      throw error;
    }
  }

  return {
    async getSession(signal) {
      try {
        const body = await request('GET', '/api/session', { signal, unauthorizedIsAnswer: true });
        return userField('/api/session', body);
      } catch (error) {
        if (error instanceof ApiError && error.isUnauthenticated) return null;
        throw error;
      }
    },
    async login(username, password) {
      const body = await request('POST', '/api/session', {
        body: { username, password },
        unauthorizedIsAnswer: true,
      });
      if (isRecord(body) && body.secondFactor === 'totp' && typeof body.challenge === 'string') {
        return body as unknown as SecondFactorNeeded;
      }
      return userField('/api/session', body);
    },
    async secondFactor(challenge, proof) {
      const body = await request('POST', '/api/session/second-factor', {
        body: { challenge, ...proof },
        unauthorizedIsAnswer: true,
      });
      return userField('/api/session/second-factor', body);
    },
    async logout() {
      try {
        await request('DELETE', '/api/session', { unauthorizedIsAnswer: true });
      } catch (error) {
        // A session that had already ended is as logged out as it gets.
        if (!(error instanceof ApiError && error.isUnauthenticated)) throw error;
      }
    },
    async listCameras(signal) {
      const body = await request('GET', '/api/cameras', { signal });
      return arrayField('/api/cameras', body, 'cameras') as unknown as Camera[];
    },
    listCameraGroups(signal) {
      return optional(async () => {
        const body = await request('GET', '/api/camera-groups', { signal });
        return arrayField('/api/camera-groups', body, 'groups') as unknown as CameraGroup[];
      });
    },
    getCameraStatus(cameraId, signal) {
      const path = `/api/cameras/${encodeURIComponent(cameraId)}/status`;
      return optional(async () => {
        const body = await request('GET', path, { signal });
        if (!isRecord(body)) throw invalidResponse(path, 'answer must be an object');
        return parseStatus(body);
      });
    },
    async getSiteTimeZone(signal) {
      const body = await optional(() => request('GET', '/api/site', { signal }));
      return isRecord(body) && typeof body.timeZone === 'string' ? body.timeZone : null;
    },
  };
}

/**
 * Reads a `GET /api/cameras/{id}/status` answer: the ingest state of the main stream
 * (`live.state`, null while the camera is not pulled) and today's recording completeness
 * (`recording.day.ratio`), and whether it is recording now (`recording.state`). A state this UI does not know becomes `unknown` (shown as "—").
 */
function parseStatus(body: Record<string, unknown>): CameraStatus {
  const live = isRecord(body.live) ? body.live : {};
  const raw = live.state;
  const state =
    raw === 'online' || raw === 'reconnecting' || raw === 'offline' ? raw : ('unknown' as const);
  const recording = isRecord(body.recording) ? body.recording : {};
  const day = isRecord(recording.day) ? recording.day : {};
  return {
    state,
    completenessToday: typeof day.ratio === 'number' ? day.ratio : null,
    recording: typeof recording.state === 'string' ? recording.state === 'recording' : null,
  };
}
