/**
 * The error a refused access check throws: `permission_denied`, with a message that never says
 * whether the resource exists, and — for the audit trail only, never sent to the caller — what was
 * asked and why it was refused.
 */
import { AppError } from '../app/index.ts';
import type { DenyReason } from './decide.ts';

/** What the audit trail keeps about a refusal. */
export interface DenialRecord {
  /** The permission(s) required, e.g. `export.create` or `live.view|playback.view`. */
  readonly required: readonly string[];
  readonly cameraId: string | null;
  /** Another resource, as `kind:id`. */
  readonly resource: string | null;
  readonly fromMs: number | null;
  readonly reason: DenyReason;
}

/** A refused access check. */
export class AccessDenied extends AppError {
  /** For the audit trail; not part of the response. */
  readonly denial: DenialRecord;
  /** True once the refusal has been written to the audit trail (so it is not written twice). */
  recorded = false;

  constructor(denial: DenialRecord) {
    super('permission_denied', `permission denied: ${denial.required.join(' or ')} is required`);
    this.name = 'AccessDenied';
    this.denial = denial;
  }
}

/** True when `e` is a refused access check. */
export function isAccessDenied(e: unknown): e is AccessDenied {
  return e instanceof AccessDenied;
}
