import { describe, expect, it } from 'vitest';
import {
  addRecentReason,
  loadRecentReasons,
  recentReasonsKey,
  rememberReason,
} from './recent-reasons.ts';

/** A Storage stand-in over a Map. */
function memoryStorage(): Pick<Storage, 'getItem' | 'setItem'> & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return {
    map,
    getItem: (k) => map.get(k) ?? null,
    setItem: (k, v) => void map.set(k, v),
  };
}

describe('recent reasons', () => {
  it('puts the latest first, once, at most five', () => {
    let list: string[] = [];
    for (const r of ['a', 'b', 'c', 'd', 'e', 'f']) list = addRecentReason(list, r);
    expect(list).toEqual(['f', 'e', 'd', 'c', 'b']);
    list = addRecentReason(list, '  C ');
    expect(list).toEqual(['C', 'f', 'e', 'd', 'b']);
    expect(addRecentReason(list, '   ')).toEqual(list);
  });

  it('is kept per user and survives a bad entry', () => {
    const s = memoryStorage();
    rememberReason(s, 'u1', 'Rapina via Roma');
    rememberReason(s, 'u1', 'Incidente');
    rememberReason(s, 'u2', 'Altro');
    expect(loadRecentReasons(s, 'u1')).toEqual(['Incidente', 'Rapina via Roma']);
    expect(loadRecentReasons(s, 'u2')).toEqual(['Altro']);
    s.map.set(recentReasonsKey('u3'), '{not json');
    expect(loadRecentReasons(s, 'u3')).toEqual([]);
    s.map.set(recentReasonsKey('u4'), JSON.stringify(['ok', 3, '']));
    expect(loadRecentReasons(s, 'u4')).toEqual(['ok']);
  });
});
