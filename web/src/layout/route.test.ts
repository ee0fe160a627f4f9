import { describe, expect, it } from 'vitest';
import { formatRoute, parseRoute } from './route.ts';

describe('route', () => {
  it('falls back to the default section for an empty hash', () => {
    expect(parseRoute('', 'cameras')).toEqual({ section: 'cameras', param: null });
    expect(parseRoute('#/', 'cameras')).toEqual({ section: 'cameras', param: null });
  });

  it('reads a section and a parameter', () => {
    expect(parseRoute('#/cameras/cam-001', 'x')).toEqual({ section: 'cameras', param: 'cam-001' });
    expect(parseRoute('#/wall', 'x')).toEqual({ section: 'wall', param: null });
  });

  it('round-trips parameters that need encoding', () => {
    const route = { section: 'cameras', param: 'cam/α 1' };
    expect(parseRoute(formatRoute(route), 'x')).toEqual(route);
  });

  it('keeps a malformed escape as text instead of throwing', () => {
    expect(parseRoute('#/cameras/%E0%A4%A', 'x')).toEqual({
      section: 'cameras',
      param: '%E0%A4%A',
    });
  });
});
