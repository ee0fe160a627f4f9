/**
 * What the recorder signs when a segment closes ("unchanged since recorded"): a canonical text
 * statement, UTF-8, one `name: value` line per field in a fixed order, ending with a newline.
 * The installation key signs its bytes with plain Ed25519; the signature is stored base64.
 *
 * `fragments_sha256` chains the init segment and every fragment: SHA-256 over the concatenated
 * 32-byte digests of the init segment and of each fragment (moof + mdat), in file order. An export
 * that copies some fragments can therefore prove them unchanged with the signed statement, the
 * digest list from the index and the fragments themselves, without the whole file.
 */
import { createHash } from 'node:crypto';
import type { InstallationKey, PublicKeyInfo } from '../keys/installation-key.ts';
import type { StreamKind } from '../ingest/types.ts';

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
  /** Lowercase hex SHA-256 of the whole file. */
  sha256: string;
  /** Lowercase hex SHA-256 of the init segment (ftyp + moov). */
  initSha256: string;
  /** Lowercase hex chain digest of init and fragment digests (see the module comment). */
  fragmentsSha256: string;
  /** True when the segment was closed by crash repair rather than by the writer. */
  repaired: boolean;
}

/** First line of every statement; names the format and its version. */
export const STATEMENT_HEADER = 'vedetta-segment-statement/1';

/** The canonical bytes of a statement. */
export function statementBytes(s: SegmentStatement): Uint8Array {
  const lines = [
    STATEMENT_HEADER,
    `camera: ${s.cameraId}`,
    `stream: ${s.stream}`,
    `path: ${s.path}`,
    `start_ms: ${s.startMs}`,
    `end_ms: ${s.endMs}`,
    `start_utc: ${new Date(s.startMs).toISOString()}`,
    `end_utc: ${new Date(s.endMs).toISOString()}`,
    `size_bytes: ${s.sizeBytes}`,
    `frame_count: ${s.frameCount}`,
    `sha256: ${s.sha256}`,
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
