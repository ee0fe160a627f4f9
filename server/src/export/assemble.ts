/**
 * Turns the fragments chosen for one camera (with their recorded `moof` heads) into the exported
 * movie's video track and the camera's provenance records. Pure: no I/O.
 *
 * Every chosen fragment's whole `mdat` payload is copied, in order, into the movie's `mdat`, so
 * that the recorder's fragment hash can be recomputed from the recorded head and the copied bytes;
 * the sample tables reference only the frames in range (from the key frame at or before the start
 * to the last frame that starts before the end). Frames before the first or after the last one
 * referenced stay in the file as unreferenced bytes, at most one fragment's worth at each end.
 */
import type { MoofSample } from '../media/index.ts';
import type { MovieChunk, MovieSample } from './movie/movie.ts';
import type { PlannedFragment } from './plan.ts';
import type { ProvenanceFragment } from './package-format.ts';
import { GAP_TOLERANCE_90K, movieDurations, movieTimes, wall90kOf } from './timeline-rule.ts';

/** A chosen fragment with what its head says. */
export interface FragmentWithSamples {
  plan: PlannedFragment;
  /** The recorded `moof` + `mdat` header. */
  head: Buffer;
  /** Samples with offsets relative to the fragment's first byte. */
  samples: MoofSample[];
  /** Start of the segment it belongs to, UTC ms (the signed `start_ms`). */
  segmentStartMs: number;
  /** 1-based sample description of its segment in the exported movie. */
  descriptionIndex: number;
}

/** The video part of the movie and the provenance of its frames. */
export interface AssembledVideo {
  samples: MovieSample[];
  chunks: MovieChunk[];
  payloadBytes: number;
  fragments: ProvenanceFragment[];
  /** Wall time of the first frame and the end of the last one, UTC ms. */
  firstMs: number;
  endMs: number;
  /** Holes between frames longer than the tolerance, UTC ms. */
  holes: { fromMs: number; toMs: number }[];
}

/** Assembles the frames of `[fromMs, toMs)` from the chosen fragments (in time order). */
export function assembleVideo(
  chosen: readonly FragmentWithSamples[],
  fromMs: number,
  toMs: number,
): AssembledVideo | undefined {
  const from90k = fromMs * 90;
  const to90k = toMs * 90;
  // Global frame list: [fragment, sample] with wall times.
  const refs: { f: number; s: number; wall: number }[] = [];
  chosen.forEach((c, f) => {
    c.samples.forEach((smp, s) => {
      refs.push({ f, s, wall: wall90kOf(c.segmentStartMs, smp.decodeTime) });
    });
  });
  let start = -1;
  for (let i = 0; i < refs.length; i++) {
    const r = refs[i];
    if (!r || r.wall > from90k) break;
    if (chosen[r.f]?.samples[r.s]?.isKey) start = i;
  }
  if (start < 0) start = refs.findIndex((r) => chosen[r.f]?.samples[r.s]?.isKey === true);
  if (start < 0) return undefined;
  let end = start;
  while (end + 1 < refs.length && (refs[end + 1]?.wall ?? Infinity) < to90k) end++;
  const picked = refs.slice(start, end + 1);
  const sampleOf = (r: { f: number; s: number }): MoofSample => {
    const smp = chosen[r.f]?.samples[r.s];
    if (!smp) throw new RangeError(`missing sample ${r.s} of fragment ${r.f}`);
    return smp;
  };
  const lastRef = picked[picked.length - 1];
  if (!lastRef) return undefined;
  const times = movieTimes(picked.map((r) => r.wall));
  const durations = movieDurations(times, sampleOf(lastRef).durationTicks);

  const samples: MovieSample[] = picked.map((r, i) => {
    const smp = sampleOf(r);
    return {
      size: smp.size,
      durationTicks: durations[i] ?? 1,
      compositionOffsetTicks: smp.compositionOffsetTicks,
      isKey: smp.isKey,
    };
  });

  const chunks: MovieChunk[] = [];
  const fragments: ProvenanceFragment[] = [];
  let payloadOffset = 0;
  let frame = 0;
  const firstF = picked[0]?.f ?? 0;
  const lastF = lastRef.f;
  let next = 0; // picked is in fragment order: its frames of fragment f follow one another
  for (let f = firstF; f <= lastF; f++) {
    const c = chosen[f];
    if (!c) continue;
    const payloadStart = c.head.length;
    const from = next;
    while (next < picked.length && picked[next]?.f === f) next++;
    const inFragment = picked.slice(from, next);
    const first = inFragment[0];
    if (first) {
      const smp = sampleOf(first);
      chunks.push({
        payloadOffset: payloadOffset + smp.offset - payloadStart,
        sampleCount: inFragment.length,
        descriptionIndex: c.descriptionIndex,
      });
      fragments.push({
        segment: c.plan.segment,
        index: c.plan.index,
        head: c.head.toString('base64'),
        size: c.plan.entry.sizeBytes,
        videoOffset: payloadOffset,
        firstFrame: frame,
        skip: first.s,
        count: inFragment.length,
      });
      frame += inFragment.length;
    }
    payloadOffset += c.plan.entry.sizeBytes - payloadStart;
  }

  const holes: { fromMs: number; toMs: number }[] = [];
  picked.forEach((r, i) => {
    const next = picked[i + 1];
    if (!next) return;
    const recorded = sampleOf(r).durationTicks;
    if (next.wall - r.wall - recorded > GAP_TOLERANCE_90K) {
      holes.push({ fromMs: (r.wall + recorded) / 90, toMs: next.wall / 90 });
    }
  });
  const firstWall = picked[0]?.wall ?? 0;
  return {
    samples,
    chunks,
    payloadBytes: payloadOffset,
    fragments,
    firstMs: firstWall / 90,
    endMs:
      (firstWall + (times[times.length - 1] ?? 0) + (durations[durations.length - 1] ?? 0)) / 90,
    holes,
  };
}
