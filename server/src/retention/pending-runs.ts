/**
 * Disk-pressure runs whose closing the database refused (the volume was full when the run
 * ended). Their deletions are already in the run row (the forget step counts them), so what is
 * missing is the row's end and the audit entries: they are kept here, in memory, and written at
 * the next check that can write. A run that a sweep has meanwhile closed as `interrupted` (and
 * audited) is dropped. Nothing is lost on a restart either: a run row left `running` is closed
 * and audited by the next sweep (`closeInterruptedRuns`).
 */
import type { Logger } from '../app/index.ts';
import { auditRun, finishRunRow, readRun, type CloseRunDeps, type RunOutcome } from './runs.ts';

/** Most runs kept waiting (each is a few numbers; beyond this the oldest waits for a sweep). */
const MAX_PENDING = 1000;

interface Pending {
  id: number;
  outcome: RunOutcome;
  durationMs: number | null;
  /** True once the row was closed: only the audit entries are missing. */
  rowDone: boolean;
}

/** Runs to close again. */
export class PendingRunCloses {
  private readonly pending: Pending[] = [];

  constructor(private readonly logger: Logger) {}

  /** How many runs wait. */
  get size(): number {
    return this.pending.length;
  }

  /**
   * Closes run `id` (row, then audit); when that fails, keeps it for `retry` and logs loudly.
   * Returns true when the run is fully recorded.
   */
  async close(
    deps: CloseRunDeps,
    id: number,
    outcome: RunOutcome,
    durationMs: number | null,
  ): Promise<boolean> {
    const p: Pending = { id, outcome, durationMs, rowDone: false };
    if (await this.attempt(deps, p)) return true;
    if (this.pending.length >= MAX_PENDING) this.pending.shift();
    this.pending.push(p);
    return false;
  }

  /** Tries every waiting run again, oldest first; stops at the first that still fails. */
  async retry(deps: CloseRunDeps): Promise<void> {
    while (this.pending.length > 0) {
      const p = this.pending[0];
      if (!p || !(await this.attempt(deps, p))) return;
      this.pending.shift();
      this.logger.info({ runId: p.id }, 'retention: deferred run record written');
    }
  }

  private async attempt(deps: CloseRunDeps, p: Pending): Promise<boolean> {
    try {
      if (!p.rowDone) {
        const row = await readRun(deps.db, p.id);
        if (row.state !== 'running') return true; // closed and audited by a sweep meanwhile
        await finishRunRow(deps, p.id, p.outcome);
        p.rowDone = true;
      }
      await auditRun(deps.audit, await readRun(deps.db, p.id), p.durationMs);
      return true;
    } catch (err) {
      this.logger.error(
        { err, runId: p.id, waiting: this.pending.length },
        'retention: a deletion run could not be recorded (storage full?); kept in memory and ' +
          'retried at the next disk check',
      );
      return false;
    }
  }
}
