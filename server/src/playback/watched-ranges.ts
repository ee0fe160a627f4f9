/**
 * What a playback session actually showed: per camera, the recorded ranges whose fragments were
 * served, merged when closer than `WATCH_MERGE_MS`, held until they are written to the audit
 * trail (`watch-log.ts`). Pure bookkeeping; no I/O.
 */
import { addSpan, type Span } from './intervals.ts';

/** Ranges of one camera closer than this are written as one (30 s). */
export const WATCH_MERGE_MS = 30_000;

/** A watched range of one camera, UTC ms (`toMs` exclusive). */
export interface WatchedRange {
  readonly cameraId: string;
  readonly fromMs: number;
  readonly toMs: number;
}

/** The ranges served per camera and not yet written. */
export class WatchedRanges {
  private readonly byCamera = new Map<string, Span[]>();

  /** Notes that `[fromMs, toMs)` of `cameraId` was served (rounded outwards to whole ms). */
  add(cameraId: string, fromMs: number, toMs: number): void {
    const list = this.byCamera.get(cameraId) ?? [];
    addSpan(list, [Math.floor(fromMs), Math.ceil(toMs)], WATCH_MERGE_MS);
    if (list.length > 0) this.byCamera.set(cameraId, list);
  }

  /** True when nothing waits to be written. */
  get empty(): boolean {
    return this.byCamera.size === 0;
  }

  /** The merged ranges, by camera then time, and forgets them. */
  take(): WatchedRange[] {
    const out: WatchedRange[] = [];
    for (const [cameraId, list] of [...this.byCamera].sort((a, b) => a[0].localeCompare(b[0]))) {
      for (const [fromMs, toMs] of list) out.push({ cameraId, fromMs, toMs });
    }
    this.byCamera.clear();
    return out;
  }

  /** Puts back ranges that could not be written, to try again. */
  restore(ranges: readonly WatchedRange[]): void {
    for (const r of ranges) this.add(r.cameraId, r.fromMs, r.toMs);
  }
}
