import { describe, expect, it } from 'vitest';
import type { Alarm } from '../alarms/index.ts';
import type { Camera } from '../api/index.ts';
import { alarmEvents, alarmReadable } from './use-playback-alarms.ts';

const alarm = (over: Partial<Alarm>): Alarm =>
  ({
    id: 'a1',
    kind: 'camera_offline',
    cameraIds: ['cam-001'],
    eventMs: 1000,
    clearedMs: 5000,
    ...over,
  }) as Alarm;

describe('alarms in the recent events strip', () => {
  it('asks only for cameras whose alarms the user may see', () => {
    const cameras = [
      { id: 'cam-001', callerPermissions: ['playback.view', 'live.view'] },
      { id: 'cam-002', callerPermissions: ['playback.view'] },
      { id: 'cam-003', callerPermissions: ['playback.view', 'alarm.handle'] },
    ] as Camera[];
    expect(alarmReadable(cameras, ['cam-001', 'cam-002', 'cam-003', 'cam-009'])).toEqual([
      'cam-001',
      'cam-003',
    ]);
  });

  it('turns alarms on the played cameras into events at their moment', () => {
    const events = alarmEvents(
      [
        alarm({}),
        alarm({ id: 'a2', cameraIds: ['cam-007'] }),
        alarm({ id: 'a3', cameraIds: ['cam-002', 'cam-001'], clearedMs: null }),
      ],
      ['cam-001', 'cam-002'],
      (a) => `title ${a.id}`,
    );
    expect(events).toEqual([
      expect.objectContaining({
        key: 'alarm:a1',
        kind: 'alarm',
        cameraId: 'cam-001',
        fromMs: 1000,
        toMs: 5000,
        jumpMs: 1000,
        title: 'title a1',
      }),
      expect.objectContaining({
        key: 'alarm:a3',
        cameraId: 'cam-002',
        cameraIds: ['cam-002', 'cam-001'],
        toMs: null,
      }),
    ]);
  });
});
