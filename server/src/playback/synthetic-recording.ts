/**
 * Recordings made without waiting for real time, for tests and benchmarks: a clip's pictures
 * (e.g. the camera simulator's, with its clock and frame number burned in) are fed at their
 * nominal frame times through the real recorder (`StreamRecorder`: segmenter, segment writer,
 * index, signatures), with gaps where asked. The result is indistinguishable from a recording of
 * a camera that sent those pictures at those wall times.
 */
import { FakeClock, silentLogger } from '../app/index.ts';
import type { GapCause, StreamInfo, StreamKind } from '../ingest/index.ts';
import type { InstallationKey } from '../keys/index.ts';
import type { CodedPicture, CodecParams } from '../media/index.ts';
import { codecInfo } from '../media/index.ts';
import { nodeRecordingFs, StreamRecorder } from '../recording/index.ts';
import type { RecordingDb, SegmenterOptions } from '../recording/index.ts';

/** A clip to record: its pictures in decoding order (starting with a key frame) and rate. */
export interface SyntheticClip {
  params: CodecParams;
  pictures: readonly CodedPicture[];
  fps: number;
}

/** A stretch without video, and why. */
export interface SyntheticGap {
  fromMs: number;
  toMs: number;
  cause: GapCause;
}

/** What to record. */
export interface SyntheticRecording {
  db: RecordingDb;
  storageRoot: string;
  key: InstallationKey;
  cameraId: string;
  /** The camera stream recorded (default `main`). */
  stream?: StreamKind;
  clip: SyntheticClip;
  /** Wall time of the first frame, UTC ms. */
  fromMs: number;
  /** Wall time at which recording stops, UTC ms. */
  toMs: number;
  gaps?: readonly SyntheticGap[];
  segmenter?: Partial<SegmenterOptions>;
}

/** Which picture of the clip is sent at frame number `n` of a run (the clip loops). */
export function pictureIndex(clip: SyntheticClip, n: number): number {
  return n % clip.pictures.length;
}

/**
 * Records the clip from `fromMs` to `toMs`: frame k of a run is sent at `runStart + k/fps`, the
 * clip looping; a gap stops the stream (its cause) and the next run starts at the clip's first
 * picture. Returns the wall time of every frame sent, with the clip picture it carried.
 */
export async function recordSynthetic(
  r: SyntheticRecording,
): Promise<{ wallMs: number; picture: number }[]> {
  const clock = new FakeClock(r.fromMs);
  const recorder = new StreamRecorder({
    db: r.db,
    fs: nodeRecordingFs,
    storageRoot: r.storageRoot,
    key: r.key,
    clock,
    logger: silentLogger(),
    cameraId: r.cameraId,
    stream: r.stream ?? 'main',
    indexUpdateMs: 3_600_000,
    maxQueuedBytes: 64 * 1024 * 1024,
    ...(r.segmenter ? { segmenter: r.segmenter } : {}),
  });
  const info = streamInfoOf(r.clip.params);
  const sent: { wallMs: number; picture: number }[] = [];
  const gaps = [...(r.gaps ?? [])].sort((a, b) => a.fromMs - b.fromMs);
  const frameMs = 1000 / r.clip.fps;
  let runStart = r.fromMs;
  let gapIndex = 0;
  while (runStart < r.toMs) {
    const gap = gaps[gapIndex];
    const runEnd = Math.min(r.toMs, gap ? gap.fromMs : r.toMs);
    clock.setWall(runStart);
    recorder.onEvent({ type: 'started', info, atMs: runStart });
    for (let k = 0; ; k++) {
      const wallMs = runStart + k * frameMs;
      if (wallMs >= runEnd) break;
      const picture = pictureIndex(r.clip, k);
      const pic = r.clip.pictures[picture];
      if (!pic) break;
      clock.setWall(Math.floor(wallMs));
      recorder.onEvent({
        type: 'frame',
        frame: {
          codec: r.clip.params.codec,
          nalus: pic.nalus,
          rtpTimestamp: (k * Math.round(90_000 / r.clip.fps)) % 2 ** 32,
          isKey: pic.isKey,
          pts90k: k * Math.round(90_000 / r.clip.fps),
          wallMs,
        },
      });
      sent.push({ wallMs, picture });
      if (k % 250 === 0) await recorder.drain();
    }
    if (!gap || gap.fromMs >= r.toMs) break;
    clock.setWall(gap.fromMs);
    recorder.onEvent({
      type: 'stopped',
      cause: gap.cause,
      atMs: gap.fromMs,
      message: `synthetic ${gap.cause}`,
    });
    await recorder.drain();
    runStart = gap.toMs;
    gapIndex++;
  }
  clock.setWall(r.toMs);
  await recorder.stop();
  return sent;
}

/** The stream info of a clip's parameters. */
export function streamInfoOf(params: CodecParams): StreamInfo {
  const c = codecInfo(params);
  return { params, width: c.width, height: c.height, codecString: c.codecString };
}
