/**
 * Placing entries in the chain: given the current head (last sequence and hash), assigns each new
 * entry its sequence, previous hash and hash. Pure; the store calls it inside the transaction
 * that holds the chain's lock.
 */
import { entryHash, GENESIS_HASH, type AuditEntry, type AuditEntryContent } from './entry.ts';

/** The end of the chain: the last entry's sequence and hash (0 and GENESIS_HASH when empty). */
export interface ChainHead {
  readonly seq: number;
  readonly hash: string;
}

/** The head of an empty chain. */
export const EMPTY_HEAD: ChainHead = { seq: 0, hash: GENESIS_HASH };

/** Chains `contents` after `head`, in order. Returns the entries and the new head. */
export function appendToChain(
  head: ChainHead,
  contents: readonly AuditEntryContent[],
): { entries: AuditEntry[]; head: ChainHead } {
  const entries: AuditEntry[] = [];
  let seq = head.seq;
  let prevHash = head.hash;
  for (const c of contents) {
    seq += 1;
    const hash = entryHash(seq, c, prevHash);
    entries.push({ ...c, seq, prevHash, hash });
    prevHash = hash;
  }
  return { entries, head: { seq, hash: prevHash } };
}
