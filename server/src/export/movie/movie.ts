/**
 * What an exported movie is made of, before any byte is written: the video samples and how they
 * are grouped into chunks of the `mdat` payload, the sample descriptions copied from the recorded
 * init segments, and the timed-text samples that carry the wall-clock time.
 */

/** One video sample (a coded picture) of the exported movie. */
export interface MovieSample {
  size: number;
  /** 90 kHz (the track timescale). */
  durationTicks: number;
  compositionOffsetTicks: number;
  isKey: boolean;
}

/** Consecutive samples lying back to back in the `mdat` payload. */
export interface MovieChunk {
  /** Offset of the chunk's first sample in the `mdat` payload (video part). */
  payloadOffset: number;
  sampleCount: number;
  /** 1-based index into the sample descriptions. */
  descriptionIndex: number;
}

/** One timed-text sample. */
export interface MovieText {
  text: string;
  durationMs: number;
}

/** Everything needed to lay out a progressive MP4. */
export interface MovieSpec {
  /** Creation time written in the movie and track headers, UTC ms. */
  creationMs: number;
  video: {
    timescale: number;
    width: number;
    height: number;
    /** Whole sample-entry boxes (`avc1`/`hvc1` with their configuration), as recorded. */
    sampleEntries: Uint8Array[];
    samples: MovieSample[];
    chunks: MovieChunk[];
    /** Bytes of video in the `mdat` payload (sample bytes plus any unreferenced bytes). */
    payloadBytes: number;
  };
  /** The wall-clock subtitle track; omitted for none. */
  text?: MovieText[];
  /** Title, date (ISO 8601) and comment metadata. */
  metadata: { title: string; date: string; comment: string };
}

/** Throws a RangeError naming the first inconsistency of a movie spec. */
export function checkMovieSpec(spec: MovieSpec): void {
  const v = spec.video;
  if (v.samples.length === 0) throw new RangeError('movie has no video sample');
  if (v.sampleEntries.length === 0) throw new RangeError('movie has no sample description');
  let n = 0;
  let end = 0;
  for (const [i, c] of v.chunks.entries()) {
    if (c.sampleCount <= 0) throw new RangeError(`chunk ${i} has no sample`);
    if (c.descriptionIndex < 1 || c.descriptionIndex > v.sampleEntries.length) {
      throw new RangeError(`chunk ${i} names sample description ${c.descriptionIndex}`);
    }
    if (c.payloadOffset < end) throw new RangeError(`chunk ${i} overlaps the previous one`);
    let size = 0;
    for (let k = n; k < n + c.sampleCount; k++) size += v.samples[k]?.size ?? NaN;
    end = c.payloadOffset + size;
    if (!(end <= v.payloadBytes)) throw new RangeError(`chunk ${i} runs past the video payload`);
    n += c.sampleCount;
  }
  if (n !== v.samples.length) {
    throw new RangeError(`chunks hold ${n} samples, the movie has ${v.samples.length}`);
  }
  for (const [i, s] of v.samples.entries()) {
    if (!(s.durationTicks > 0 && s.durationTicks < 2 ** 32)) {
      throw new RangeError(`sample ${i} has duration ${s.durationTicks}`);
    }
  }
}
