import { describe, expect, it } from 'vitest';
import {
  EMPTY_ALARMS,
  HISTORY_LIMIT,
  parseAlarm,
  withChange,
  withSnapshot,
  type Alarm,
} from './alarm-model.ts';

const offline: Alarm = {
  key: 'camera.offline:cam-001',
  kind: 'camera_offline',
  severity: 'critical',
  message: 'connection refused',
  cameraIds: ['cam-001'],
  sinceMs: 2000,
};

describe('alarm model', () => {
  it('keeps one active alarm per key and a bounded history, newest first', () => {
    let s = withSnapshot(EMPTY_ALARMS, [offline]);
    const gap: Alarm = {
      ...offline,
      key: 'recording.gap:cam-001',
      kind: 'recording_gap',
      sinceMs: 1000,
    };
    s = withChange(s, 'raised', gap, 3000);
    expect(s.active.map((a) => a.key)).toEqual([gap.key, offline.key]);
    s = withChange(s, 'raised', { ...offline, message: 'timeout' }, 3500);
    expect(s.active).toHaveLength(2);
    s = withChange(s, 'cleared', offline, 4000);
    expect(s.active.map((a) => a.key)).toEqual([gap.key]);
    expect(s.history.map((h) => h.type)).toEqual(['cleared', 'raised', 'raised']);
    for (let i = 0; i < 200; i++) s = withChange(s, 'raised', gap, i);
    expect(s.history).toHaveLength(HISTORY_LIMIT);
  });

  it('refuses malformed alarms', () => {
    expect(parseAlarm(offline)).toEqual(offline);
    expect(parseAlarm({ ...offline, kind: 'fire' })).toBeUndefined();
    expect(parseAlarm(null)).toBeUndefined();
    expect(parseAlarm({ ...offline, cameraIds: ['a', 3], severity: 'x' })).toMatchObject({
      cameraIds: ['a'],
      severity: 'warning',
    });
  });
});
