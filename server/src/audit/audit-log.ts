/**
 * The audit log service: the one object every module records with. `record()` validates the
 * entry, puts it in a small append queue and resolves once it is committed; entries that arrive
 * while a batch is being written go together in the next one, each batch in one transaction,
 * so that a burst costs one commit rather than one per entry. The chain is extended under the
 * appenders' lock, so several processes or nodes may append to the same database.
 * A checkpoint signed with the installation key is written every `checkpointEveryEntries`
 * entries, every `checkpointEveryMs` of the clock (60 s) when anything new was appended, and at
 * close; each one, once committed, also goes to the witnesses outside the database (the witness
 * file, syslog), and so do the entries when forwarding is on.
 */
import { AppError } from '../app/index.ts';
import type { Clock, TimerHandle, Logger } from '../app/index.ts';
import type { AuditDb } from './tables.ts';
import type { InstallationKey } from '../keys/index.ts';
import { appendToChain } from './chain.ts';
import { signCheckpoint, type AuditCheckpoint } from './checkpoint.ts';
import type { AuditEntry, AuditEntryContent } from './entry.ts';
import type { AuditWitness } from './witness.ts';
import { toEntryContent, type AuditRecordInput } from './record-input.ts';
import {
  insertCheckpoint,
  insertEntries,
  lastCheckpointSeq,
  lockChain,
  readHead,
} from './store.ts';

/** The longest a committed entry waits for its checkpoint while the log runs: 60 s. */
export const DEFAULT_CHECKPOINT_EVERY_MS = 60_000;

/** What modules depend on: one call to write an entry. */
export interface AuditRecorder {
  /** Writes one entry; resolves with it once committed. Rejects on invalid input or I/O error. */
  record(input: AuditRecordInput): Promise<AuditEntry>;
}

/** Settings of the audit log. */
export interface AuditLogOptions {
  readonly db: AuditDb;
  readonly key: InstallationKey;
  readonly clock: Clock;
  readonly logger?: Logger;
  /** Seal the chain with a checkpoint at least every this many entries (default 1000). */
  readonly checkpointEveryEntries?: number;
  /** ... and every this many ms when entries were appended since the last one (default 60 s). */
  readonly checkpointEveryMs?: number;
  /** Where checkpoints (and entries) go outside the database, once committed. */
  readonly witness?: AuditWitness | undefined;
  /** Most entries per transaction (default 5000). */
  readonly maxBatch?: number;
}

interface Pending {
  content: AuditEntryContent;
  resolve(e: AuditEntry): void;
  reject(e: unknown): void;
}

/** The audit log: append queue, chain extension and periodic checkpoints. */
export class AuditLog implements AuditRecorder {
  private readonly db: AuditDb;
  private readonly key: InstallationKey;
  private readonly clock: Clock;
  private readonly logger: Logger | undefined;
  private readonly everyEntries: number;
  private readonly everyMs: number;
  private readonly maxBatch: number;
  private readonly witness: AuditWitness | undefined;
  private queue: Pending[] = [];
  private checkpointWaiters: ((c: AuditCheckpoint | null) => void)[] = [];
  private running: Promise<void> | null = null;
  private timer: TimerHandle | null = null;
  private closed = false;

  constructor(opts: AuditLogOptions) {
    this.db = opts.db;
    this.key = opts.key;
    this.clock = opts.clock;
    this.logger = opts.logger;
    this.everyEntries = opts.checkpointEveryEntries ?? 1000;
    this.everyMs = opts.checkpointEveryMs ?? DEFAULT_CHECKPOINT_EVERY_MS;
    this.witness = opts.witness;
    this.maxBatch = opts.maxBatch ?? 5000;
    if (this.everyEntries < 1 || this.everyMs < 1 || this.maxBatch < 1) {
      throw new AppError('invalid_argument', 'audit log: intervals and batch must be positive');
    }
  }

  /** Starts the periodic checkpoint timer on the clock. */
  start(): void {
    if (this.timer || this.closed) return;
    this.witness
      ?.open()
      .catch((e: unknown) =>
        this.logger?.error({ err: e }, 'audit: the witness file cannot be created'),
      );
    const tick = (): void => {
      this.timer = this.clock.setTimeout(tick, this.everyMs);
      this.checkpointNow().catch((e: unknown) =>
        this.logger?.error({ err: e }, 'audit: periodic checkpoint failed'),
      );
    };
    this.timer = this.clock.setTimeout(tick, this.everyMs);
  }

