/**
 * Why a camera connection ended. Every failure inside ingest becomes an `IngestError` carrying the
 * gap cause that the recorder will write down, so that "why is there no video" has one answer.
 */
import type { GapCause } from './types.ts';

/** A failure of one camera stream, with the gap cause it implies. */
export class IngestError extends Error {
  /** The cause of the gap this failure opens. */
  readonly gapCause: GapCause;
  /**
   * True when retrying soon cannot help without a change on the camera or in the configuration
   * (wrong credentials, unknown path, unsupported codec). The supervisor still retries, but marks
   * the stream offline at once.
   */
  readonly definitive: boolean;

  constructor(
    gapCause: GapCause,
    message: string,
    opts: { definitive?: boolean; cause?: unknown } = {},
  ) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'IngestError';
    this.gapCause = gapCause;
    this.definitive = opts.definitive ?? false;
  }
}

/**
 * Turns anything thrown or emitted inside a camera's error boundary into an `IngestError`.
 * Node socket errors (refused, unreachable, reset) mean the camera is offline; any other exception
 * (a parser's error, a bug) is an 'error' of that camera alone.
 */
export function toIngestError(e: unknown, context: string): IngestError {
  if (e instanceof IngestError) return e;
  const code = (e as { code?: unknown } | null)?.code;
  const message = e instanceof Error ? e.message : String(e);
  if (typeof code === 'string' && NETWORK_CODES.has(code)) {
    return new IngestError('offline', `${context}: ${message}`, { cause: e });
  }
  const name = e instanceof Error ? e.name : 'Error';
  return new IngestError('error', `${context}: ${name}: ${message}`, { cause: e });
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EPIPE',
  'ECONNABORTED',
  'EADDRNOTAVAIL',
]);
