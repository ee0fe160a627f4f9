import { describe, expect, it } from 'vitest';
import { FakeClock, silentLogger } from '../app/index.ts';
import { startClockDriftMonitor, type ClockDrift } from './clock-drift.ts';

describe('clock drift monitor', () => {
  it('raises beyond the threshold, clears when back in sync or gone, checks every interval', async () => {
    const clock = new FakeClock();
    const offsets = new Map<string, number>([
      ['cam-1', 2_000],
      ['cam-2', -7_400],
    ]);
    const raised: ClockDrift[] = [];
    const cleared: string[] = [];
    const monitor = startClockDriftMonitor({
      clock,
      logger: silentLogger(),
      intervalMs: 60_000,
      thresholdSeconds: 5,
      targets: () =>
        Promise.resolve(
          [...offsets.keys()].map((id) => ({ cameraId: id, deviceUrl: `http://x/${id}` })),
        ),
      readOffsetMs: (t) => {
        const o = offsets.get(t.cameraId);
        return o === undefined ? Promise.reject(new Error('gone')) : Promise.resolve(o);
      },
      onDrift: (d) => raised.push(d),
      onInSync: (id) => cleared.push(id),
    });
    await monitor.checkNow();
    expect(raised).toEqual([{ cameraId: 'cam-2', driftSeconds: -7 }]);
    expect(monitor.drifting()).toEqual([{ cameraId: 'cam-2', driftSeconds: -7 }]);

    offsets.set('cam-2', 1_000);
    offsets.set('cam-1', 3600_000);
    clock.advance(60_000);
    await monitor.checkNow();
    expect(cleared).toEqual(['cam-2']);
    expect(raised.at(-1)).toEqual({ cameraId: 'cam-1', driftSeconds: 3600 });

    offsets.delete('cam-1');
    await monitor.checkNow();
    expect(cleared).toEqual(['cam-2', 'cam-1']);
    monitor.stop();
  });
});
