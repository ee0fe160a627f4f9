/**
 * Replays a mount's prepared clip to one playing RTSP session over its TCP connection, paced by
 * the shared pacer: frame k is due `k * frameMs` after PLAY and carries RTP timestamp
 * `base + k * frameTicks` (plus the camera's timestamp offset), so timestamps keep increasing
 * across loops. Applies the camera's faults (stall, corruption, timestamp jumps), switches clip at
 * a key frame after a resolution change, sends RTCP sender reports, and never queues without
 * bound: past a soft limit of unsent bytes it skips to the next key frame, past a hard limit it
 * drops the connection.
 */
import type { Clock } from '../app/index.ts';
import { writeSenderReport, writeInterleavedFrame } from '../media/index.ts';
import type { Mount } from './mount.ts';
import type { PacedEntry, PacedTask, Pacer } from './pacer.ts';
import type { PreparedClip } from './prepared-clip.ts';
import { VIDEO_CLOCK_RATE, corruptStamped, stampFrame } from './prepared-clip.ts';

/** Where the sender writes: the session's socket. */
export interface FrameSink {
  write(data: Uint8Array): boolean;
  /** Bytes accepted by `write` but not yet handed to the kernel. */
  readonly writableLength: number;
}

/** How a sender is set up. */
export interface RtpSenderOptions {
  mount: Mount;
  clock: Clock;
  pacer: Pacer;
  sink: FrameSink;
  /** Interleaved channel for RTP; RTCP goes on the next one. */
  rtpChannel: number;
  ssrc: number;
  /** First sequence number. */
  firstSeq: number;
  /** RTP timestamp of the first frame, before the camera's offset. */
  baseTimestamp: number;
  /** Milliseconds between sender reports (5000 by default). */
  senderReportMs?: number;
  /** Unsent bytes past which frames are skipped until the next key frame (2 MiB by default). */
  softLimitBytes?: number;
  /** Unsent bytes past which the connection is dropped (8 MiB by default). */
  hardLimitBytes?: number;
  /** Called when the client is too slow and must be disconnected. */
  onTooSlow: () => void;
  /** Frames later than this are skipped rather than sent in a burst (1000 ms by default). */
  maxLateMs?: number;
}

/** One session's paced RTP stream. */
export class RtpSender implements PacedTask {
  readonly ssrc: number;
  private readonly o: RtpSenderOptions;
  private clip: PreparedClip;
  private readonly frameMs: number;
  private readonly frameTicks: number;
  private entry: PacedEntry | undefined;
  private startMono = 0;
  /** Frames since PLAY (sent or not): fixes the due time and the timestamp. */
  private k = 0;
  /** Position in the clip. */
  private pos = 0;
  private seq: number;
  private needKey = false;
  private nextReportMono = 0;
  private packets = 0;
  private octets = 0;

  constructor(options: RtpSenderOptions) {
    this.o = options;
    this.ssrc = options.ssrc >>> 0;
    this.clip = options.mount.clip;
    this.frameMs = this.clip.frameMs;
    this.frameTicks = this.clip.frameTicks;
    this.seq = options.firstSeq & 0xffff;
  }

  /** The RTP timestamp the first frame will carry (for RTP-Info). */
  get firstTimestamp(): number {
    return (this.o.baseTimestamp + this.o.mount.faults.timestampOffsetTicks) >>> 0;
  }

  /** The sequence number of the first packet (for RTP-Info). */
  get firstSeq(): number {
    return this.o.firstSeq & 0xffff;
  }

  /** Starts sending now, from the first (key) frame of the clip. */
  start(): void {
    if (this.entry !== undefined) return;
    this.startMono = this.o.clock.monotonicMs();
    this.o.mount.stats.sessionsStarted++;
    this.entry = this.o.pacer.schedule(this, this.startMono);
  }

  /** Stops sending. */
  stop(): void {
    this.entry?.cancel();
    this.entry = undefined;
  }

  /** The RTP timestamp for a moment `elapsedMs` after PLAY, with the camera's current offset. */
  private timestampAt(elapsedMs: number): number {
    const ticks = Math.round((elapsedMs * VIDEO_CLOCK_RATE) / 1000);
    return (this.o.baseTimestamp + ticks + this.o.mount.faults.timestampOffsetTicks) >>> 0;
  }

  run(nowMs: number): number | undefined {
    const late = nowMs - this.dueOf(this.k);
    const maxLate = this.o.maxLateMs ?? 1000;
    if (late > maxLate) {
      const skip = Math.floor(late / this.frameMs);
      this.k += skip;
      this.pos = (this.pos + skip) % this.clip.frames.length;
      this.o.mount.stats.framesSkipped += skip;
      this.needKey = true;
    }
    // Bounded: at most maxLate / frameMs + 1 frames per wake-up.
    const horizon = nowMs + this.o.pacer.slackMs;
    while (this.dueOf(this.k) <= horizon) {
      if (!this.emit(nowMs)) return undefined;
      this.k++;
    }
    if (nowMs >= this.nextReportMono && this.packets > 0) this.report(nowMs);
    return this.dueOf(this.k);
  }

  private dueOf(k: number): number {
    return this.startMono + k * this.frameMs;
  }

  /** Sends (or skips) frame k; false when the connection was dropped. */
  private emit(nowMs: number): boolean {
    const mount = this.o.mount;
    let frame = this.clip.frames[this.pos];
    if (mount.clip !== this.clip && frame?.isKey !== false) {
      // A resolution change takes effect at a key frame: the new clip starts with its own.
      this.clip = mount.clip;
      this.pos = 0;
      frame = this.clip.frames[0];
    }
    this.pos = (this.pos + 1) % this.clip.frames.length;
    if (frame === undefined) return true;
    const queued = this.o.sink.writableLength;
    if (queued > (this.o.hardLimitBytes ?? 8 << 20)) {
      mount.stats.slowClientsDropped++;
      this.stop();
      this.o.onTooSlow();
      return false;
    }
    const skip =
      mount.faults.isStalled(nowMs) ||
      queued > (this.o.softLimitBytes ?? 2 << 20) ||
      (this.needKey && !frame.isKey);
    if (skip) {
      mount.stats.framesSkipped++;
      this.needKey = true;
      return true;
    }
    this.needKey = false;
    const stamped = stampFrame(frame, {
      channel: this.o.rtpChannel,
      firstSeq: this.seq,
      timestamp:
        (this.o.baseTimestamp + this.k * this.frameTicks + mount.faults.timestampOffsetTicks) >>> 0,
      ssrc: this.ssrc,
    });
    const fraction = mount.faults.corruptionAt(nowMs);
    if (fraction > 0) mount.stats.packetsCorrupted += corruptStamped(stamped, frame, fraction);
    this.o.sink.write(stamped);
    const n = frame.offsets.length;
    this.seq = (this.seq + n) & 0xffff;
    this.packets += n;
    this.octets += frame.payloadBytes;
    mount.stats.framesSent++;
    mount.stats.packetsSent += n;
    mount.stats.bytesSent += stamped.length;
    return true;
  }

  private report(nowMs: number): void {
    this.nextReportMono = nowMs + (this.o.senderReportMs ?? 5000);
    const elapsed = nowMs - this.startMono;
    const sr = writeSenderReport({
      ssrc: this.ssrc,
      wallMs: this.o.clock.nowMs(),
      rtpTimestamp: this.timestampAt(elapsed),
      packetCount: this.packets,
      octetCount: this.octets,
    });
    this.o.sink.write(writeInterleavedFrame(this.o.rtpChannel + 1, sr));
  }
}
