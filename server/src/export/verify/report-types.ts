/**
 * The shapes of the verifier's findings that travel beyond it: the kinds of problem and the
 * structured checks. Pure types, no imports, so that the web app's verification page can share
 * them with the server (`web/src/export/verify-messages.ts`).
 */

/**
 * What kind of failure a problem is, so that a page in another language can say it in its own
 * words (the `message`, in English, keeps the technical detail): the package cannot be read; a
 * file is missing; a file is not listed in the manifest; a file was altered (its SHA-256 differs);
 * a signature or key does not match; a file is malformed; frames differ from the recording.
 */
export type VerifyProblemKind =
  'unreadable' | 'missing' | 'unlisted' | 'altered' | 'signature' | 'malformed' | 'frames';

/** One check that held, with its figures (the same as a `passed` line, for translation). */
export type VerifyCheck =
  | { kind: 'signed'; fingerprint: string }
  | { kind: 'files'; count: number }
  | { kind: 'frames'; video: string; frames: number; from: string; to: string }
  | { kind: 'masked'; video: string; frames: number; segments: number }
  | { kind: 'stills'; count: number };
