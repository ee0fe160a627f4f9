/**
 * The media half of a camera connection, with no I/O: RTP and RTCP packets in, StreamEvents out.
 *
 * RTP packet → sequence tracking (loss counted) → depacketizer (media/h264, media/h265, which
 * also follows the parameter sets: SDP, then in-band) → access unit → timeline (pts90k, wallMs)
 * → event.
 *
 * - The first frame after `started` is a key frame; frames before it are dropped.
 * - A lost packet or a dropped (damaged) access unit while live emits `stopped` with cause 'loss'
 *   and drops frames up to the next key frame, which emits a new `started` (stream time from 0).
 * - New parameter sets at a key frame emit `info-changed` before that frame.
 * - A key frame whose SPS cannot be parsed is treated like a loss.
 * Parse errors of camera data are handled here as loss; anything else thrown is a bug and is left
 * to the connection's error boundary.
 */
import {
  H264SpsError,
  H265ParseError,
  RtpParseError,
  newRtpHeader,
  readRtpHeader,
  senderReportsOf,
  type SenderReport,
  RtpSequenceTracker,
  H264Depacketizer,
  H265Depacketizer,
} from '../media/index.ts';
import type { AccessUnit, CodecParams, VideoCodec } from '../media/index.ts';
import { newConnectionCounters, type ConnectionCounters } from './connection.ts';
import { sameParams, streamInfoOf } from './stream-info.ts';
import { Timeline, type TimelineOptions } from './timeline.ts';
import type { StreamEvent, StreamInfo } from './types.ts';

/** What the pipeline needs to know about the stream. */
export interface MediaPipelineOptions {
  codec: VideoCodec;
  /** RTP payload type of the video (packets of other types are ignored). */
  payloadType: number;
  /** Decoder configuration from the SDP, if the camera sent one. */
  sdpParams?: CodecParams;
  timeline?: Partial<TimelineOptions>;
  /**
   * Emit frames whose bytes are lent (`AccessUnit.lent`: valid only during the `frame` event's
   * delivery), where the depacketizer can lend them. For a consumer that copies what it keeps:
   * the hub (see hub.ts). Default false.
   */
  lendFrames?: boolean;
}

/** Turns one connection's packets into stream events. */
export class MediaPipeline {
  /** Counters read by the supervisor. */
  readonly counters: ConnectionCounters = newConnectionCounters();
  /** Access units dropped while waiting for a key frame. */
  droppedFrames = 0;
  /** Packets that were not RTP, or of another payload type. */
  ignoredPackets = 0;
  private readonly sequence = new RtpSequenceTracker();
  private readonly timeline: Timeline;
  private readonly depacketizer: H264Depacketizer | H265Depacketizer;
  private info: StreamInfo | undefined;
  private live = false;
  private everStarted = false;
  private ssrc: number | undefined;
  /** The header of the packet being read (reused). */
  private readonly header = newRtpHeader();

  constructor(
    private readonly opts: MediaPipelineOptions,
    private readonly emit: (event: StreamEvent) => void,
  ) {
    this.timeline = new Timeline(opts.timeline);
    const p = opts.sdpParams;
    const lendAccessUnits = opts.lendFrames ?? false;
    this.depacketizer =
      opts.codec === 'h264'
        ? new H264Depacketizer({ params: p?.codec === 'h264' ? p : undefined, lendAccessUnits })
        : new H265Depacketizer({ params: p?.codec === 'h265' ? p : undefined, lendAccessUnits });
  }

  /** One RTP packet from the camera, arrived at `wallMs` / `monoMs`. */
  rtp(bytes: Uint8Array, wallMs: number, monoMs: number): void {
    this.rtpAt(bytes, 0, bytes.length, wallMs, monoMs);
  }

