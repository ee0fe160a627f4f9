/**
 * Checking a recorded segment against what the recorder signed: the statement rebuilt from the
 * index row, its Ed25519 signature, and the file's bytes (whole-file SHA-256, every fragment's
 * SHA-256 and the chain digest). For playback ("is this the original?") and export manifests.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { PublicKeyInfo } from '../keys/installation-key.ts';
import { analyzeSegmentFile, isUnreadable } from './file-analysis.ts';
import { decodeFragmentTable } from './fragment-table.ts';
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

/** The statement a complete segment row was signed with; undefined for a row still writing. */
export function statementOfRow(row: Segment): SegmentStatement | undefined {
  if (row.state !== 'complete' || !row.sha256 || !row.init_sha256 || !row.fragments_sha256) {
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
    sha256: row.sha256,
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
    const facts = analyzeSegmentFile(bytes);
    if (isUnreadable(facts)) {
      problems.push(`${row.path} is not a readable segment: ${facts.unreadable}`);
    } else {
      fileMatches =
        facts.validLength === bytes.length &&
        facts.sha256 === row.sha256 &&
        facts.fragmentsSha256 === row.fragments_sha256;
      const signed = decodeFragmentTable(row.fragments);
      signed.forEach((f, i) => {
        const now = facts.fragments[i];
        if (!now || Buffer.compare(Buffer.from(now.sha256), Buffer.from(f.sha256)) !== 0) {
          changedFragments.push(i);
        }
      });
      if (!fileMatches) problems.push(`${row.path} differs from what was recorded`);
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
