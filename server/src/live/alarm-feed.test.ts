import { describe, expect, it } from 'vitest';
import { FakeClock } from '../app/clock.ts';
import { AlarmFeed, type AlarmChange, type BoardAlarm } from './alarm-feed.ts';

function board() {
  const listeners = new Set<(a: BoardAlarm, on: boolean) => void>();
  const active = new Map<string, BoardAlarm>();
  return {
    active: () => [...active.values()],
    onChange(fn: (a: BoardAlarm, on: boolean) => void) {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
    raise(a: BoardAlarm) {
      active.set(a.key, a);
      for (const l of listeners) l(a, true);
    },
    clear(key: string) {
      const a = active.get(key);
      active.delete(key);
      if (a) for (const l of listeners) l(a, false);
    },
    listeners,
  };
}

describe('AlarmFeed', () => {
  it('raises and clears camera-offline and recording-gap alarms from polled state', () => {
    const clock = new FakeClock(1_000_000);
    let state = 'online';
    let gap: { cause: string; message: string } | undefined;
    const feed = new AlarmFeed(
      {
        streamStates: () => [
          { cameraId: 'cam-001', stream: 'main', state, message: 'connection refused' },
          { cameraId: 'cam-001', stream: 'sub', state: 'offline' },
        ],
        recordingGaps: () => [{ cameraId: 'cam-001', open: gap }],
      },
      clock,
      1000,
    );
    const changes: AlarmChange[] = [];
    const stop = feed.subscribe((c) => changes.push(c));
    expect(changes).toEqual([]);

    state = 'offline';
    gap = { cause: 'offline', message: 'camera offline' };
    clock.advance(1000);
    expect(changes.map((c) => [c.type, c.alarm.kind, c.alarm.message])).toEqual([
      ['raised', 'camera_offline', 'connection refused'],
      ['raised', 'recording_gap', 'offline: camera offline'],
    ]);
    expect(feed.list().map((a) => a.key)).toEqual([
      'camera.offline:cam-001',
      'recording.gap:cam-001',
    ]);
    clock.advance(5000);
    expect(changes).toHaveLength(2);

    state = 'online';
    gap = undefined;
    clock.advance(1000);
    expect(changes.slice(2).map((c) => [c.type, c.alarm.kind])).toEqual([
      ['cleared', 'camera_offline'],
      ['cleared', 'recording_gap'],
    ]);
    expect(changes[0]?.alarm.sinceMs).toBe(1_001_000);
    stop();
  });

  it('forwards the retention board at once and stops listening when nobody listens', () => {
    const clock = new FakeClock(0);
    const b = board();
    const feed = new AlarmFeed({ board: b }, clock);
    const changes: AlarmChange[] = [];
    const stop = feed.subscribe((c) => changes.push(c));
    b.raise({
      key: 'storage.low',
      kind: 'storage.low',
      severity: 'critical',
      message: '3% free',
      cameraIds: [],
    });
    expect(changes[0]).toMatchObject({
      type: 'raised',
      alarm: { kind: 'disk_pressure', message: '3% free' },
    });
    b.clear('storage.low');
    expect(changes[1]).toMatchObject({ type: 'cleared', alarm: { kind: 'disk_pressure' } });
    stop();
    expect(b.listeners.size).toBe(0);
    b.raise({
      key: 'retention.failed',
      kind: 'retention.failed',
      severity: 'warning',
      message: 'x',
      cameraIds: [],
    });
    expect(changes).toHaveLength(2);
    expect(feed.list().map((a) => a.kind)).toEqual(['other']);
  });
});
