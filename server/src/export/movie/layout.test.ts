import { describe, expect, it } from 'vitest';
import { readBoxHeader } from '../../media/index.ts';
import { layoutMovie } from './layout.ts';
import type { MovieChunk, MovieSample, MovieSpec } from './movie.ts';
import { readMovieTracks } from './movie-reader.ts';

/** An `avc1` sample entry; its contents do not matter to the layout. */
function sampleEntry(): Uint8Array {
  const e = new Uint8Array(16);
  e.set([0, 0, 0, 16, 0x61, 0x76, 0x63, 0x31]);
  return e;
}

/** `n` samples of `size` bytes, `perChunk` to a chunk, chunks `gap` bytes apart. */
function spec(n: number, size: number, perChunk: number, gap: number, tail: number): MovieSpec {
  const samples: MovieSample[] = Array.from({ length: n }, (_, i) => ({
    size,
    durationTicks: 3600,
    compositionOffsetTicks: 0,
    isKey: i % perChunk === 0,
  }));
  const chunks: MovieChunk[] = [];
  let end = 0;
  for (let i = 0; i < n; i += perChunk) {
    chunks.push({ payloadOffset: end, sampleCount: perChunk, descriptionIndex: 1 });
    end += perChunk * size + gap;
  }
  return {
    creationMs: Date.UTC(2026, 2, 1),
    video: {
      timescale: 90_000,
      width: 1920,
      height: 1080,
      sampleEntries: [sampleEntry()],
      samples,
      chunks,
      payloadBytes: end + tail,
    },
    text: [
      { text: 'one', durationMs: 1000 },
      { text: 'two', durationMs: 1000 },
    ],
    metadata: { title: 't', date: 'd', comment: 'c' },
  };
}

/** Lays out the movie and reads its sample tables back: [file offsets by track, layout]. */
function laidOut(s: MovieSpec): [number[][], ReturnType<typeof layoutMovie>, string] {
  const layout = layoutMovie(s);
  const ftyp = readBoxHeader(layout.head, 0);
  const moov = ftyp && readBoxHeader(layout.head, ftyp.end);
  if (!moov || moov.type !== 'moov') throw new Error('no moov after ftyp');
  const moovBytes = layout.head.subarray(moov.start, moov.end);
  const tracks = readMovieTracks(moovBytes);
  const offsets = tracks.map((t) => t.samples.map((x) => x.offset));
  const co = moovBytes.includes('co64') ? 'co64' : 'stco';
  return [offsets, layout, co];
}

describe('movie layout', () => {
  it('points the chunk offsets of both tracks at the payload (32-bit offsets)', () => {
    const [offsets, layout, co] = laidOut(spec(6, 100, 2, 10, 5));
    const v = layout.videoPayloadOffset;
    expect(co).toBe('stco');
    expect(offsets[0]).toEqual([v, v + 100, v + 210, v + 310, v + 420, v + 520]);
    expect(offsets[1]).toEqual([v + 635, v + 635 + 5]);
    expect(layout.totalSize).toBe(layout.head.length + 635 + layout.textPayload.length);
  });

  it('switches to 64-bit offsets when the video payload alone reaches 4 GiB', () => {
    // 64 samples of 64 MiB, and 64 MiB unreferenced at the end: 4 GiB + 64 MiB of video.
    const s = spec(64, 2 ** 26, 4, 0, 2 ** 26);
    const [offsets, layout, co] = laidOut(s);
    const v = layout.videoPayloadOffset;
    expect(co).toBe('co64');
    expect(offsets[0]?.[63]).toBe(v + 63 * 2 ** 26);
    expect(offsets[1]).toEqual([v + 2 ** 32 + 2 ** 26, v + 2 ** 32 + 2 ** 26 + 5]);
    expect(layout.totalSize).toBe(v + 2 ** 32 + 2 ** 26 + 10);
    const mdat = readBoxHeader(layout.head, layout.head.length - 16);
    expect(mdat).toMatchObject({ type: 'mdat', headerSize: 16, end: layout.totalSize });
  });
});
