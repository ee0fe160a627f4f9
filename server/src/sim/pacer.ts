/**
 * One timer for every stream of the simulator. Tasks say when they are next due (monotonic
 * milliseconds of the clock); the pacer keeps them in a binary heap and arms a single clock timer
 * for the earliest. Tasks due within `slackMs` of each other run in the same wake-up, which keeps
 * the number of timer callbacks low when hundreds of streams run at 25 frames per second.
 */
import type { Clock, TimerHandle } from '../app/index.ts';

/** Something to run at a time: returns when it is next due, or undefined when it is done. */
export interface PacedTask {
  run(nowMs: number): number | undefined;
}

/** A scheduled task's handle. */
export interface PacedEntry {
  /** Stops the task; it will not run again. */
  cancel(): void;
}

interface Item {
  dueMs: number;
  seq: number;
  task: PacedTask;
  cancelled: boolean;
}

/** A shared scheduler of paced tasks on one clock timer. */
export class Pacer {
  private readonly heap: Item[] = [];
  private timer: TimerHandle | undefined;
  private armedFor = Infinity;
  private seq = 0;
  private closed = false;

  constructor(
    private readonly clock: Clock,
    /** Tasks due within this many milliseconds of a wake-up run in it. */
    readonly slackMs = 2,
  ) {}

  /** Tasks scheduled and not cancelled (cancelled ones leave lazily). */
  get size(): number {
    return this.heap.filter((i) => !i.cancelled).length;
  }

  /** Runs `task` at monotonic time `dueMs` (now if already past). */
  schedule(task: PacedTask, dueMs: number): PacedEntry {
    const item: Item = { dueMs, seq: this.seq++, task, cancelled: false };
    this.push(item);
    this.arm();
    return { cancel: () => void (item.cancelled = true) };
  }

  /** Stops the timer and drops every task. */
  close(): void {
    this.closed = true;
    this.timer?.cancel();
    this.timer = undefined;
    this.heap.length = 0;
  }

  private arm(): void {
    if (this.closed) return;
    const top = this.heap[0];
    if (top === undefined || top.dueMs >= this.armedFor) return;
    this.timer?.cancel();
    this.armedFor = top.dueMs;
    const delay = Math.max(0, top.dueMs - this.clock.monotonicMs());
    this.timer = this.clock.setTimeout(() => this.fire(), delay);
  }

  private fire(): void {
    this.timer = undefined;
    this.armedFor = Infinity;
    const now = this.clock.monotonicMs();
    // Bounded: each task runs at most once per wake-up (it is re-queued for a later time).
    const ran: Item[] = [];
    for (;;) {
      const top = this.heap[0];
      if (top === undefined || top.dueMs > now + this.slackMs) break;
      this.pop();
      if (top.cancelled) continue;
      const next = top.task.run(now);
      if (next !== undefined && !top.cancelled) {
        top.dueMs = Math.max(next, now + 0.001);
        ran.push(top);
      }
    }
    if (this.closed) return;
    for (const item of ran) this.push(item);
    this.arm();
  }

  private push(item: Item): void {
    const h = this.heap;
    h.push(item);
    let i = h.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = h[parent];
      if (p === undefined || !before(item, p)) break;
      h[i] = p;
      i = parent;
    }
    h[i] = item;
  }

  private pop(): void {
    const h = this.heap;
    const last = h.pop();
    if (last === undefined || h.length === 0) return;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      let best = last;
      const left = h[l];
      const right = h[r];
      if (left !== undefined && before(left, best)) {
        m = l;
        best = left;
      }
      if (right !== undefined && before(right, best)) {
        m = r;
        best = right;
      }
      if (m === i) break;
      h[i] = best;
      i = m;
    }
    h[i] = last;
  }
}

function before(a: Item, b: Item): boolean {
  return a.dueMs < b.dueMs || (a.dueMs === b.dueMs && a.seq < b.seq);
}
