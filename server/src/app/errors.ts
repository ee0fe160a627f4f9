/**
 * The one application error type. Services throw `AppError` with a kind; the HTTP layer maps the
 * kind to a status in exactly one place (`httpStatusOf`). Services never throw HTTP errors.
 */

/** What went wrong, independent of transport. */
export type ErrorKind =
  | 'not_found'
  | 'permission_denied'
  | 'unauthenticated'
  | 'invalid_argument'
  | 'failed_precondition'
  | 'already_exists'
  | 'resource_exhausted'
  | 'payload_too_large'
  | 'unavailable'
  | 'internal';

/** An application error: a kind, a message meant for the caller, and optional details. */
export class AppError extends Error {
  readonly kind: ErrorKind;
  /** Structured details, e.g. `{ key: 'storage.path' }` or a list of validation issues. */
  readonly details: Record<string, unknown> | undefined;

  constructor(
    kind: ErrorKind,
    message: string,
    details?: Record<string, unknown>,
    cause?: unknown,
  ) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'AppError';
    this.kind = kind;
    this.details = details;
  }
}

/** Shorthands, so that call sites read as sentences: `throw notFound('camera 7')`. */
export const notFound = (what: string): AppError => new AppError('not_found', `${what} not found`);
export const permissionDenied = (message = 'permission denied'): AppError =>
  new AppError('permission_denied', message);
export const invalidArgument = (message: string, details?: Record<string, unknown>): AppError =>
  new AppError('invalid_argument', message, details);
export const failedPrecondition = (message: string): AppError =>
  new AppError('failed_precondition', message);

/** The HTTP status for an error kind. The only place where kinds meet HTTP. */
export function httpStatusOf(kind: ErrorKind): number {
  switch (kind) {
    case 'not_found':
      return 404;
    case 'permission_denied':
      return 403;
    case 'unauthenticated':
      return 401;
    case 'invalid_argument':
      return 400;
    case 'failed_precondition':
      return 409;
    case 'already_exists':
      return 409;
    case 'resource_exhausted':
      return 429;
    case 'payload_too_large':
      return 413;
    case 'unavailable':
      return 503;
    case 'internal':
      return 500;
  }
}

/** True when `e` is an AppError (of a given kind, if one is named). */
export function isAppError(e: unknown, kind?: ErrorKind): e is AppError {
  return e instanceof AppError && (kind === undefined || e.kind === kind);
}
