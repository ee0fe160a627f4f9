import { describe, expect, it } from 'vitest';
import { loadTransport, readLegacyWall, removeLegacyWall, saveTransport } from './legacy-wall.ts';

function memory(): Storage {
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

describe('the wall kept by earlier versions', () => {
  it('becomes a view, then is forgotten; the transport stays on the workstation', () => {
    const s = memory();
    s.setItem('vedetta.wall.u1', '{"size":4,"tiles":["cam-001",null,"cam-003"],"transport":"mse"}');
    const old = readLegacyWall(s, 'u1');
    expect(old?.view.layout).toBe('4');
    expect(old?.view.places.map((p) => p.cameraId)).toEqual(['cam-001', null, 'cam-003', null]);
    expect(old?.transport).toBe('mse');
    removeLegacyWall(s, 'u1');
    expect(readLegacyWall(s, 'u1')).toBeNull();
    s.setItem('vedetta.wall.u2', 'not json');
    expect(readLegacyWall(s, 'u2')).toBeNull();
    expect(loadTransport(s, 'u1')).toBe('auto');
    saveTransport(s, 'u1', 'webrtc');
    expect(loadTransport(s, 'u1')).toBe('webrtc');
  });
});
