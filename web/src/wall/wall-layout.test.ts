import { describe, expect, it } from 'vitest';
import {
  assign,
  clearTile,
  DEFAULT_WALL,
  firstEmpty,
  loadWall,
  resize,
  saveWall,
  withKnownCameras,
} from './wall-layout.ts';

function memoryStorage(): Storage {
  const m = new Map<string, string>();
  return {
    get length() {
      return m.size;
    },
    clear: () => m.clear(),
    getItem: (k) => m.get(k) ?? null,
    key: (i) => [...m.keys()][i] ?? null,
    removeItem: (k) => void m.delete(k),
    setItem: (k, v) => void m.set(k, v),
  };
}

describe('wall layout', () => {
  it('resizes keeping the first tiles and pads with empty tiles', () => {
    const four = assign(assign(DEFAULT_WALL, 0, 'cam-001'), 3, 'cam-004');
    expect(resize(four, 1).tiles).toEqual(['cam-001']);
    const nine = resize(four, 9);
    expect(nine.tiles).toHaveLength(9);
    expect(nine.tiles.slice(0, 4)).toEqual(['cam-001', null, null, 'cam-004']);
  });

  it('moves a camera that is already on the wall instead of showing it twice', () => {
    const w = assign(assign(DEFAULT_WALL, 0, 'cam-001'), 2, 'cam-001');
    expect(w.tiles).toEqual([null, null, 'cam-001', null]);
    expect(firstEmpty(w)).toBe(0);
    expect(clearTile(w, 2).tiles).toEqual([null, null, null, null]);
    expect(assign(w, 7, 'cam-002')).toBe(w);
  });

  it('saves per user and reads back; garbage gives the default wall', () => {
    const s = memoryStorage();
    const w = { ...assign(resize(DEFAULT_WALL, 9), 4, 'cam-005'), transport: 'mse' as const };
    saveWall(s, 'u1', w);
    expect(loadWall(s, 'u1')).toEqual(w);
    expect(loadWall(s, 'u2')).toEqual(DEFAULT_WALL);
    s.setItem('vedetta.wall.u3', '{"size":5}');
    expect(loadWall(s, 'u3')).toEqual(DEFAULT_WALL);
    s.setItem('vedetta.wall.u4', 'not json');
    expect(loadWall(s, 'u4')).toEqual(DEFAULT_WALL);
    s.setItem('vedetta.wall.u5', '{"size":4,"tiles":[1,"cam-001"],"transport":"x"}');
    expect(loadWall(s, 'u5')).toEqual({
      size: 4,
      tiles: [null, 'cam-001', null, null],
      transport: 'auto',
    });
  });

  it('drops cameras that no longer exist or are no longer visible', () => {
    const w = assign(assign(DEFAULT_WALL, 0, 'cam-001'), 1, 'cam-002');
    expect(withKnownCameras(w, new Set(['cam-002'])).tiles).toEqual([null, 'cam-002', null, null]);
  });
});
