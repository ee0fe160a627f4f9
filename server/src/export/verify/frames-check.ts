/**
 * "Unchanged since recorded": checks that every frame of an exported video is byte-identical to
 * what the recorder signed when it wrote it. For each segment the package draws on, the recorder's
 * statement signature, the init segment's hash and the chain digest over the per-fragment hashes
 * are checked; then each copied fragment is rebuilt from its recorded head (in the provenance
 * file) and the bytes found in the exported video, and its SHA-256 compared with the signed list.
 * Finally every frame the video's sample tables reference must lie exactly where its recorded
 * `moof` puts it inside a verified fragment, with the same size, key flag, sample description and
 * timing rule, so no frame is unaccounted for.
 */
import { createHash } from 'node:crypto';
import type { PublicKeyInfo } from '../../keys/index.ts';
import { parseInitSegment, readBoxHeader, type MoofSample, parseMoof } from '../../media/index.ts';
import { chainDigest, verifyStatement, type SegmentStatement } from '../../recording/index.ts';
import type { MovieSampleRecord, MovieTrack } from '../movie/movie-reader.ts';
import { readMovieTracks } from '../movie/movie-reader.ts';
import type { Provenance } from '../package-format.ts';
import { movieDurations, movieTimes, wall90kOf } from '../timeline-rule.ts';
import { parseStatement } from './statement-text.ts';

/** Reads bytes of the exported video: `length` bytes from file offset `start`. */
export type VideoReader = (start: number, length: number) => Promise<Buffer>;

/** One failed check. */
export interface FrameProblem {
  frame?: number;
  /** What kind of failure, for a reader in another language (see `VerifyProblemKind`). */
  kind: 'signature' | 'malformed' | 'frames';
  message: string;
}

/** What the frame check found. */
export interface FramesResult {
  problems: FrameProblem[];
  frames: number;
  /** Wall time of the first frame and end of the last, UTC ms. */
  firstMs?: number;
  endMs?: number;
}

interface SegmentFacts {
  statement: SegmentStatement;
  init: Buffer;
  defaults: ReturnType<typeof parseInitSegment>['sampleDefaults'];
  sampleEntry: Buffer | undefined;
  digests: string[];
}

/**
 * Checks the frames of one camera's video against its provenance. With `reEncoded` (privacy
 * masks burned in) only the recorder's signatures of the source segments are checked: the frames
 * were re-encoded and cannot be compared with the recording.
 */
