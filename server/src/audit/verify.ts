/**
 * The chain verifier: walks entries in sequence order and reports the first broken one — a
 * changed field (the entry no longer matches its hash), a deleted entry (a gap in the sequence),
 * rewritten or reordered entries (a previous hash that does not match), a checkpoint whose
 * signature is bad or whose hash disagrees with the chain, and entries deleted from the tail
 * (a checkpoint beyond the last entry) — and, given the witness kept outside the database, what
 * it shows: checkpoints deleted or replaced, the chain rewritten or cut. Incremental, so that a million entries stream through it
 * without being held in memory.
 */
import type { PublicKeyInfo } from '../keys/index.ts';
import { checkpointSignatureValid, type AuditCheckpoint } from './checkpoint.ts';
import { entryHash, GENESIS_HASH, type AuditEntry } from './entry.ts';
import { WitnessCheck, type WitnessSummary } from './witness-check.ts';
import type { WitnessContent } from './witness-read.ts';

/** What kind of damage was found. */
export type AuditBreakKind =
  | 'changed'
  | 'missing'
  | 'out_of_order'
  | 'chain_broken'
  | 'checkpoint_signature'
  | 'checkpoint_mismatch'
  | 'truncated'
  | 'witness_missing'
  | 'witness_malformed'
  | 'witness_signature'
  | 'witness_checkpoint_missing'
  | 'witness_checkpoint_differs'
  | 'witness_mismatch';

/** The first place where the chain is broken. */
export interface AuditBreak {
  /** The sequence number of the first broken entry (or of the checkpoint's entry; 0: none). */
  readonly seq: number;
  readonly kind: AuditBreakKind;
  /** A sentence for the operator, naming the entry. */
  readonly message: string;
}

/** The outcome of a verification. */
export interface AuditVerifyReport {
  readonly ok: boolean;
  /** Entries read. */
  readonly entries: number;
  /** Checkpoints read. */
  readonly checkpoints: number;
  /** Sequence and hash of the last entry read (0 and GENESIS_HASH when none). */
  readonly lastSeq: number;
  readonly lastHash: string;
  /** The newest checkpoint's sequence (0 when none). */
  readonly lastCheckpointSeq: number;
  /** Entries after the newest checkpoint: intact so far, but not yet sealed by a signature. */
  readonly unsealedEntries: number;
  /** The first break, when not ok. */
  readonly firstBreak?: AuditBreak;
  /** Every break found, first first (the chain is read up to its first break only). */
  readonly problems: readonly AuditBreak[];
  /** What the witness held, when one was compared. */
  readonly witness?: WitnessSummary;
}

/** Verifies a chain pushed to it one entry at a time, in sequence order. */
export class ChainVerifier {
  private readonly bySeq = new Map<number, AuditCheckpoint[]>();
  private readonly badSignatures: AuditBreak[] = [];
  private readonly checkpointCount: number;
  private readonly lastCheckpointSeq: number;
  private expectedSeq = 1;
  private prevHash = GENESIS_HASH;
  private count = 0;
  private broken: AuditBreak | undefined;
  private readonly witness: WitnessCheck | undefined;

  constructor(
    key: PublicKeyInfo,
    checkpoints: readonly AuditCheckpoint[],
    witness?: WitnessContent,
  ) {
    this.witness = witness ? new WitnessCheck(key, witness, checkpoints) : undefined;
    let last = 0;
    for (const c of checkpoints) {
      if (!checkpointSignatureValid(key, c)) {
        this.badSignatures.push({
          seq: c.seq,
          kind: 'checkpoint_signature',
          message:
            c.keyFingerprint === key.fingerprint
              ? `checkpoint at entry ${c.seq}: signature is not valid`
              : `checkpoint at entry ${c.seq}: signed by another key (${c.keyFingerprint.slice(0, 16)}…)`,
        });
        continue;
      }
      const list = this.bySeq.get(c.seq) ?? [];
      list.push(c);
      this.bySeq.set(c.seq, list);
      last = Math.max(last, c.seq);
    }
    this.badSignatures.sort((a, b) => a.seq - b.seq);
    this.checkpointCount = checkpoints.length;
    this.lastCheckpointSeq = last;
  }

