/**
 * The one error handler: every failure becomes `{ "error": { "kind", "message", "details"? } }`
 * with the status `httpStatusOf(kind)`. Validation failures are turned into `invalid_argument`
 * errors naming each bad key; a full storage (the database or the volume cannot be written) is
 * answered 503 `unavailable` "storage full"; other unexpected errors are logged and answered as
 * `internal`, without their message.
 */
import type { Context, ErrorHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ZodError } from 'zod';
import {
  AppError,
  httpStatusOf,
  invalidArgument,
  type ErrorKind,
  describeIssues,
  issuesText,
} from '../app/index.ts';
import type { Logger } from '../app/index.ts';
import { isStorageFullError } from '../db/index.ts';
import type { AppEnv } from './context.ts';

/** The JSON body of every error response. */
export interface ErrorBody {
  error: { kind: ErrorKind; message: string; details?: Record<string, unknown> };
}

function kindOfStatus(status: number): ErrorKind {
  if (status === 401) return 'unauthenticated';
  if (status === 403) return 'permission_denied';
  if (status === 404) return 'not_found';
  if (status === 409) return 'failed_precondition';
  if (status === 413) return 'payload_too_large';
  if (status === 429) return 'resource_exhausted';
  if (status === 503) return 'unavailable';
  if (status >= 400 && status < 500) return 'invalid_argument';
  return 'internal';
}

function toAppError(err: unknown): AppError | undefined {
  if (err instanceof AppError) return err;
  if (err instanceof HTTPException) {
    const message =
      err.status === 415
        ? 'request body must be JSON (Content-Type: application/json)'
        : err.message;
    return new AppError(kindOfStatus(err.status), message);
  }
  if (isStorageFullError(err)) {
    return new AppError(
      'unavailable',
      'storage full: the server cannot write to its database now; try again in a minute',
    );
  }
  return undefined;
}

/** The response for an error. */
export function errorResponse(c: Context, err: AppError): Response {
  const body: ErrorBody = {
    error: {
      kind: err.kind,
      message: err.message,
      ...(err.details !== undefined ? { details: err.details } : {}),
    },
  };
  const status = httpStatusOf(err.kind);
  const headers: Record<string, string> = {};
  const retry = err.details?.['retryAfterSeconds'];
  if (err.kind === 'resource_exhausted' && typeof retry === 'number') {
    headers['Retry-After'] = String(retry);
  }
  return c.json(body, status as 400, headers);
}

/** Creates the app's `onError` handler. */
export function errorHandler(logger: Logger): ErrorHandler<AppEnv> {
  return (err, c) => {
    const known = toAppError(err);
    if (known) {
      if (known.kind === 'internal') logger.error({ err, path: c.req.path }, 'request failed');
      else if (!(err instanceof AppError) && known.kind === 'unavailable')
        logger.warn({ err, path: c.req.path }, 'request refused: storage full');
      return errorResponse(c, known);
    }
    logger.error({ err, method: c.req.method, path: c.req.path }, 'unexpected error');
    return errorResponse(c, new AppError('internal', 'internal error'));
  };
}

const TARGET_NAMES: Record<string, string> = {
  json: 'request body',
  param: 'path',
  query: 'query',
  header: 'header',
  cookie: 'cookie',
};

/** The zod-openapi validation hook: a failed validation throws `invalid_argument`. */
export function validationHook(
  result: { target: string } & ({ success: true } | { success: false; error: ZodError }),
): void {
  if (result.success) return;
  const issues = describeIssues(result.error.issues);
  const where = TARGET_NAMES[result.target] ?? result.target;
  throw invalidArgument(`invalid ${where}: ${issuesText(issues)}`, { issues });
}
