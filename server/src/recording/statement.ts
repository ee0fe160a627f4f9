/**
 * What the recorder signs when a segment closes ("unchanged since recorded"): a canonical text
 * statement, UTF-8, one `name: value` line per field in a fixed order, ending with a newline.
 * The installation key signs its bytes with plain Ed25519; the signature is stored base64.
 *
 * `fragments_sha256` chains the init segment and every fragment: SHA-256 over the concatenated
 * 32-byte digests of the init segment and of each fragment (moof + mdat), in file order. A file
 * is its init segment followed by its fragments, so this chain commits to every byte of it: it is
 * **the segment digest**. An export that copies some fragments can also prove them unchanged with
 * the signed statement, the digest list from the index and the fragments themselves.
 *
 * Two versions, told apart by the first line and by `sha256`:
 * - `vedetta-segment-statement/2` (written since the recorder hashes each byte once): no whole-file
 *   digest; `sha256` is absent.
 * - `vedetta-segment-statement/1` (older segments and exports): also `sha256`, the SHA-256 of the
 *   whole file, between `frame_count` and `init_sha256`. Still read and verified.
 * `statementBytes` writes version 1 exactly when `sha256` is present.
 */
import { createHash } from 'node:crypto';
import type { InstallationKey, PublicKeyInfo } from '../keys/index.ts';
import type { StreamKind } from '../ingest/index.ts';

/** The signed facts about one segment file. */
export interface SegmentStatement {
  cameraId: string;
  stream: StreamKind;
  /** Relative to the storage root, `/`-separated. */
  path: string;
  startMs: number;
  endMs: number;
  sizeBytes: number;
  frameCount: number;
  /**
   * Lowercase hex SHA-256 of the whole file: statements of version 1 only (segments signed
   * before the recorder stopped hashing each byte twice). Absent: version 2.
   */
  sha256?: string;
  /** Lowercase hex SHA-256 of the init segment (ftyp + moov). */
  initSha256: string;
  /** Lowercase hex chain digest of init and fragment digests (see the module comment). */
  fragmentsSha256: string;
  /** True when the segment was closed by crash repair rather than by the writer. */
  repaired: boolean;
}

/** First line of a statement of each version; names the format and its version. */
export const STATEMENT_HEADERS = {
  1: 'vedetta-segment-statement/1',
  2: 'vedetta-segment-statement/2',
} as const;

/** The statement version the recorder writes. */
export const STATEMENT_HEADER = STATEMENT_HEADERS[2];

/** A statement's version: 1 when it carries the whole-file `sha256`, else 2. */
export function statementVersion(s: SegmentStatement): 1 | 2 {
  return s.sha256 === undefined ? 2 : 1;
}

/** The canonical bytes of a statement (version 1 or 2, see `statementVersion`). */
export function statementBytes(s: SegmentStatement): Uint8Array {
  const version = statementVersion(s);
  const lines = [
    STATEMENT_HEADERS[version],
    `camera: ${s.cameraId}`,
    `stream: ${s.stream}`,
    `path: ${s.path}`,
    `start_ms: ${s.startMs}`,
    `end_ms: ${s.endMs}`,
    `start_utc: ${new Date(s.startMs).toISOString()}`,
    `end_utc: ${new Date(s.endMs).toISOString()}`,
    `size_bytes: ${s.sizeBytes}`,
    `frame_count: ${s.frameCount}`,
    ...(s.sha256 === undefined ? [] : [`sha256: ${s.sha256}`]),
    `init_sha256: ${s.initSha256}`,
    `fragments_sha256: ${s.fragmentsSha256}`,
    `closed_by: ${s.repaired ? 'repaired' : 'writer'}`,
  ];
  return new TextEncoder().encode(lines.join('\n') + '\n');
}

/** Signs a statement; the base64 Ed25519 signature. */
export function signStatement(key: InstallationKey, s: SegmentStatement): string {
  return key.sign(statementBytes(s)).toString('base64');
}

/** True when `signatureB64` is the key's signature of exactly this statement. */
export function verifyStatement(
  key: PublicKeyInfo,
  s: SegmentStatement,
  signatureB64: string,
): boolean {
  const sig = Buffer.from(signatureB64, 'base64');
  if (sig.length !== 64) return false;
  return key.verify(statementBytes(s), sig);
}

/** The chain digest of an init segment digest and fragment digests (32 bytes each), hex. */
export function chainDigest(
  initSha256: Uint8Array,
  fragmentSha256s: readonly Uint8Array[],
): string {
  const h = createHash('sha256');
  h.update(initSha256);
  for (const d of fragmentSha256s) h.update(d);
  return h.digest('hex');
}
