/**
 * The ingest benchmark's side of the simulator's HTTP control endpoint: the counters of a set of
 * cameras' main streams (`GET /stats`), and stalling / restoring them (`POST /cameras/{id}/...`).
 */
import type { SimulatorStats } from '../src/sim/simulator-stats.ts';

/** Counters summed over some cameras' main streams. */
export interface SentCounters {
  framesSent: number;
  framesSkipped: number;
  bytesSent: number;
  sessionsStarted: number;
  slowClientsDropped: number;
}

const REQUEST_TIMEOUT_MS = 10_000;

/** A client of one simulator's control endpoint. */
export class SimClient {
  constructor(private readonly controlPort: number) {}

  /** The counters of `ids`' main streams, summed. */
  async counters(ids: readonly string[]): Promise<SentCounters> {
    const res = await fetch(this.url('/stats'), {
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    if (!res.ok) throw new Error(`simulator /stats answered ${res.status}`);
    const stats = (await res.json()) as SimulatorStats;
    const wanted = new Set(ids);
    const sum: SentCounters = {
      framesSent: 0,
      framesSkipped: 0,
      bytesSent: 0,
      sessionsStarted: 0,
      slowClientsDropped: 0,
    };
    for (const c of stats.cameras) {
      if (!wanted.has(c.id)) continue;
      for (const k of Object.keys(sum) as (keyof SentCounters)[]) sum[k] += c.main[k];
    }
    return sum;
  }

  /** Stops sending media to `ids` (connections stay open) until `restore`. */
  async stall(ids: readonly string[], seconds: number): Promise<void> {
    for (const id of ids)
      await this.post(`/cameras/${encodeURIComponent(id)}/stall?seconds=${seconds}`);
  }

  /** Ends every fault on `ids`. */
  async restore(ids: readonly string[]): Promise<void> {
    for (const id of ids) await this.post(`/cameras/${encodeURIComponent(id)}/restore`);
  }

  private async post(path: string): Promise<void> {
    const res = await fetch(this.url(path), {
      method: 'POST',
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    if (!res.ok) throw new Error(`simulator ${path} answered ${res.status}: ${await res.text()}`);
  }

  private url(path: string): string {
    return `http://127.0.0.1:${this.controlPort}${path}`;
  }
}

/** `after - before`, field by field. */
export function delta(after: SentCounters, before: SentCounters): SentCounters {
  return {
    framesSent: after.framesSent - before.framesSent,
    framesSkipped: after.framesSkipped - before.framesSkipped,
    bytesSent: after.bytesSent - before.bytesSent,
    sessionsStarted: after.sessionsStarted - before.sessionsStarted,
    slowClientsDropped: after.slowClientsDropped - before.slowClientsDropped,
  };
}
