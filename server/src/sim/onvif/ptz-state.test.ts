import { describe, expect, it } from 'vitest';
import { FULL_SPEED_PER_S, PtzState } from './ptz-state.ts';

describe('PtzState', () => {
  it('integrates a continuous move over time, clamped, until stopped', () => {
    const s = new PtzState();
    s.continuousMove({ pan: 1, tilt: -0.5, zoom: 1 }, 0);
    expect(s.position(1000)).toEqual({ pan: FULL_SPEED_PER_S, tilt: -0.25, zoom: 0.5 });
    expect(s.moving(1000)).toEqual({ panTilt: true, zoom: true });
    expect(s.position(10_000)).toEqual({ pan: 1, tilt: -1, zoom: 1 });
    expect(s.moving(10_000)).toEqual({ panTilt: false, zoom: false });
    s.stop(10_000);
    s.continuousMove({ pan: -1 }, 10_000);
    s.stop(11_000, true, false);
    expect(s.position(20_000).pan).toBeCloseTo(0.5);
  });

  it('stops at the timeout of a continuous move', () => {
    const s = new PtzState();
    s.continuousMove({ pan: 1, tilt: 0, zoom: 0 }, 0, 1000);
    expect(s.position(5000).pan).toBeCloseTo(0.5);
    expect(s.moving(5000).panTilt).toBe(false);
  });

  it('keeps presets and a home position', () => {
    const s = new PtzState();
    s.moveTo({ pan: 0.3, tilt: 0.2, zoom: 0.4 }, 0);
    const t = s.setPreset(0, 'Porto');
    s.setHome(0);
    s.moveBy({ pan: 1 }, 0);
    expect(s.position(0).pan).toBe(1);
    const p = s.preset(t);
    expect(p?.name).toBe('Porto');
    s.moveTo(p?.position ?? {}, 0);
    expect(s.position(0)).toEqual({ pan: 0.3, tilt: 0.2, zoom: 0.4 });
    s.moveTo({ pan: -1 }, 0);
    s.gotoHome(0);
    expect(s.position(0).pan).toBe(0.3);
    expect(s.removePreset(t)).toBe(true);
    expect(s.listPresets()).toEqual([]);
  });
});