  /**
   * One RTP packet, `data[start, end)`, read in place (valid only during the call: nothing of it
   * is kept, no object is made for it).
   */
  rtpAt(data: Uint8Array, start: number, end: number, wallMs: number, monoMs: number): void {
    const packet = this.header;
    try {
      readRtpHeader(data, start, end, packet);
    } catch (e) {
      if (!(e instanceof RtpParseError)) throw e;
      this.ignoredPackets++;
      this.lose(`malformed RTP packet: ${e.message}`, wallMs);
      return;
    }
    if (packet.payloadType !== this.opts.payloadType) {
      this.ignoredPackets++;
      return;
    }
    this.counters.packets++;
    this.counters.lastMediaMonoMs = monoMs;
    this.counters.lastMediaWallMs = wallMs;
    if (this.ssrc !== undefined && packet.ssrc !== this.ssrc) {
      this.depacketizer.reset();
      this.lose(`the camera changed its RTP source (SSRC ${this.ssrc} → ${packet.ssrc})`, wallMs);
    }
    this.ssrc = packet.ssrc;
    const verdict = this.sequence.push(packet.sequenceNumber);
    this.counters.packetsLost = this.sequence.lost;
    const result = this.depacketizer.pushPayload(
      data,
      packet.payloadStart,
      packet.payloadEnd,
      packet.sequenceNumber,
      packet.timestamp,
      packet.marker,
    );
    for (const p of result.problems) {
      if (p.kind === 'loss' || p.kind === 'dropped') {
        this.lose(verdict.lost > 0 ? `${verdict.lost} RTP packet(s) lost` : p.detail, wallMs);
        break;
      }
    }
    for (const au of result.accessUnits) this.accessUnit(au, wallMs, monoMs);
  }

  /** One RTCP (compound) packet from the camera. Malformed RTCP is ignored. */
  rtcp(bytes: Uint8Array, wallMs: number): void {
    let reports: SenderReport[];
    try {
      reports = senderReportsOf(bytes);
    } catch (e) {
      if (e instanceof RtpParseError) return;
      throw e;
    }
    for (const sr of reports) {
      if (this.ssrc !== undefined && sr.ssrc !== this.ssrc) continue;
      this.timeline.senderReport(sr.rtpTimestamp, sr.wallMs, wallMs);
    }
    this.counters.wallSource = this.timeline.source;
  }

  private accessUnit(au: AccessUnit, wallMs: number, monoMs: number): void {
    if (!this.live) {
      if (!au.isKey) {
        this.droppedFrames++;
        return;
      }
      const info = this.infoFor(this.depacketizer.parameterSets);
      if (!info) {
        this.droppedFrames++;
        return;
      }
      this.info = info;
      if (this.everStarted) this.timeline.restart();
      this.everStarted = true;
      this.live = true;
      this.emit({ type: 'started', info, atMs: wallMs });
    } else if (au.isKey) {
      const params = this.depacketizer.parameterSets;
      if (params && !sameParams(params, this.info?.params)) {
        const info = this.infoFor(params);
        if (!info) {
          this.lose('the camera sent a malformed SPS', wallMs);
          this.droppedFrames++;
          return;
        }
        this.info = info;
        this.emit({ type: 'info-changed', info, atMs: wallMs });
      }
    }
    const times = this.timeline.map(au.rtpTimestamp, wallMs, monoMs);
    this.counters.timestampJumps = this.timeline.jumps;
    this.counters.wallSource = this.timeline.source;
    this.emit({
      type: 'frame',
      frame: {
        codec: au.codec,
        nalus: au.nalus,
        lengthPrefixed: au.lengthPrefixed,
        rtpTimestamp: au.rtpTimestamp,
        isKey: au.isKey,
        lent: au.lent === true,
        pts90k: times.pts90k,
        wallMs: times.wallMs,
      },
    });
  }

  private infoFor(params: CodecParams | undefined): StreamInfo | undefined {
    if (!params) return undefined;
    if (this.info && sameParams(params, this.info.params)) return this.info;
    try {
      return streamInfoOf(params);
    } catch (e) {
      if (e instanceof H264SpsError || e instanceof H265ParseError) return undefined;
      throw e;
    }
  }

  private lose(message: string, wallMs: number): void {
    if (!this.live) return;
    this.live = false;
    this.emit({ type: 'stopped', cause: 'loss', atMs: wallMs, message });
  }
}
