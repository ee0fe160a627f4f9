import { describe, expect, it } from 'vitest';
import { parsePlaybackParam, playbackHref, playbackParam } from './playback-link.ts';
import { bookmarkQueryString } from './bookmarks-api.ts';

describe('playback link', () => {
  it('carries cameras and an instant, and reads a bare camera id', () => {
    const at = Date.UTC(2026, 2, 3, 20, 5, 0);
    expect(parsePlaybackParam(playbackParam(['cam-012', 'cam-013'], at))).toEqual({
      cameraIds: ['cam-012', 'cam-013'],
      atMs: at,
    });
    expect(playbackHref(['cam-012'], at)).toBe(
      '#/recordings/cam-012%402026-03-03T20%3A05%3A00.000Z',
    );
    expect(parsePlaybackParam('cam-001')).toEqual({ cameraIds: ['cam-001'], atMs: null });
  });

  it('reads what a person types: spaces, repeats, offsets, a bad or missing instant', () => {
    const at = Date.UTC(2026, 2, 3, 20, 5, 0);
    expect(parsePlaybackParam(' cam-001 ,,cam-002,cam-001@2026-03-03T21:05:00+01:00')).toEqual({
      cameraIds: ['cam-001', 'cam-002'],
      atMs: at,
    });
    expect(parsePlaybackParam('cam-001@ieri')).toEqual({ cameraIds: ['cam-001'], atMs: null });
    expect(parsePlaybackParam('cam-001@')).toEqual({ cameraIds: ['cam-001'], atMs: null });
    expect(parsePlaybackParam('')).toEqual({ cameraIds: [], atMs: null });
  });

  it('reads an instant without a zone on the wall clock it is given', () => {
    const seen: string[] = [];
    const local = (text: string) => {
      seen.push(text);
      return 42;
    };
    expect(parsePlaybackParam('cam-001@2026-03-03T21:05', local).atMs).toBe(42);
    expect(parsePlaybackParam('cam-001@2026-03-03T20:05:00Z', local).atMs).toBe(
      Date.UTC(2026, 2, 3, 20, 5, 0),
    );
    expect(seen).toEqual(['2026-03-03T21:05']);
  });

  it('builds the listing query', () => {
    expect(bookmarkQueryString({ cameraIds: ['a', 'b'], fromMs: 0, text: ' furgone ' })).toBe(
      'camera=a%2Cb&from=1970-01-01T00%3A00%3A00.000Z&q=furgone',
    );
    expect(bookmarkQueryString({})).toBe('');
  });
});
