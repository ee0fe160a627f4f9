/**
 * The segment digest recomputed from a file's bytes and its fragment table (pure, no I/O): how a
 * verifier — or a person, by hand — checks a segment file against its signed statement.
 *
 * A segment file is its init segment (ftyp + moov) followed by its fragments (moof + mdat) back to
 * back. The init segment is `bytes[0, first fragment's offset)`; each fragment is hashed at the
 * offset and size the table gives; the chain digest (statement.ts `chainDigest`) of the init
 * digest and every fragment digest must equal the signed `fragments_sha256`. When the table
 * covers the file exactly (`uncovered` undefined), that chain commits to every byte of the file.
 */
import { createHash } from 'node:crypto';
import type { FragmentEntry } from './fragment-table.ts';
import { chainDigest } from './statement.ts';

/** What a file's bytes hash to, cut as its fragment table says. */
export interface RecomputedDigests {
  /** Lowercase hex SHA-256 of the init segment, `bytes[0, first fragment's offset)`. */
  initSha256: string;
  /** SHA-256 of each fragment's bytes; undefined for a fragment the file ends before. */
  fragmentSha256s: (Buffer | undefined)[];
  /** Lowercase hex chain digest of init and fragments; undefined when a fragment is missing. */
  fragmentsSha256: string | undefined;
  /**
   * Why the table does not cover the file exactly (fragments back to back from the init segment
   * to the last byte); undefined when it does.
   */
  uncovered: string | undefined;
}

/** Hashes the init segment and every fragment of `bytes` where `table` puts them. */
export function recomputeDigests(
  bytes: Uint8Array,
  table: readonly Pick<FragmentEntry, 'byteOffset' | 'sizeBytes'>[],
): RecomputedDigests {
  const sha = (from: number, to: number): Buffer =>
    createHash('sha256').update(bytes.subarray(from, to)).digest();
  const initEnd = Math.min(table[0]?.byteOffset ?? bytes.length, bytes.length);
  const initSha = sha(0, initEnd);
  let uncovered: string | undefined = table.length === 0 ? 'no fragment' : undefined;
  let end = initEnd;
  const fragmentSha256s = table.map((f, i) => {
    if (uncovered === undefined && f.byteOffset !== end) {
      uncovered = `fragment ${i} starts at ${f.byteOffset}, not at ${end}`;
    }
    end = f.byteOffset + f.sizeBytes;
    return end <= bytes.length ? sha(f.byteOffset, end) : undefined;
  });
  if (uncovered === undefined && end !== bytes.length) {
    uncovered = `the fragments end at ${end}, the file at ${bytes.length}`;
  }
  const complete = fragmentSha256s.filter((d) => d !== undefined);
  return {
    initSha256: initSha.toString('hex'),
    fragmentSha256s,
    fragmentsSha256: complete.length === table.length ? chainDigest(initSha, complete) : undefined,
    uncovered,
  };
}
