import { describe, expect, it } from 'vitest';
import { parseSegmentPath, segmentRelativePath } from './segment-path.ts';

describe('segment paths', () => {
  it('lay segments out by camera, stream and UTC day', () => {
    const start = Date.UTC(2026, 11, 31, 23, 59, 30, 123);
    expect(segmentRelativePath('cam-7', 'main', start)).toBe(`cam-7/main/2026/12/31/${start}.mp4`);
    expect(segmentRelativePath('cam-7', 'sub', start, 2)).toBe(
      `cam-7/sub/2026/12/31/${start}-2.mp4`,
    );
  });

  it('parse back what they lay out and nothing else', () => {
    const start = Date.UTC(2026, 0, 2, 3, 4, 5);
    expect(parseSegmentPath(segmentRelativePath('7', 'main', start, 1))).toEqual({
      cameraId: '7',
      stream: 'main',
      startMs: start,
      suffix: 1,
    });
    expect(parseSegmentPath(`7/main/2026/01/03/${start}.mp4`)).toBeUndefined();
    expect(parseSegmentPath(`../main/2026/01/02/${start}.mp4`)).toBeUndefined();
    expect(parseSegmentPath(`7/main/2026/01/02/${start}.mp4.tmp`)).toBeUndefined();
  });

  it('refuse camera ids that are not one safe path component', () => {
    expect(() => segmentRelativePath('../etc', 'main', 0)).toThrow(
      /cannot name a recording folder/,
    );
    expect(() => segmentRelativePath('a/b', 'main', 0)).toThrow(/cannot name a recording folder/);
  });
});
