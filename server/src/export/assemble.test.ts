import { describe, expect, it } from 'vitest';
import type { MoofSample } from '../media/mp4/index.ts';
import { assembleVideo, type FragmentWithSamples } from './assemble.ts';

const T0 = Date.UTC(2026, 2, 1, 10, 0, 0);
const HEAD = 40;
const FRAME = 10;

/** Fragment `i` of one segment: 25 frames of 40 ms, a key frame first when `key`. */
function fragment(i: number, key: boolean): FragmentWithSamples {
  const samples: MoofSample[] = Array.from({ length: 25 }, (_, s) => ({
    offset: HEAD + s * FRAME,
    size: FRAME,
    durationTicks: 3600,
    decodeTime: (i * 25 + s) * 3600,
    compositionOffsetTicks: 0,
    isKey: key && s === 0,
  }));
  const sizeBytes = HEAD + 25 * FRAME;
  return {
    plan: {
      segment: 0,
      index: i,
      entry: {
        byteOffset: i * sizeBytes,
        sizeBytes,
        decodeTime90k: i * 90_000,
        duration90k: 90_000,
        frameCount: 25,
        startsWithKey: key,
        sha256: new Uint8Array(32),
      },
      startMs: T0 + i * 1000,
    },
    head: Buffer.alloc(HEAD),
    samples,
    segmentStartMs: T0,
    descriptionIndex: 1,
  };
}

describe('assembleVideo', () => {
  it('maps each fragment to one chunk and one provenance record, in order', () => {
    // 2 s GOP: fragments 0, 2, 4 start with a key frame; the range starts inside fragment 3.
    const chosen = Array.from({ length: 6 }, (_, i) => fragment(i, i % 2 === 0));
    const video = assembleVideo(chosen, T0 + 3500, T0 + 5500);
    expect(video).toBeDefined();
    if (!video) return;
    // From the key frame of fragment 2 to the last frame starting before 5.5 s (fragment 5, frame 12).
    expect(video.samples).toHaveLength(25 + 25 + 25 + 13);
    expect(video.fragments.map((f) => [f.index, f.firstFrame, f.skip, f.count])).toEqual([
      [2, 0, 0, 25],
      [3, 25, 0, 25],
      [4, 50, 0, 25],
      [5, 75, 0, 13],
    ]);
    const payload = 25 * FRAME;
    expect(video.fragments.map((f) => f.videoOffset)).toEqual([0, 1, 2, 3].map((k) => k * payload));
    expect(video.chunks.map((c) => [c.payloadOffset, c.sampleCount])).toEqual([
      [0, 25],
      [payload, 25],
      [2 * payload, 25],
      [3 * payload, 13],
    ]);
    expect(video.payloadBytes).toBe(4 * payload);
    expect(video.holes).toEqual([]);
  });

  it('assembles an hour: 3,600 fragments, 90,000 frames', () => {
    const chosen = Array.from({ length: 3600 }, (_, i) => fragment(i, i % 2 === 0));
    const video = assembleVideo(chosen, T0, T0 + 3_600_000);
    expect(video?.samples).toHaveLength(90_000);
    expect(video?.fragments).toHaveLength(3600);
    expect(video?.fragments.at(-1)).toMatchObject({ index: 3599, firstFrame: 89_975, count: 25 });
  });
});
