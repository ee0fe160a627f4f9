/**
 * Compares the database's audit trail with its witness outside the database. Fails when a
 * witness line's signature does not verify, when a witnessed checkpoint is absent from the
 * database or differs there, when the chain's entry at a witnessed sequence has another hash
 * (the chain was rewritten), when the chain ends before the last witnessed checkpoint (entries
 * cut from the end, checkpoints and all), and when the witness is missing though the database
 * holds checkpoints. Checkpoints in the database that the witness lacks are only counted: they were
 * made before the witness existed, or after a copy of it was taken.
 */
import type { PublicKeyInfo } from '../keys/index.ts';
import { checkpointSignatureValid, type AuditCheckpoint } from './checkpoint.ts';
import type { AuditEntry } from './entry.ts';
import type { AuditBreak } from './verify.ts';
import type { WitnessContent, WitnessedCheckpoint } from './witness-read.ts';

/** What the witness comparison found, besides breaks. */
export interface WitnessSummary {
  /** The witness file read. */
  readonly source: string;
  readonly exists: boolean;
  /** Checkpoints in the witness with a valid signature. */
  readonly checkpoints: number;
  /** The highest witnessed entry (0 when none). */
  readonly lastSeq: number;
  /** Checkpoints in the database that the witness does not hold. */
  readonly unwitnessedCheckpoints: number;
  /** Lines without a checkpoint skipped (a syslog copy's other records). */
  readonly skippedLines: number;
}

const iso = (ms: number): string => new Date(ms).toISOString();

const same = (a: AuditCheckpoint, b: AuditCheckpoint): boolean =>
  a.seq === b.seq &&
  a.entryHash === b.entryHash &&
  a.timeMs === b.timeMs &&
  a.keyFingerprint === b.keyFingerprint &&
  a.signature === b.signature;

const identity = (c: AuditCheckpoint): string =>
  `${c.seq}/${c.entryHash}/${c.timeMs}/${c.keyFingerprint}/${c.signature}`;

/** The witness side of a verification, fed alongside the chain. */
export class WitnessCheck {
  private readonly bySeq = new Map<number, WitnessedCheckpoint[]>();
  private readonly problems: AuditBreak[] = [];
  private readonly last: WitnessedCheckpoint | undefined;
  private readonly summary: Omit<WitnessSummary, 'unwitnessedCheckpoints'>;
  private readonly unwitnessed: number;

  constructor(
    key: PublicKeyInfo,
    private readonly witness: WitnessContent,
    dbCheckpoints: readonly AuditCheckpoint[],
  ) {
    const where = (line: number): string => `${witness.source} line ${line}`;
    const dbBySeq = new Map<number, AuditCheckpoint[]>();
    for (const d of dbCheckpoints) dbBySeq.set(d.seq, [...(dbBySeq.get(d.seq) ?? []), d]);
    for (const m of witness.malformed) {
      this.problems.push({
        seq: 0,
        kind: 'witness_malformed',
        message: `${where(m.line)} is not a witnessed checkpoint: ${m.text}`,
      });
    }
    let last: WitnessedCheckpoint | undefined;
    for (const w of witness.checkpoints) {
      const c = w.checkpoint;
      if (!checkpointSignatureValid(key, c)) {
        this.problems.push({
          seq: c.seq,
          kind: 'witness_signature',
          message:
            c.keyFingerprint === key.fingerprint
              ? `${where(w.line)}: the checkpoint of entry ${c.seq} has an invalid signature`
              : `${where(w.line)}: the checkpoint of entry ${c.seq} is signed by another key (${c.keyFingerprint.slice(0, 16)}…)`,
        });
        continue;
      }
      this.bySeq.set(c.seq, [...(this.bySeq.get(c.seq) ?? []), w]);
      if (!last || c.seq > last.checkpoint.seq) last = w;
      const inDb = dbBySeq.get(c.seq) ?? [];
      if (!inDb.some((d) => same(d, c))) {
        this.problems.push({
          seq: c.seq,
          kind: inDb.length === 0 ? 'witness_checkpoint_missing' : 'witness_checkpoint_differs',
          message:
            `the checkpoint of entry ${c.seq} made at ${iso(c.timeMs)} (${where(w.line)}) ` +
            (inDb.length === 0
              ? 'is missing from the database: it was deleted'
              : 'differs from the one the database holds for that entry: it was replaced'),
        });
      }
    }
    this.last = last;
    const witnessed = new Set(witness.checkpoints.map((w) => identity(w.checkpoint)));
    this.unwitnessed = dbCheckpoints.filter((d) => !witnessed.has(identity(d))).length;
    this.summary = {
      source: witness.source,
      exists: witness.exists,
      checkpoints: [...this.bySeq.values()].reduce((n, l) => n + l.length, 0),
      lastSeq: last?.checkpoint.seq ?? 0,
      skippedLines: witness.skippedLines,
    };
  }

  /** A break when the chain's entry differs from what a witnessed checkpoint sealed. */
  atEntry(e: AuditEntry): AuditBreak | undefined {
    for (const w of this.bySeq.get(e.seq) ?? []) {
      if (w.checkpoint.entryHash !== e.hash) {
        return {
          seq: e.seq,
          kind: 'witness_mismatch',
          message: `entry ${e.seq} differs from what the witnessed checkpoint of ${iso(w.checkpoint.timeMs)} sealed (${this.witness.source} line ${w.line}): the chain was rewritten`,
        };
      }
    }
    return undefined;
  }

  /**
   * The witness's findings once the chain is read: `lastSeq` is where the chain ends (or stopped
   * at a break, `complete` false), `dbSealed` whether the database holds checkpoints.
   */
  finish(lastSeq: number, complete: boolean, dbSealed: boolean): AuditBreak[] {
    const found = [...this.problems];
    if (!this.witness.exists && dbSealed) {
      found.push({
        seq: 0,
        kind: 'witness_missing',
        message: `the witness file ${this.witness.source} is missing, yet the database holds signed checkpoints: the trail cannot be checked for entries cut from the end (point --witness at a copy, e.g. from the syslog collector)`,
      });
    }
    const last = this.last;
    if (complete && last && last.checkpoint.seq > lastSeq) {
      const c = last.checkpoint;
      const range =
        c.seq === lastSeq + 1 ? `entry ${c.seq} is` : `entries ${lastSeq + 1} to ${c.seq} are`;
      found.push({
        seq: lastSeq + 1,
        kind: 'truncated',
        message: `${range} missing: the witness (${this.witness.source} line ${last.line}) holds a signed checkpoint of entry ${c.seq} made at ${iso(c.timeMs)}, but the database's chain ${lastSeq === 0 ? 'is empty' : `ends at entry ${lastSeq}`}`,
      });
    }
    return found.sort((a, b) => a.seq - b.seq);
  }

  /** Counts for the report. */
  result(): WitnessSummary {
    return { ...this.summary, unwitnessedCheckpoints: this.unwitnessed };
  }
}
