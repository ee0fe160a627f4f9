/**
 * One measurement of the ingest benchmark: start a recorder (Vedetta's or the ffmpeg baseline)
 * on N simulated cameras, let it warm up, measure its CPU (on-CPU time of all its threads) and
 * its peak memory (RSS, PSS) over a fixed window, then withhold media (a simulator stall), read
 * what the simulator sent, stop the recorder cleanly and count what it wrote.
 */
import { cpuNs, cpuNsOf, memoryOfAll, type Memory } from './proc-stats.ts';
import type { Recorders, RecorderTarget } from './ingest-recorders.ts';
import { scanRecordings, type RecordedFiles } from './mp4-frames.ts';
import { delta, type SentCounters, type SimClient } from './sim-client.ts';

/** What one recorder did on N cameras. */
export interface PhaseResult {
  who: string;
  cameras: number;
  windowS: number;
  /** % of one core over the window. */
  cpuPct: number;
  /** The simulator's own CPU over the same window (not counted above), % of one core. */
  simCpuPct: number;
  /** Peak over the window (summed over processes at each sample). */
  memory: Memory;
  /** From the recorder's start to the stall. */
  sent: SentCounters;
  recorded: RecordedFiles;
  /** Frames sent and not found in the files. */
  lost: number;
  notes: string[];
  summary: Record<string, unknown> | undefined;
}

/** How a phase runs. */
export interface PhaseOptions {
  sim: SimClient;
  simPid: number;
  warmupMs: number;
  windowMs: number;
  /** How often memory is sampled during the window. */
  sampleMs?: number;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
/** After the stall, time for frames already on the wire to reach the recorder. */
const DRAIN_MS = 1500;

/** Runs one recorder through warm-up, the measured window and a clean stop. */
export async function runPhase(
  who: string,
  start: (t: RecorderTarget) => Recorders,
  target: RecorderTarget,
  opts: PhaseOptions,
): Promise<PhaseResult> {
  const { sim } = opts;
  const { ids } = target;
  const before = await sim.counters(ids);
  const rec = start(target);
  let stalled = false;
  try {
    await rec.ready(120_000);
    await sleep(opts.warmupMs);

    const cpu0 = cpuNsOf(rec.pids);
    const sim0 = cpuNs(opts.simPid);
    const t0 = process.hrtime.bigint();
    const peak: Memory = { rssKb: 0, pssKb: 0 };
    const end = Date.now() + opts.windowMs;
    for (let left = opts.windowMs; left > 0; left = end - Date.now()) {
      await sleep(Math.min(opts.sampleMs ?? 3000, left));
      const m = memoryOfAll(rec.pids);
      peak.rssKb = Math.max(peak.rssKb, m.rssKb);
      peak.pssKb = Math.max(peak.pssKb, m.pssKb);
    }
    const cpu1 = cpuNsOf(rec.pids);
    const sim1 = cpuNs(opts.simPid);
    const elapsedNs = Number(process.hrtime.bigint() - t0);

    const beforeStall = await sim.counters(ids);
    await sim.stall(ids, 3600);
    stalled = true;
    await sleep(DRAIN_MS);
    // Frames the stall withheld count as skipped by the simulator: take skips from before it.
    const sent = {
      ...delta(await sim.counters(ids), before),
      framesSkipped: beforeStall.framesSkipped - before.framesSkipped,
    };
    await rec.stop(120_000);
    const recorded = scanRecordings(target.dir);
    return {
      who,
      cameras: ids.length,
      windowS: elapsedNs / 1e9,
      cpuPct: ((cpu1 - cpu0) / elapsedNs) * 100,
      simCpuPct: ((sim1 - sim0) / elapsedNs) * 100,
      memory: peak,
      sent,
      recorded,
      lost: sent.framesSent - recorded.frames,
      notes: rec.notes,
      summary: rec.summary,
    };
  } finally {
    await rec.stop(30_000);
    if (stalled) await sim.restore(ids);
  }
}
