/** The error every API call rejects with: HTTP status plus the server's `{error}` body. */
import type { MessageKey } from '../i18n/index.ts';

/**
 * The error kinds the server sends (`ErrorKind` in server/src/app/errors.ts), plus those this
 * client gives itself: `network` (status 0), `invalid_response` (an answer it cannot read) and
 * `unknown` (a failure without an error body).
 */
export const ERROR_KINDS = [
  'invalid_argument',
  'not_found',
  'permission_denied',
  'unauthenticated',
  'failed_precondition',
  'already_exists',
  'resource_exhausted',
  'payload_too_large',
  'unavailable',
  'internal',
  'network',
  'invalid_response',
  'unknown',
] as const;

/** An error kind the interface has words for. */
export type ErrorKind = (typeof ERROR_KINDS)[number];

/** A failed API call. `status` is 0 when the server could not be reached at all. */
export class ApiError extends Error {
  /** HTTP status, or 0 for a network failure. */
  readonly status: number;
  /**
   * The server's error kind (`unauthenticated`, `not_found`, …; see `ERROR_KINDS`), or this
   * client's own `network` / `invalid_response` / `unknown`. A string: a newer server may send
   * a kind this client does not know yet.
   */
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

const KIND_KEYS: Record<ErrorKind, MessageKey> = {
  invalid_argument: 'error.kind.invalid_argument',
  not_found: 'error.kind.not_found',
  permission_denied: 'error.kind.permission_denied',
  unauthenticated: 'error.kind.unauthenticated',
  failed_precondition: 'error.kind.failed_precondition',
  already_exists: 'error.kind.already_exists',
  resource_exhausted: 'error.kind.resource_exhausted',
  payload_too_large: 'error.kind.payload_too_large',
  unavailable: 'error.kind.unavailable',
  internal: 'error.kind.internal',
  network: 'error.unreachable',
  invalid_response: 'error.kind.invalid_response',
  unknown: 'error.kind.unknown',
};

/**
 * The message key that says in the user's language what went wrong, by the error's kind: so the
 * interface can translate any failed call (`t(errorMessageKey(e))`). An error that is not an
 * ApiError, or a kind this client does not know, gives `error.kind.unknown`.
 */
export function errorMessageKey(error: unknown): MessageKey {
  if (!(error instanceof ApiError)) return KIND_KEYS.unknown;
  return Object.hasOwn(KIND_KEYS, error.kind)
    ? KIND_KEYS[error.kind as ErrorKind]
    : KIND_KEYS.unknown;
}
