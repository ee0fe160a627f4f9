import { describe, expect, it } from 'vitest';
import type { Alarm } from './alarms-api.ts';
import {
  DEFAULT_FILTER,
  parseAlarm,
  shouldSound,
  visibleAlarms,
  withAlarms,
  withSnapshot,
} from './alarm-model.ts';

const alarm = (id: string, over: Partial<Alarm> = {}): Alarm => ({
  id,
  kind: 'camera_offline',
  priority: 'medium',
  source: 'system',
  state: 'new',
  cameraIds: ['cam-001'],
  message: '',
  params: {},
  eventMs: 0,
  raisedMs: 0,
  raisedBy: null,
  occurrences: 1,
  clearedMs: null,
  acknowledgedMs: null,
  acknowledgedBy: null,
  assignee: null,
  closedMs: null,
  closedBy: null,
  updatedMs: 0,
  commentCount: 0,
  handleable: true,
  ...over,
});

describe('alarm console model', () => {
  it('sorts open before closed, high before low, latest first, and filters', () => {
    let map = withSnapshot(new Map(), [
      alarm('a', { priority: 'low', raisedMs: 5 }),
      alarm('b', { priority: 'high', raisedMs: 1 }),
      alarm('c', { priority: 'high', raisedMs: 3, cameraIds: ['cam-002'] }),
    ]);
    map = withAlarms(map, [alarm('d', { state: 'closed', priority: 'high', raisedMs: 9 })]);
    expect(visibleAlarms(map, DEFAULT_FILTER).map((a) => a.id)).toEqual(['c', 'b', 'a']);
    const all = { ...DEFAULT_FILTER, scope: 'all' as const };
    expect(visibleAlarms(map, all).map((a) => a.id)).toEqual(['c', 'b', 'a', 'd']);
    expect(visibleAlarms(map, { ...all, priority: 'high' }).map((a) => a.id)).toEqual([
      'c',
      'b',
      'd',
    ]);
    expect(visibleAlarms(map, { ...all, camera: 'cam-002' }).map((a) => a.id)).toEqual(['c']);
  });

  it('keeps the newer version of an alarm, and closed ones across a new snapshot', () => {
    let map = withAlarms(new Map(), [alarm('a', { state: 'acknowledged', updatedMs: 10 })]);
    map = withAlarms(map, [alarm('a', { state: 'new', updatedMs: 5 })]);
    expect(map.get('a')?.state).toBe('acknowledged');
    map = withAlarms(map, [alarm('b', { state: 'closed' })]);
    map = withSnapshot(map, [alarm('c')]);
    expect([...map.keys()].sort()).toEqual(['b', 'c']);
  });

  it('sounds only for a new high-priority alarm raised, and reads only well-formed ones', () => {
    expect(shouldSound('raised', alarm('a', { priority: 'high' }))).toBe(true);
    expect(shouldSound('raised', alarm('a', { priority: 'medium' }))).toBe(false);
    expect(shouldSound('commented', alarm('a', { priority: 'high' }))).toBe(false);
    expect(parseAlarm({ id: 'x' })).toBeUndefined();
    expect(parseAlarm(alarm('x'))?.id).toBe('x');
  });
});