export async function checkFrames(
  prov: Provenance,
  videoSize: number,
  read: VideoReader,
  key: PublicKeyInfo,
  cameraId: string,
  reEncoded = false,
): Promise<FramesResult> {
  const problems: FrameProblem[] = [];
  const fail = (
    message: string,
    frame?: number,
    kind: FrameProblem['kind'] = 'frames',
  ): FramesResult => {
    problems.push(frame === undefined ? { kind, message } : { frame, kind, message });
    return { problems, frames: 0 };
  };
  // The movie's boxes: ftyp, moov, mdat.
  const layout = await topBoxes(videoSize, read);
  if (typeof layout === 'string') return fail(layout, undefined, 'malformed');
  let track: MovieTrack | undefined;
  try {
    track = readMovieTracks(await read(layout.moov.start, layout.moov.size)).find(
      (t) => t.handler === 'vide',
    );
  } catch (e) {
    return fail(`sample tables are malformed: ${(e as Error).message}`, undefined, 'malformed');
  }
  if (!track) return fail('has no video track', undefined, 'malformed');
  const samples = track.samples;
  if (!reEncoded && samples.length !== prov.frames) {
    problems.push({
      kind: 'frames',
      message: `holds ${samples.length} frames, the provenance file accounts for ${prov.frames}`,
    });
  }

  // The recorder's segments.
  const segs: SegmentFacts[] = [];
  for (const [i, s] of prov.segments.entries()) {
    const parsed = parseStatement(s.statement);
    if (typeof parsed === 'string') return fail(`segment ${i}: ${parsed}`, undefined, 'malformed');
    const where = `segment ${parsed.path}`;
    if (parsed.cameraId !== cameraId)
      return fail(`${where}: recorded camera ${parsed.cameraId}, not ${cameraId}`);
    if (s.keyFingerprint !== key.fingerprint) {
      return fail(
        `${where}: signed by key ${s.keyFingerprint.slice(0, 16)}…, not the installation key`,
        undefined,
        'signature',
      );
    }
    if (!verifyStatement(key, parsed, s.signature)) {
      return fail(
        `${where}: the recorder's signature of its statement does not verify`,
        undefined,
        'signature',
      );
    }
    const init = Buffer.from(s.init, 'base64');
    const initDigest = createHash('sha256').update(init).digest();
    if (initDigest.toString('hex') !== parsed.initSha256) {
      return fail(`${where}: init segment differs from the signed one`, undefined, 'signature');
    }
    const chain = chainDigest(
      initDigest,
      s.fragmentSha256.map((h) => Buffer.from(h, 'hex')),
    );
    if (chain !== parsed.fragmentsSha256) {
      return fail(
        `${where}: fragment hash list differs from the signed one`,
        undefined,
        'signature',
      );
    }
    let defaults;
    let entry: Buffer | undefined;
    try {
      defaults = parseInitSegment(init).sampleDefaults;
      const moov = readBoxHeader(init, readBoxHeader(init, 0)?.end ?? 0);
      entry = moov
        ? readMovieTracks(init.subarray(moov.start, moov.end))[0]?.sampleEntries[0]
        : undefined;
    } catch (e) {
      return fail(
        `${where}: init segment is malformed: ${(e as Error).message}`,
        undefined,
        'malformed',
      );
    }
    segs.push({ statement: parsed, init, defaults, sampleEntry: entry, digests: s.fragmentSha256 });
  }

  if (reEncoded) return { problems, frames: samples.length };

  // Each copied fragment, rebuilt and hashed; its frames matched to the sample tables.
  const wall: number[] = [];
  const recordedLast: number[] = [];
  let expectFrame = 0;
  for (const f of prov.fragments) {
    const seg = segs[f.segment];
    const frames = `frames ${f.firstFrame}–${f.firstFrame + f.count - 1}`;
    if (!seg)
      return fail(`${frames}: provenance names segment ${f.segment}, which it does not carry`);
    const where = `${frames} (${seg.statement.path}, fragment ${f.index})`;
    if (f.firstFrame !== expectFrame)
      return fail(`${where}: frames are not accounted for in order`);
    const head = Buffer.from(f.head, 'base64');
    const payloadAt = layout.mdatPayload + f.videoOffset;
    if (payloadAt + f.size - head.length > layout.mdatEnd) {
      return fail(`${where}: lies outside the video's mdat`, f.firstFrame);
    }
    const payload = await read(payloadAt, f.size - head.length);
    const digest = createHash('sha256').update(head).update(payload).digest('hex');
    if (digest !== seg.digests[f.index]) {
      problems.push({
        kind: 'frames',
        frame: f.firstFrame,
        message: `${where}: differ from what the recorder signed`,
      });
      expectFrame += f.count;
      continue;
    }
    let recorded: MoofSample[];
    try {
      const moof = readBoxHeader(head, 0);
      if (!moof || moof.type !== 'moof') throw new Error('no moof');
      recorded = parseMoof(head, moof, seg.defaults).samples;
    } catch (e) {
      return fail(
        `${where}: recorded head is malformed: ${(e as Error).message}`,
        undefined,
        'malformed',
      );
    }
    for (let k = 0; k < f.count; k++) {
      const n = f.firstFrame + k;
      const r = recorded[f.skip + k];
      const x: MovieSampleRecord | undefined = samples[n];
      if (!r || !x) return fail(`${where}: frame ${n} is missing`, n);
      const expectedAt = payloadAt + (r.offset - head.length);
      const entry = track.sampleEntries[x.descriptionIndex - 1];
      if (
        x.offset !== expectedAt ||
        x.size !== r.size ||
        x.isKey !== r.isKey ||
        x.compositionOffsetTicks !== r.compositionOffsetTicks ||
        !entry ||
        !seg.sampleEntry ||
        !entry.equals(seg.sampleEntry)
      ) {
        problems.push({
          kind: 'frames',
          frame: n,
          message: `frame ${n}: not the recorded frame ${f.skip + k} of ${seg.statement.path} fragment ${f.index}`,
        });
      }
      wall.push(wall90kOf(seg.statement.startMs, r.decodeTime));
      recordedLast.push(r.durationTicks);
    }
    expectFrame += f.count;
  }
  if (expectFrame !== samples.length) {
    problems.push({
      kind: 'frames',
      message: `${samples.length - expectFrame} frames of the video come from no recorded fragment`,
    });
  }
  // Timing: the shared rule applied to the signed wall times gives the movie's decode times.
  if (wall.length === samples.length && wall.length > 0) {
    const times = movieTimes(wall);
    const durations = movieDurations(times, recordedLast[recordedLast.length - 1] ?? 1);
    for (let n = 0; n < samples.length; n++) {
      const x = samples[n];
      if (x && (x.decodeTime !== times[n] || x.durationTicks !== durations[n])) {
        problems.push({
          kind: 'frames',
          frame: n,
          message: `frame ${n}: its time in the video differs from when it was recorded`,
        });
        break;
      }
    }
  }
  const first = wall[0];
  const lastTime = samples[samples.length - 1];
  return {
    problems,
    frames: samples.length,
    ...(first !== undefined && lastTime
      ? { firstMs: first / 90, endMs: (first + lastTime.decodeTime + lastTime.durationTicks) / 90 }
      : {}),
  };
}

async function topBoxes(
  size: number,
  read: VideoReader,
): Promise<
  { moov: { start: number; size: number }; mdatPayload: number; mdatEnd: number } | string
> {
  let o = 0;
  let moov: { start: number; size: number } | undefined;
  let mdat: { payload: number; end: number } | undefined;
  for (let i = 0; i < 16 && o < size; i++) {
    const h = readBoxHeader(await read(o, Math.min(16, size - o)), 0);
    if (!h || h.end - h.start < 8 || o + (h.end - h.start) > size)
      return 'is not a complete MP4 file';
    const len = h.end - h.start;
    if (h.type === 'moov') moov = { start: o, size: len };
    if (h.type === 'mdat') mdat = { payload: o + h.headerSize, end: o + len };
    o += len;
  }
  if (!moov) return 'has no moov box';
  if (!mdat) return 'has no mdat box';
  return { moov, mdatPayload: mdat.payload, mdatEnd: mdat.end };
}
