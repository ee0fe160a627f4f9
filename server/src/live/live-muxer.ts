/**
 * The pure part of MSE live streaming: turns a hub's StreamInfo and frames into what the browser
 * appends to its SourceBuffer. An init segment per `started`/`info-changed`, then one movie
 * fragment per frame, beginning at a key frame. Media time restarts at 0 with each init segment;
 * `wallAtZeroMs` lets the page turn a presented frame's media time back into the camera's wall
 * clock (latency measurement, the time shown on the tile).
 */
import { toAvcc, writeFragment, writeInitSegment } from '../media/index.ts';
import type { StreamInfo, TimedAccessUnit } from '../ingest/index.ts';

/** What the page needs before the first fragment. */
export interface LiveInit {
  /** `ftyp` + `moov`. */
  segment: Uint8Array;
  /** RFC 6381 codec string, e.g. `avc1.640028`, for `MediaSource.isTypeSupported`. */
  codec: string;
  /** `video/mp4; codecs="..."`. */
  mimeType: string;
  width: number;
  height: number;
}

/** One fragment and the times of its frame. */
export interface LiveFragment {
  bytes: Uint8Array;
  isKey: boolean;
  /** Media time of the frame, seconds since the init segment. */
  mediaTime: number;
  /** The camera's wall clock of the frame, UTC ms. */
  wallMs: number;
}

/** 90 kHz, the RTP video clock: timestamps go into the fragments unchanged. */
export const LIVE_TIMESCALE = 90_000;
/** Frame duration used until two frames have been seen (25 fps). */
const DEFAULT_DURATION = 3600;
/** H.264 SPS, PPS, AUD; H.265 VPS, SPS, PPS, AUD: carried in the init segment, not in samples. */
const H264_DROP = new Set([7, 8, 9]);
const H265_DROP = new Set([32, 33, 34, 35]);

/** The NAL units of a frame that go into an MP4 sample (parameter sets and AUDs left out). */
export function sampleNalus(frame: TimedAccessUnit): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (const nal of frame.nalus) {
    const head = nal[0];
    if (head === undefined) continue;
    const type = frame.codec === 'h264' ? head & 0x1f : (head >> 1) & 0x3f;
    if ((frame.codec === 'h264' ? H264_DROP : H265_DROP).has(type)) continue;
    out.push(nal);
  }
  return out;
}

/** Turns one live stream into init segments and fragments. */
export class LiveMuxer {
  private started = false;
  private waitingForKey = true;
  private firstPts = 0;
  private lastDts = -1;
  private lastPts = 0;
  private duration = DEFAULT_DURATION;
  private sequence = 0;

  /** Begins a new media timeline (first `started`, or parameters changed). */
  init(info: StreamInfo): LiveInit {
    this.started = true;
    this.waitingForKey = true;
    this.sequence = 0;
    this.lastDts = -1;
    this.duration = DEFAULT_DURATION;
    const segment = writeInitSegment(info.params, {
      timescale: LIVE_TIMESCALE,
      width: info.width,
      height: info.height,
    });
    return {
      segment,
      codec: info.codecString,
      mimeType: `video/mp4; codecs="${info.codecString}"`,
      width: info.width,
      height: info.height,
    };
  }

  /** A fragment for the frame, or undefined before an init segment or the first key frame. */
  fragment(frame: TimedAccessUnit): LiveFragment | undefined {
    if (!this.started) return undefined;
    if (this.waitingForKey) {
      if (!frame.isKey) return undefined;
      this.waitingForKey = false;
      this.firstPts = frame.pts90k;
      this.lastPts = frame.pts90k;
    }
    const delta = frame.pts90k - this.lastPts;
    if (delta > 0 && delta < LIVE_TIMESCALE * 2) this.duration = delta;
    this.lastPts = frame.pts90k;
    // Decode times must rise: a camera that repeats or steps back a timestamp gets the next tick.
    const dts = Math.max(frame.pts90k - this.firstPts, this.lastDts + 1);
    this.lastDts = dts;
    const nalus = sampleNalus(frame);
    if (nalus.length === 0) return undefined;
    const bytes = writeFragment({
      sequenceNumber: ++this.sequence,
      baseMediaDecodeTime: dts,
      samples: [{ data: toAvcc(nalus), durationTicks: this.duration, isKey: frame.isKey }],
    });
    return { bytes, isKey: frame.isKey, mediaTime: dts / LIVE_TIMESCALE, wallMs: frame.wallMs };
  }

  /** After a gap: the next fragment must again be a key frame, on a new timeline. */
  stop(): void {
    this.started = false;
    this.waitingForKey = true;
  }
}
