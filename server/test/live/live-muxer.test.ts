/** The MSE muxer on a real encoded clip: what the browser appends, checked by reading it back. */
import { beforeAll, describe, expect, it } from 'vitest';
import type { TimedAccessUnit } from '../../src/ingest/types.ts';
import { LiveMuxer, sampleNalus } from '../../src/live/live-muxer.ts';
import { parseInitSegment, readFragmentSamples } from '../../src/media/mp4/index.ts';
import { loadClip, type ClipFrames } from '../recording/support.ts';

let clip: ClipFrames;
beforeAll(async () => {
  clip = await loadClip('h264');
});

function frame(k: number, pts90k: number): TimedAccessUnit {
  const pic = clip.frames[k % clip.frames.length];
  if (pic === undefined) throw new Error('empty clip');
  return {
    codec: 'h264',
    nalus: pic.nalus,
    isKey: pic.isKey,
    rtpTimestamp: pts90k,
    pts90k,
    wallMs: 1000 + pts90k / 90,
  };
}

describe('LiveMuxer', () => {
  it('leaves parameter sets and delimiters out of samples', () => {
    const types = sampleNalus(frame(0, 0)).map((n) => (n[0] ?? 0) & 0x1f);
    expect(types).not.toContain(7);
    expect(types).not.toContain(8);
    expect(types).not.toContain(9);
    expect(types).toContain(5);
  });

  it('starts at a key frame, one fragment per frame, media time from zero', () => {
    const m = new LiveMuxer();
    expect(m.fragment(frame(0, 0))).toBeUndefined();
    const init = m.init(clip.info);
    expect(init.mimeType).toBe(`video/mp4; codecs="${clip.info.codecString}"`);
    const parsed = parseInitSegment(init.segment);
    expect(parsed).toMatchObject({ timescale: 90_000, width: 320, height: 240 });
    expect(m.fragment(frame(1, 1000))).toBeUndefined();
    const first = m.fragment(frame(0, 9000));
    const second = m.fragment(frame(1, 12_600));
    expect(first).toMatchObject({ isKey: true, mediaTime: 0, wallMs: 1100 });
    expect(second?.mediaTime).toBeCloseTo(0.04);
    const bytes = second?.bytes ?? new Uint8Array();
    const samples = readFragmentSamples(
      bytes,
      { start: 0, end: bytes.length },
      parsed.sampleDefaults,
    );
    expect(samples).toHaveLength(1);
    expect(samples[0]).toMatchObject({ decodeTime: 3600, durationTicks: 3600, isKey: false });
    // A repeated timestamp still moves decode time forward.
    expect(m.fragment(frame(2, 12_600))?.mediaTime).toBeGreaterThan(0.04);
    m.stop();
    expect(m.fragment(frame(0, 20_000))).toBeUndefined();
  });
});
