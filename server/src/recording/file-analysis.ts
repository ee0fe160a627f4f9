/**
 * What a segment file holds, read from its bytes alone (pure, no I/O): the init segment, every
 * complete fragment with its SHA-256, the chain digest of those (the segment digest: each byte is
 * hashed once), the frame count and duration, and where a torn tail starts.
 * Crash repair uses it to cut a file back to its last complete fragment and index it; an export
 * or a verifier can use it to recompute what the recorder signed.
 */
import { createHash } from 'node:crypto';
import { Mp4Error, parseInitSegment, scanFragments } from '../media/index.ts';
import type { VideoCodec } from '../media/index.ts';
import { keyFramesOf, type FragmentEntry, type KeyFrameEntry } from './fragment-table.ts';
import { chainDigest } from './statement.ts';

/** The facts of a readable segment file. */
export interface SegmentFileFacts {
  codec: VideoCodec;
  codecString: string;
  width: number;
  height: number;
  /** Bytes of the init segment (ftyp + moov). */
  initLength: number;
  initSha256: string;
  fragments: FragmentEntry[];
  keyFrames: KeyFrameEntry[];
  frameCount: number;
  /** End of the last complete fragment's last sample from the first frame, 90 kHz. */
  duration90k: number;
  /**
   * Bytes up to the end of the last complete fragment of those lying back to back after the init
   * segment: the size after repair.
   */
  validLength: number;
  /** Bytes after `validLength` (a fragment cut short by a crash). */
  tornBytes: number;
  /** Why the scan stopped early, if it did. */
  problem: string | undefined;
  /** Chain digest of the init and fragment digests (see statement.ts). */
  fragmentsSha256: string;
}

/** Why a file cannot be indexed: no complete init segment, or no complete fragment. */
export interface UnreadableFile {
  unreadable: string;
}

const to90k = (ticks: number, timescale: number): number =>
  timescale === 90_000 ? ticks : Math.round((ticks * 90_000) / timescale);

/** Analyses a segment file's bytes. Never throws for bad content. */
export function analyzeSegmentFile(bytes: Uint8Array): SegmentFileFacts | UnreadableFile {
  let init;
  try {
    init = parseInitSegment(bytes);
  } catch (e) {
    return { unreadable: e instanceof Mp4Error ? e.message : String(e) };
  }
  const scan = scanFragments(bytes);
  // The segment digest chains the init and the fragments, so it covers every byte only when they
  // lie back to back: the usable part of the file ends where that stops (the recorder writes
  // nothing else; anything else is treated like a torn tail).
  const run: typeof scan.fragments = [];
  let end = init.initLength;
  for (const f of scan.fragments) {
    if (f.start !== end) break;
    run.push(f);
    end = f.end;
  }
  if (run.length === 0) {
    const why = scan.fragments.length > 0 ? `bytes at ${end} are not a fragment` : scan.problem;
    return { unreadable: `no complete fragment (${why ?? 'file ends after the init'})` };
  }
  const initSha = createHash('sha256').update(bytes.subarray(0, init.initLength)).digest();
  const base = run[0]?.baseMediaDecodeTime ?? 0;
  const fragments: FragmentEntry[] = run.map((f) => ({
    byteOffset: f.start,
    sizeBytes: f.end - f.start,
    decodeTime90k: to90k(f.baseMediaDecodeTime - base, init.timescale),
    duration90k: to90k(f.durationTicks, init.timescale),
    frameCount: f.sampleCount,
    startsWithKey: f.startsWithKey,
    sha256: createHash('sha256').update(bytes.subarray(f.start, f.end)).digest(),
  }));
  const last = fragments[fragments.length - 1];
  return {
    codec: init.codec,
    codecString: init.codecString,
    width: init.width,
    height: init.height,
    initLength: init.initLength,
    initSha256: initSha.toString('hex'),
    fragments,
    keyFrames: keyFramesOf(fragments),
    frameCount: fragments.reduce((n, f) => n + f.frameCount, 0),
    duration90k: last ? last.decodeTime90k + last.duration90k : 0,
    validLength: end,
    tornBytes: bytes.length - end,
    problem: end === scan.validLength ? scan.problem : `bytes at ${end} are not a fragment`,
    fragmentsSha256: chainDigest(
      initSha,
      fragments.map((f) => f.sha256),
    ),
  };
}

/** Narrows an analysis result. */
export function isUnreadable(r: SegmentFileFacts | UnreadableFile): r is UnreadableFile {
  return 'unreadable' in r;
}
