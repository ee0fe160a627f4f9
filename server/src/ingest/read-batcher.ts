/**
 * Batched reads: a camera stream that nobody watches live (only the recorder, which writes a
 * fragment a second) does not need each frame the moment it arrives. Its connection stops reading
 * once it has drained its socket and starts again at the batcher's next tick, so that the frames
 * that arrived meanwhile come in one read. At 200 cameras this turns ~5,000 socket reads a
 * second (one per frame, each with its system call, TCP acknowledgement and call into
 * JavaScript) into about 1,200 larger ones; the kernel keeps the bytes in the socket's receive
 * buffer in the meantime, and TCP flow control holds the camera back if that ever fills.
 *
 * One batcher serves every connection of an installation, with one timer: all held connections
 * resume together at the tick, so that their reads also share the event loop's wake-ups.
 */
import type { Clock, TimerHandle } from '../app/index.ts';

/** A connection whose reading can be paused and resumed. */
export interface BatchedReader {
  /** Stops taking bytes off the socket (they wait in the kernel). */
  pauseReads(): void;
  /** Takes bytes off the socket again. Must not throw. */
  resumeReads(): void;
}

/** Holds drained connections until the next tick. */
export class ReadBatcher {
  private readonly held = new Set<BatchedReader>();
  private timer: TimerHandle | undefined;

  /** `intervalMs`: the longest a held connection waits before it reads again. */
  constructor(
    private readonly clock: Clock,
    readonly intervalMs: number,
  ) {
    if (!(intervalMs > 0)) throw new RangeError('read batch interval must be positive');
  }

  /** Connections waiting for the next tick. */
  get heldCount(): number {
    return this.held.size;
  }

  /** Pauses a connection that has just drained its socket, until the next tick. */
  hold(reader: BatchedReader): void {
    if (this.held.has(reader)) return;
    reader.pauseReads();
    this.held.add(reader);
    this.timer ??= this.clock.setTimeout(() => this.tick(), this.intervalMs);
  }

  /** Resumes a held connection now (a live viewer arrived, or it is closing). */
  release(reader: BatchedReader): void {
    if (this.held.delete(reader)) reader.resumeReads();
  }

  /** Resumes every held connection and stops the timer. */
  close(): void {
    this.timer?.cancel();
    this.timer = undefined;
    this.resumeAll();
  }

  private tick(): void {
    this.timer = undefined;
    this.resumeAll();
  }

  private resumeAll(): void {
    const readers = [...this.held];
    this.held.clear();
    for (const r of readers) r.resumeReads();
  }
}
