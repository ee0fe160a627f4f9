/**
 * The reason rule: playback and export of recorded video ask for a reason, and a user of an
 * agency other than the owner must also give a case reference (the judicial-police file number);
 * both go into the audit trail. Returns the normalised texts or throws `invalid_argument`
 * naming the missing field.
 */
import { invalidArgument } from '../app/index.ts';

/** What the user gave. */
export interface JustificationInput {
  readonly reason?: string | null | undefined;
  readonly caseReference?: string | null | undefined;
}

/** A checked justification. */
export interface Justification {
  readonly reason: string;
  readonly caseReference: string | null;
}

const MAX_REASON = 500;
const MAX_CASE = 100;

/** Checks the reason (always) and the case reference (when `needsCaseReference`). */
export function checkJustification(
  input: JustificationInput,
  needsCaseReference: boolean,
): Justification {
  const reason = (input.reason ?? '').trim();
  const caseReference = (input.caseReference ?? '').trim();
  if (reason.length < 3) throw invalidArgument('reason: required (at least 3 characters)');
  if (reason.length > MAX_REASON) throw invalidArgument(`reason: at most ${MAX_REASON} characters`);
  if (needsCaseReference && caseReference === '') {
    throw invalidArgument('caseReference: required for users of another agency');
  }
  if (caseReference.length > MAX_CASE) {
    throw invalidArgument(`caseReference: at most ${MAX_CASE} characters`);
  }
  return { reason, caseReference: caseReference === '' ? null : caseReference };
}
