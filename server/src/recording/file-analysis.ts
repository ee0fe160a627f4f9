/**
 * What a segment file holds, read from its bytes alone (pure, no I/O): the init segment, every
 * complete fragment with its SHA-256, the frame count and duration, and where a torn tail starts.
 * Crash repair uses it to cut a file back to its last complete fragment and index it; an export
 * or a verifier can use it to recompute what the recorder signed.
 */
import { createHash } from 'node:crypto';
import { Mp4Error, parseInitSegment, scanFragments } from '../media/mp4/index.ts';
import type { VideoCodec } from '../media/types.ts';
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
  /** Bytes up to the end of the last complete fragment: the size after repair. */
  validLength: number;
  /** Bytes after `validLength` (a fragment cut short by a crash). */
  tornBytes: number;
  /** Why the scan stopped early, if it did. */
  problem: string | undefined;
  /** SHA-256 of `bytes[0, validLength)`. */
  sha256: string;
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
  if (scan.fragments.length === 0) {
    return { unreadable: `no complete fragment (${scan.problem ?? 'file ends after the init'})` };
  }
  const initSha = createHash('sha256').update(bytes.subarray(0, init.initLength)).digest();
  const base = scan.fragments[0]?.baseMediaDecodeTime ?? 0;
  const fragments: FragmentEntry[] = scan.fragments.map((f) => ({
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
    validLength: scan.validLength,
    tornBytes: scan.tornBytes,
    problem: scan.problem,
    sha256: createHash('sha256').update(bytes.subarray(0, scan.validLength)).digest('hex'),
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
