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

  it('builds the listing query', () => {
    expect(bookmarkQueryString({ cameraIds: ['a', 'b'], fromMs: 0, text: ' furgone ' })).toBe(
      'camera=a%2Cb&from=1970-01-01T00%3A00%3A00.000Z&q=furgone',
    );
    expect(bookmarkQueryString({})).toBe('');
  });
});
