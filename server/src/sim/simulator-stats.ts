/**
 * The simulator's counters: per mount (frames, packets and bytes sent, frames skipped, packets
 * corrupted, sessions), the faults in force per camera, and totals. The ingest benchmark compares
 * `framesSent` with the frames its recorder wrote.
 */
import type { Clock } from '../app/index.ts';
import type { MountStats } from './mount.ts';
import type { SimCamera } from './simulator.ts';

/** One mount's counters and what it plays now. */
export interface MountSnapshot extends MountStats {
  path: string;
  codec: string;
  width: number;
  height: number;
  fps: number;
  /** Sessions attached now. */
  sessions: number;
}

/** The faults in force on a camera. */
export interface FaultSnapshot {
  offline: boolean;
  stalled: boolean;
  corruptFraction: number;
  timestampOffsetTicks: number;
}

/** One camera: its streams and faults. */
export interface CameraSnapshot {
  id: string;
  main: MountSnapshot;
  sub: MountSnapshot | undefined;
  faults: FaultSnapshot;
}

/** Everything `stats()` reports. */
export interface SimulatorStats {
  cameras: CameraSnapshot[];
  totals: { framesSent: number; bytesSent: number; packetsSent: number; framesSkipped: number };
  /** Open RTSP connections. */
  connections: number;
}

function mountSnapshot(m: SimCamera['main']): MountSnapshot {
  const s = m.clip.spec;
  return {
    path: m.path,
    codec: s.codec,
    width: s.width,
    height: s.height,
    fps: s.fps,
    sessions: m.listeners.size,
    ...m.stats,
  };
}

/** Collects the counters of every camera. */
export function collectStats(
  cameras: Iterable<SimCamera>,
  clock: Clock,
  connections: number,
): SimulatorStats {
  const now = clock.monotonicMs();
  const totals = { framesSent: 0, bytesSent: 0, packetsSent: 0, framesSkipped: 0 };
  const list: CameraSnapshot[] = [];
  for (const c of cameras) {
    const main = mountSnapshot(c.main);
    const sub = c.sub === undefined ? undefined : mountSnapshot(c.sub);
    for (const m of sub ? [main, sub] : [main]) {
      totals.framesSent += m.framesSent;
      totals.bytesSent += m.bytesSent;
      totals.packetsSent += m.packetsSent;
      totals.framesSkipped += m.framesSkipped;
    }
    list.push({
      id: c.plan.id,
      main,
      sub,
      faults: {
        offline: c.faults.isOffline(now),
        stalled: c.faults.isStalled(now),
        corruptFraction: c.faults.corruptionAt(now),
        timestampOffsetTicks: c.faults.timestampOffsetTicks,
      },
    });
  }
  return { cameras: list, totals, connections };
}