  /** Checks the next entry. Returns false once the chain is broken (reading can stop). */
  push(e: AuditEntry): boolean {
    if (this.broken) return false;
    const found = this.check(e) ?? this.witness?.atEntry(e);
    if (found) {
      this.broken = this.earliest(found);
      return false;
    }
    this.count += 1;
    this.expectedSeq = e.seq + 1;
    this.prevHash = e.hash;
    return true;
  }

  /** The report, once every entry has been pushed. */
  finish(): AuditVerifyReport {
    let firstBreak = this.broken ?? this.badSignatures[0];
    const lastSeq = this.expectedSeq - 1;
    if (!firstBreak && this.lastCheckpointSeq > lastSeq) {
      firstBreak = {
        seq: lastSeq + 1,
        kind: 'truncated',
        message: `entries ${lastSeq + 1} to ${this.lastCheckpointSeq} are missing: a signed checkpoint covers entry ${this.lastCheckpointSeq} but the chain ends at ${lastSeq}`,
      };
    }
    const problems = [
      ...(firstBreak ? [firstBreak] : []),
      ...this.badSignatures.filter((b) => b !== firstBreak),
    ];
    if (this.witness) {
      const sealed = this.checkpointCount > 0;
      const more = this.witness.finish(lastSeq, this.broken === undefined, sealed);
      problems.push(...more);
      // By entry; findings about the witness as a whole (seq 0) last.
      const order = (x: AuditBreak): number => (x.seq === 0 ? Number.MAX_SAFE_INTEGER : x.seq);
      problems.sort((x, y) => order(x) - order(y));
      firstBreak = problems[0];
    }
    return {
      ok: firstBreak === undefined,
      entries: this.count,
      checkpoints: this.checkpointCount,
      lastSeq,
      lastHash: this.prevHash,
      lastCheckpointSeq: this.lastCheckpointSeq,
      unsealedEntries: Math.max(0, lastSeq - this.lastCheckpointSeq),
      ...(firstBreak ? { firstBreak } : {}),
      problems,
      ...(this.witness ? { witness: this.witness.result() } : {}),
    };
  }

  private check(e: AuditEntry): AuditBreak | undefined {
    const n = this.expectedSeq;
    if (e.seq > n) {
      const range = e.seq - 1 === n ? `entry ${n} is` : `entries ${n} to ${e.seq - 1} are`;
      return { seq: n, kind: 'missing', message: `${range} missing (deleted)` };
    }
    if (e.seq < n) {
      return {
        seq: e.seq,
        kind: 'out_of_order',
        message: `entry ${e.seq} appears after entry ${n - 1} (duplicated or reordered)`,
      };
    }
    if (entryHash(e.seq, e, e.prevHash) !== e.hash) {
      return {
        seq: n,
        kind: 'changed',
        message: `entry ${n} (${e.action}) does not match its hash: a field was changed`,
      };
    }
    if (e.prevHash !== this.prevHash) {
      return {
        seq: n,
        kind: 'chain_broken',
        message:
          n === 1
            ? 'entry 1 does not start the chain: earlier entries were removed'
            : `entry ${n} does not follow entry ${n - 1}: one of them was rewritten, or entries were removed or reordered`,
      };
    }
    for (const c of this.bySeq.get(n) ?? []) {
      if (c.entryHash !== e.hash) {
        return {
          seq: n,
          kind: 'checkpoint_mismatch',
          message: `entry ${n} differs from what the signed checkpoint of ${new Date(c.timeMs).toISOString()} sealed: the chain up to it was rewritten`,
        };
      }
    }
    return undefined;
  }

  private earliest(found: AuditBreak): AuditBreak {
    const sig = this.badSignatures[0];
    return sig && sig.seq <= found.seq ? sig : found;
  }
}

/** Verifies a whole chain given as an iterable in sequence order. */
export function verifyChain(
  entries: Iterable<AuditEntry>,
  checkpoints: readonly AuditCheckpoint[],
  key: PublicKeyInfo,
  witness?: WitnessContent,
): AuditVerifyReport {
  const v = new ChainVerifier(key, checkpoints, witness);
  for (const e of entries) if (!v.push(e)) break;
  return v.finish();
}
