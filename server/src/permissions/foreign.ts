/**
 * A request for something that exists but is someone else's — another user's playback session,
 * another agency's export. The caller is told only `not_found` (so probing reveals nothing), but
 * the attempt is written to the audit trail as denied, like a refused access check, by the
 * HTTP layer's denial recorder (rate-limited per user there).
 */
import { AppError } from '../app/index.ts';

/** What the audit trail keeps about a request for another's resource. */
export interface ForeignRecord {
  /** The permission the request would have used, e.g. `playback.view`, `export.create`. */
  readonly permission: string;
  /** The resource, as `kind:id`, e.g. `playback_session:Qx…`, `export:3f…`. */
  readonly resource: string;
  /** Whose it is, in words for the auditor (`another user`, `another agency`). */
  readonly owner: string;
}

/** A request for another's resource: answered 404, recorded as denied. */
export class ForeignResource extends AppError {
  /** For the audit trail; not part of the response. */
  readonly foreign: ForeignRecord;
  /** True once written to the audit trail. */
  recorded = false;

  constructor(what: string, foreign: ForeignRecord) {
    super('not_found', `${what} not found`);
    this.name = 'ForeignResource';
    this.foreign = foreign;
  }
}

/** True when `e` is a request for another's resource. */
export function isForeignResource(e: unknown): e is ForeignResource {
  return e instanceof ForeignResource;
}
