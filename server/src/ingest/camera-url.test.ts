import { describe, expect, it } from 'vitest';
import { parseCameraUrl } from './camera-url.ts';
import { IngestError } from './errors.ts';

describe('parseCameraUrl', () => {
  it('splits host, port and a credential-free URL', () => {
    expect(parseCameraUrl('rtsp://10.0.0.7/Streaming/Channels/101')).toEqual({
      host: '10.0.0.7',
      port: 554,
      url: 'rtsp://10.0.0.7/Streaming/Channels/101',
    });
    expect(parseCameraUrl('rtsp://[::1]:8554/cam?x=1')).toMatchObject({ host: '::1', port: 8554 });
  });

  it('moves user information out of the URL into credentials', () => {
    const a = parseCameraUrl('rtsp://admin:p%40ss@cam.local:8554/live');
    expect(a.url).toBe('rtsp://cam.local:8554/live');
    expect(a.credentials).toEqual({ username: 'admin', password: 'p@ss' });
  });

  it('names what is wrong with a bad URL, definitively', () => {
    for (const [text, message] of [
      ['not a url', 'camera URL is not a valid URL'],
      ['http://cam/live', 'camera URL scheme http: is not rtsp:'],
    ] as const) {
      let caught: unknown;
      try {
        parseCameraUrl(text);
      } catch (e) {
        caught = e;
      }
      expect(caught).toBeInstanceOf(IngestError);
      expect((caught as IngestError).message).toBe(message);
      expect((caught as IngestError).definitive).toBe(true);
    }
  });
});
