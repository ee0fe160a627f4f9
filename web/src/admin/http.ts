/**
 * JSON calls for the administration and audit pages, with the same error type as the shared API
 * client (`ApiError`, built from the server's `{error}` body). Same-origin, cookie-authenticated.
 */
import { ApiError } from '../api/index.ts';
import { apiErrorFromResponse } from '../api/api-error.ts';

/** Sends a request and returns the parsed JSON answer (undefined for an empty one). */
export async function jsonRequest(
  method: string,
  path: string,
  body?: unknown,
  signal?: AbortSignal,
): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers:
        body === undefined
          ? { accept: 'application/json' }
          : { accept: 'application/json', 'content-type': 'application/json' },
      body: body === undefined ? null : JSON.stringify(body),
      signal: signal ?? null,
    });
  } catch (cause) {
    if (signal?.aborted === true) throw cause;
    throw new ApiError(0, 'network', `${method} ${path}: server unreachable`, { cause });
  }
  const text = await response.text();
  if (!response.ok) {
    throw apiErrorFromResponse(response.status, response.headers.get('retry-after'), text);
  }
  return text === '' ? undefined : (JSON.parse(text) as unknown);
}

/** The message to show for a failed call: the server's own message when it gave one. */
export function errorText(error: unknown): string {
  if (error instanceof ApiError) return error.status === 0 ? 'network' : error.message;
  return error instanceof Error ? error.message : String(error);
}