  record(input: AuditRecordInput): Promise<AuditEntry> {
    if (this.closed) {
      return Promise.reject(new AppError('failed_precondition', 'audit log is closed'));
    }
    let content: AuditEntryContent;
    try {
      content = toEntryContent(input, this.clock.nowMs());
    } catch (e) {
      return Promise.reject(e instanceof Error ? e : new AppError('internal', String(e)));
    }
    return new Promise<AuditEntry>((resolve, reject) => {
      this.queue.push({ content, resolve, reject });
      this.kick();
    });
  }

  /** Resolves once every entry recorded so far is committed (or has failed). */
  async flush(): Promise<void> {
    while (this.running) await this.running;
  }

  /** Seals everything appended so far with a signed checkpoint; null when nothing is new. */
  checkpointNow(): Promise<AuditCheckpoint | null> {
    return new Promise((resolve) => {
      this.checkpointWaiters.push(resolve);
      this.kick();
    });
  }

  /** Stops the timer, writes what is queued, seals it with a checkpoint, and refuses more. */
  async close(): Promise<void> {
    this.timer?.cancel();
    this.timer = null;
    if (this.closed) return this.flush();
    await this.checkpointNow();
    this.closed = true;
    await this.flush();
    await this.witness?.close();
  }

  private kick(): void {
    if (this.running) return;
    this.running = this.drain().finally(() => {
      this.running = null;
      if (this.queue.length > 0 || this.checkpointWaiters.length > 0) this.kick();
    });
  }

  private async drain(): Promise<void> {
    // Let a synchronous burst of record() calls gather into the first batch.
    await Promise.resolve();
    while (this.queue.length > 0 || this.checkpointWaiters.length > 0) {
      const batch = this.queue.splice(0, this.maxBatch);
      const waiters = this.queue.length === 0 ? this.checkpointWaiters.splice(0) : [];
      try {
        const { entries, checkpoint } = await this.write(
          batch.map((p) => p.content),
          waiters.length > 0,
        );
        batch.forEach((p, i) => {
          const e = entries[i];
          if (e) p.resolve(e);
          else p.reject(new AppError('internal', 'audit: entry lost in batch'));
        });
        await this.tellWitness(entries, checkpoint);
        for (const w of waiters) w(checkpoint);
      } catch (e) {
        this.logger?.error({ err: e, entries: batch.length }, 'audit: append failed');
        const err = new AppError('unavailable', 'audit trail unavailable', undefined, e);
        for (const p of batch) p.reject(err);
        for (const w of waiters) w(null);
      }
    }
  }

  /** Hands committed entries and checkpoint to the witnesses; their failures are only logged. */
  private async tellWitness(
    entries: readonly AuditEntry[],
    checkpoint: AuditCheckpoint | null,
  ): Promise<void> {
    if (!this.witness) return;
    try {
      this.witness.entries(entries);
      if (checkpoint) await this.witness.checkpoint(checkpoint);
    } catch (e) {
      this.logger?.error({ err: e, checkpoint }, 'audit: the witness failed');
    }
  }

  private async write(
    contents: AuditEntryContent[],
    forceCheckpoint: boolean,
  ): Promise<{ entries: AuditEntry[]; checkpoint: AuditCheckpoint | null }> {
    return this.db.transaction().execute(async (tx) => {
      const nowMs = this.clock.nowMs();
      await lockChain(tx, nowMs);
      const { entries, head } = appendToChain(await readHead(tx), contents);
      await insertEntries(tx, entries);
      const sealed = await lastCheckpointSeq(tx);
      let checkpoint: AuditCheckpoint | null = null;
      const due = forceCheckpoint || head.seq - sealed >= this.everyEntries;
      if (head.seq > sealed && due) {
        checkpoint = signCheckpoint(this.key, head.seq, head.hash, nowMs);
        await insertCheckpoint(tx, checkpoint);
      }
      return { entries, checkpoint };
    });
  }
}
