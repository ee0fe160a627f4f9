/**
 * The one place where the web app talks HTTP to the Vedetta server. Every API function of every
 * page goes through a request function made here: same origin with the session cookie, a JSON or
 * raw body, an abort signal, and one error type (`ApiError`, built from the server's
 * `{ "error": { "kind", "message", "details"? } }` body). A 401 on any call except those that
 * expect it (sign-in, the start-up session check, a best-effort hang-up) reports the session as
 * lost, so the app can return to the sign-in page.
 */
import { ApiError, apiErrorFromResponse } from './api-error.ts';

/** How one request is sent and its answer read. */
export interface RequestOptions {
  /** A JSON body, sent as `application/json`. */
  body?: unknown;
  /** A raw body (a file upload), sent as it is with its content type; instead of `body`. */
  raw?: { data: Blob | ArrayBuffer | string; contentType: string };
  signal?: AbortSignal | undefined;
  /**
   * How a successful answer is read: `json` (the default; `undefined` for an empty answer),
   * `bytes` (an ArrayBuffer) or `blob` (for a binary download).
   */
  responseType?: 'json' | 'bytes' | 'blob';
  /** A 401 is an ordinary answer of this call, not a lost session. */
  unauthorizedIsAnswer?: boolean;
}

/** Sends one request; resolves with the answer read as `responseType` says. */
export interface ApiRequest {
  (
    method: string,
    path: string,
    options: RequestOptions & { responseType: 'bytes' },
  ): Promise<ArrayBuffer>;
  (method: string, path: string, options: RequestOptions & { responseType: 'blob' }): Promise<Blob>;
  /** A JSON answer, taken to have the shape `T` the API documents. */
  <T = unknown>(method: string, path: string, options?: RequestOptions): Promise<T>;
}

/** What a request function is made with. */
export interface RequestConfig {
  /** Origin and prefix put before `/api/...`; empty (same origin) in the browser. */
  baseUrl?: string;
  /** Called when a call finds the session gone (HTTP 401). */
  onUnauthorized?: (error: ApiError) => void;
  /** The fetch to use; `globalThis.fetch` at the time of each call by default. */
  fetch?: typeof fetch;
}

function headersFor(options: RequestOptions): Record<string, string> {
  const headers: Record<string, string> = {};
  // Binary answers are read as they come; every other answer is JSON.
  if ((options.responseType ?? 'json') === 'json') headers.accept = 'application/json';
  if (options.raw !== undefined) headers['content-type'] = options.raw.contentType;
  else if (options.body !== undefined) headers['content-type'] = 'application/json';
  return headers;
}

function bodyOf(options: RequestOptions): BodyInit | null {
  if (options.raw !== undefined) return options.raw.data;
  return options.body === undefined ? null : JSON.stringify(options.body);
}

/** Makes a request function. The app uses `apiRequest`; tests make their own with a fake fetch. */
export function createRequest(config: RequestConfig = {}): ApiRequest {
  const baseUrl = config.baseUrl ?? '';
  const send =
    config.fetch ?? ((input: string, init?: RequestInit) => globalThis.fetch(input, init));

  async function request(method: string, path: string, options: RequestOptions = {}) {
    let response: Response;
    try {
      response = await send(`${baseUrl}${path}`, {
        method,
        credentials: 'same-origin',
        headers: headersFor(options),
        body: bodyOf(options),
        signal: options.signal ?? null,
      });
    } catch (cause) {
      if (options.signal?.aborted === true) throw cause;
      throw new ApiError(0, 'network', `${method} ${path}: server unreachable`, { cause });
    }
    if (!response.ok) {
      const error = apiErrorFromResponse(
        response.status,
        response.headers.get('retry-after'),
        await response.text(),
      );
      if (error.isUnauthenticated && options.unauthorizedIsAnswer !== true) {
        config.onUnauthorized?.(error);
      }
      throw error;
    }
    if (options.responseType === 'bytes') return response.arrayBuffer();
    if (options.responseType === 'blob') return response.blob();
    const text = await response.text();
    if (text === '') return undefined;
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new ApiError(response.status, 'invalid_response', `${path}: answer is not JSON`);
    }
  }
  return request as ApiRequest;
}

let lostSession: ((error: ApiError) => void) | undefined;

/**
 * Sets what happens when a call of `apiRequest` finds the session gone (the app returns to the
 * sign-in page). Returns a function that removes the handler again.
 */
export function setUnauthorizedHandler(handler: (error: ApiError) => void): () => void {
  lostSession = handler;
  return () => {
    if (lostSession === handler) lostSession = undefined;
  };
}

/**
 * The application's request function, used by `createApiClient()` and by every page's API
 * functions: same origin, the browser's fetch, 401 → the handler of `setUnauthorizedHandler`.
 */
export const apiRequest: ApiRequest = createRequest({
  onUnauthorized: (error) => lostSession?.(error),
});
