import { describe, expect, it } from 'vitest';
import { recentEvents, type PlaybackEvent } from './events-model.ts';

const motion = (cameraId: string, fromMs: number): PlaybackEvent => ({
  key: `ev:${cameraId}:${fromMs}`,
  kind: 'camera-event',
  eventKind: 'motion',
  cameraId,
  fromMs,
  toMs: fromMs + 5_000,
  jumpMs: fromMs,
});
const alarm = (kind: string, cameraId: string, fromMs: number): PlaybackEvent => ({
  key: `alarm:${kind}:${cameraId}`,
  kind: 'alarm',
  alarmKind: kind,
  cameraId,
  fromMs,
  toMs: null,
  jumpMs: fromMs,
});

describe('recent events', () => {
  it('shows a camera event that raised an alarm once, as the alarm', () => {
    const keys = recentEvents(
      [],
      [
        motion('cam-001', 10_000),
        alarm('camera_motion', 'cam-001', 10_400), // the alarm of that motion
        motion('cam-001', 60_000), // a motion without an alarm
        motion('cam-002', 10_000), // another camera's
        alarm('camera_offline', 'cam-002', 10_000), // an alarm of another kind
      ],
    ).map((e) => e.key);
    expect(keys).toEqual([
      'ev:cam-001:60000',
      'alarm:camera_motion:cam-001',
      'ev:cam-002:10000',
      'alarm:camera_offline:cam-002',
    ]);
  });
});
