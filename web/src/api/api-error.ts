/** The error every API call rejects with: HTTP status plus the server's `{error}` body. */

/** A failed API call. `status` is 0 when the server could not be reached at all. */
export class ApiError extends Error {
  /** HTTP status, or 0 for a network failure. */
  readonly status: number;
  /** The server's error kind (`unauthenticated`, `not_found`, …), or `network` / `unknown`. */
  readonly kind: string;
  /** Structured details from the server, if any. */
  readonly details: Record<string, unknown> | undefined;
  /** Seconds from a `Retry-After` header (429 answers), if the server sent one. */
  readonly retryAfterSeconds: number | undefined;

  constructor(
    status: number,
    kind: string,
    message: string,
    options: {
      details?: Record<string, unknown>;
      retryAfterSeconds?: number;
      cause?: unknown;
    } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ApiError';
    this.status = status;
    this.kind = kind;
    this.details = options.details;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }

  /** True when the session is missing or expired. */
  get isUnauthenticated(): boolean {
    return this.status === 401;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Seconds from a `Retry-After` header value (delta-seconds form only), if usable. */
export function parseRetryAfter(header: string | null): number | undefined {
  if (header === null || !/^\d+$/.test(header.trim())) return undefined;
  return Number(header.trim());
}

/**
 * Builds the ApiError for a non-2xx answer from its status, headers and body text. A body that is
 * not the `{error:{kind,message}}` shape still gives a usable error naming the status.
 */
export function apiErrorFromResponse(status: number, retryAfter: string | null, bodyText: string) {
  const retryAfterSeconds = parseRetryAfter(retryAfter);
  let body: unknown;
  try {
    body = JSON.parse(bodyText);
  } catch {
    body = undefined;
  }
  const error = isRecord(body) ? body.error : undefined;
  if (isRecord(error) && typeof error.kind === 'string' && typeof error.message === 'string') {
    return new ApiError(status, error.kind, error.message, {
      details: isRecord(error.details) ? error.details : undefined,
      retryAfterSeconds,
    });
  }
  return new ApiError(status, 'unknown', `HTTP ${status} without an error body`, {
    retryAfterSeconds,
  });
}
