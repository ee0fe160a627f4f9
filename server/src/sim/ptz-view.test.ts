import { describe, expect, it } from 'vitest';
import { clipKey, normaliseClip } from './clip-spec.ts';
import { videoFilter } from './ffmpeg-args.ts';
import { quantiseView, viewFilter } from './ptz-view.ts';

describe('dome views', () => {
  it('quantises a position to 9 pan, 5 tilt and 3 zoom steps', () => {
    expect(quantiseView({ pan: -1, tilt: -1, zoom: 0 })).toEqual({ pan: 0, tilt: 0, zoom: 0 });
    expect(quantiseView({ pan: 0, tilt: 0, zoom: 0.5 })).toEqual({ pan: 4, tilt: 2, zoom: 1 });
    expect(quantiseView({ pan: 1, tilt: 1, zoom: 1 })).toEqual({ pan: 8, tilt: 4, zoom: 2 });
    expect(quantiseView({ pan: 0.3, tilt: -0.6, zoom: 0.9 })).toEqual({ pan: 5, tilt: 1, zoom: 2 });
  });

  it('crops a window of a scene twice the picture, smaller when zoomed', () => {
    expect(viewFilter({ pan: 0, tilt: 4, zoom: 0 }, 1280, 720, 25)).toBe(
      'testsrc2=size=2560x1440:rate=25,crop=1280:720:0:0,scale=1280:720',
    );
    expect(viewFilter({ pan: 8, tilt: 0, zoom: 2 }, 1280, 720, 25)).toBe(
      'testsrc2=size=2560x1440:rate=25,crop=640:360:1920:1080,scale=1280:720',
    );
  });

  it('makes a view part of the clip and of its cache key, and leaves fixed clips unchanged', () => {
    const fixed = normaliseClip({ codec: 'h264', width: 320, height: 180 });
    const view = normaliseClip({
      codec: 'h264',
      width: 320,
      height: 180,
      view: { pan: 1, tilt: 2, zoom: 0 },
    });
    expect('view' in fixed).toBe(false);
    expect(clipKey(view)).not.toBe(clipKey(fixed));
    expect(videoFilter(view, undefined, '/dev/null')).toContain('crop=');
    expect(videoFilter(fixed, undefined, '/dev/null')).toBe('testsrc=size=320x180:rate=25');
    expect(() =>
      normaliseClip({ codec: 'h264', width: 320, height: 180, view: { pan: 9, tilt: 0, zoom: 0 } }),
    ).toThrow(/view/);
  });
});
