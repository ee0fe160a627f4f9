import { describe, expect, it } from 'vitest';
import { IngestError } from './errors.ts';
import { measuredFps } from './probe.ts';
import { probeFailureOf } from './probe-failure.ts';

describe('probeFailureOf', () => {
  const offline = (m: string) => new IngestError('offline', m);
  it('names the cause from the client message and the phase', () => {
    expect(
      probeFailureOf(offline('authentication failed: camera refused the credentials'), 'opening'),
    ).toBe('authentication');
    expect(
      probeFailureOf(
        offline('DESCRIBE: camera requires authentication and no credentials'),
        'opening',
      ),
    ).toBe('authentication');
    expect(
      probeFailureOf(offline('DESCRIBE rtsp://h/x: camera answered 404 Not Found'), 'opening'),
    ).toBe('not_found');
    expect(
      probeFailureOf(
        new IngestError('error', 'camera offers no H.264 or H.265 video (found: MJPEG)'),
        'opening',
      ),
    ).toBe('codec_unsupported');
    expect(
      probeFailureOf(
        new IngestError('error', 'camera offers no H.264 or H.265 video (found: no video)'),
        'opening',
      ),
    ).toBe('no_video');
    expect(probeFailureOf(offline('connect to 10.0.0.1:554: ECONNREFUSED'), 'opening')).toBe(
      'unreachable',
    );
    expect(probeFailureOf(offline('connection closed by the camera'), 'playing')).toBe('no_video');
    expect(probeFailureOf(new IngestError('error', 'camera data: bad RTP'), 'playing')).toBe(
      'protocol',
    );
  });
});

describe('measuredFps', () => {
  it('counts frame intervals over stream time', () => {
    const frames = Array.from({ length: 26 }, (_, i) => ({ pts90k: i * 3600 }));
    expect(measuredFps(frames)).toBe(25);
    expect(measuredFps(frames.slice(0, 1))).toBeNull();
  });
});
