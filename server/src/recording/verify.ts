/**
 * Checking a recorded segment against what the recorder signed: the statement rebuilt from the
 * index row (version 2; version 1 for a row that has the whole file's `sha256`, signed before the
 * recorder hashed each byte once), its Ed25519 signature, and the file's bytes: every fragment's
 * SHA-256 where the fragment table puts it, the init segment's, and their chain digest (the
 * segment digest) against the signed ones, the table covering the file exactly; for a v1 row also
 * the whole file's SHA-256. For playback ("is this the original?") and export manifests.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { PublicKeyInfo } from '../keys/index.ts';
import { decodeFragmentTable } from './fragment-table.ts';
import { recomputeDigests } from './segment-digest.ts';
import type { Segment } from './segment-store.ts';
import { verifyStatement, type SegmentStatement } from './statement.ts';

/** The outcome of checking one segment. */
export interface SegmentVerification {
  /** True when every check below passed. */
  ok: boolean;
  signatureValid: boolean;
  fileMatches: boolean;
  /** Indexes (in the fragment table) of fragments whose bytes differ from their digest. */
  changedFragments: number[];
  /** What failed, in words; empty when ok. */
  problems: string[];
}

/**
 * The statement a complete segment row was signed with: version 1 when the row holds the whole
 * file's `sha256`, else version 2. Undefined for a row still writing.
 */
export function statementOfRow(row: Segment): SegmentStatement | undefined {
  if (row.state !== 'complete' || !row.init_sha256 || !row.fragments_sha256) {
    return undefined;
  }
  return {
    cameraId: row.camera_id,
    stream: row.stream,
    path: row.path,
    startMs: row.start_ms,
    endMs: row.end_ms,
    sizeBytes: row.size_bytes,
    frameCount: row.frame_count,
    ...(row.sha256 === null ? {} : { sha256: row.sha256 }),
    initSha256: row.init_sha256,
    fragmentsSha256: row.fragments_sha256,
    repaired: row.closed_by === 'repair',
  };
}

/** Verifies a segment's signature and, reading its file under `storageRoot`, its bytes. */
export async function verifySegmentFile(
  storageRoot: string,
  row: Segment,
  key: PublicKeyInfo,
): Promise<SegmentVerification> {
  const problems: string[] = [];
  const statement = statementOfRow(row);
  const signatureValid =
    statement !== undefined &&
    row.signature !== null &&
    row.key_fingerprint === key.fingerprint &&
    verifyStatement(key, statement, row.signature);
  if (!signatureValid) problems.push('the signature does not match the index row');
  let fileMatches = false;
  const changedFragments: number[] = [];
  let bytes: Uint8Array | undefined;
  try {
    bytes = await readFile(path.join(storageRoot, ...row.path.split('/')));
  } catch (e) {
    problems.push(`cannot read ${row.path}: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (bytes) {
    const table = decodeFragmentTable(row.fragments);
    const now = recomputeDigests(bytes, table);
    table.forEach((f, i) => {
      const digest = now.fragmentSha256s[i];
      if (!digest || !digest.equals(f.sha256)) changedFragments.push(i);
    });
    fileMatches =
      now.uncovered === undefined &&
      bytes.length === row.size_bytes &&
      now.initSha256 === row.init_sha256 &&
      now.fragmentsSha256 === row.fragments_sha256 &&
      (row.sha256 === null || createHash('sha256').update(bytes).digest('hex') === row.sha256);
    if (!fileMatches) {
      const why = now.uncovered === undefined ? '' : ` (${now.uncovered})`;
      problems.push(`${row.path} differs from what was recorded${why}`);
    }
  }
  return {
    ok: problems.length === 0,
    signatureValid,
    fileMatches,
    changedFragments,
    problems,
  };
}
