import { describe, expect, it } from 'vitest';
import { streamPathOf } from './paths.ts';

describe('streamPathOf', () => {
  it('reads camera, stream and track from absolute and relative URIs', () => {
    expect(streamPathOf('rtsp://h:8554/cam-001/main')).toEqual({
      cameraId: 'cam-001',
      stream: 'main',
      track: false,
    });
    expect(streamPathOf('rtsps://h/cam-001/sub/trackID=0')).toEqual({
      cameraId: 'cam-001',
      stream: 'sub',
      track: true,
    });
    expect(streamPathOf('/cam-001/main/')).toMatchObject({ cameraId: 'cam-001' });
  });

  it('refuses anything else', () => {
    for (const uri of [
      'rtsp://h/cam-001',
      'rtsp://h/cam-001/third',
      'rtsp://h/a/b/main',
      'http://h/cam-001/main',
      'rtsp://h/%zz/main',
      'rtsp://h/..%2F/main',
      '*',
    ]) {
      expect(streamPathOf(uri), uri).toBeUndefined();
    }
  });
});
