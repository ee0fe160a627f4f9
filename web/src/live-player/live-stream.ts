/**
 * One live stream for one video element, end to end: asks for a stream token, plays over WebRTC
 * when it can (H.264) and falls back to MSE when WebRTC does not deliver a frame in time, asks for
 * the H.264 transcode of an H.265 stream the browser cannot decode, reconnects with back-off after
 * a failure, and watches the frames actually presented (`requestVideoFrameCallback`), so that the
 * state says `playing` only while pictures move.
 */
import { ApiError } from '../api/index.ts';
import { requestStreamToken, type StreamKind } from './live-api.ts';
import { MsePlayer } from './mse-player.ts';
import {
  rtpToWallMs,
  type FrameTiming,
  type LiveTransportKind,
  type PlayerState,
} from './player-state.ts';
import { WebRtcPlayer } from './webrtc-player.ts';

/** Which transport to use. */
export type TransportChoice = 'auto' | LiveTransportKind;

/** Why the stream is not what was asked for, shown on the tile. */
export type StreamNote = 'webrtc-fallback' | 'transcoded' | null;

/** What the owner is told on every change. */
export interface LiveStreamStatus {
  state: PlayerState;
  transport: LiveTransportKind | null;
  note: StreamNote;
}

/** Options of a live stream. */
export interface LiveStreamOptions {
  cameraId: string;
  stream: StreamKind;
  transport: TransportChoice;
  /** The registry's codec hint: H.265 cameras skip WebRTC. */
  codecHint?: 'h264' | 'h265' | null;
  onStatus(status: LiveStreamStatus): void;
  /** Called for every presented frame whose capture time is known. */
  onFrame?(timing: FrameTiming): void;
  /** WebRTC must present a frame within this time or MSE is used (default 5000 ms). */
  webrtcTimeoutMs?: number;
  /** No frame for this long while playing means `stalled` (default 2500 ms). */
  stallMs?: number;
}

interface VideoFrameMeta {
  mediaTime: number;
  expectedDisplayTime: number;
  rtpTimestamp?: number;
}
type FrameCallbackVideo = HTMLVideoElement & {
  requestVideoFrameCallback?(cb: (now: number, meta: VideoFrameMeta) => void): number;
  cancelVideoFrameCallback?(handle: number): void;
};

const BACKOFF_MS = [1000, 2000, 4000, 8000, 10_000];
const DENIED_RETRY_MS = 30_000;

/** A live stream with fallback, reconnection and a frame watchdog. */
export class LiveStream {
  private player: MsePlayer | WebRtcPlayer | undefined;
  private transport: LiveTransportKind | null = null;
  private note: StreamNote = null;
  private state: PlayerState = { kind: 'connecting' };
  private webrtcFailed = false;
  private transcode = false;
  private failures = 0;
  private stopped = true;
  private generation = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private fallbackTimer: ReturnType<typeof setTimeout> | undefined;
  private watchdog: ReturnType<typeof setInterval> | undefined;
  private frameHandle: number | undefined;
  private lastFrameAt = 0;
  /**
   * Set when the server said the stream stopped (offline, waiting): frames still presented from
   * the browser's buffers do not make it "playing" again until the server says it restarted.
   */
  private awaitingRestart = false;
  private readonly video: FrameCallbackVideo;

  constructor(
    video: HTMLVideoElement,
    private readonly opts: LiveStreamOptions,
  ) {
    this.video = video;
  }

  /** Starts (or restarts) the stream. */
  start(): void {
    this.stopped = false;
    this.webrtcFailed = this.opts.transport === 'mse' || this.opts.codecHint === 'h265';
    this.watchdog = setInterval(() => this.checkStall(), 500);
    this.watchFrames();
    void this.connect();
  }

  /** Stops the stream and releases everything. */
  stop(): void {
    this.stopped = true;
    this.generation++;
    clearTimeout(this.retryTimer);
    clearTimeout(this.fallbackTimer);
    clearInterval(this.watchdog);
    if (this.frameHandle !== undefined) this.video.cancelVideoFrameCallback?.(this.frameHandle);
    this.player?.stop();
    this.player = undefined;
  }

  private async connect(): Promise<void> {
    const gen = ++this.generation;
    this.awaitingRestart = false;
    this.player?.stop();
    this.player = undefined;
    this.setState({ kind: 'connecting' });
    const useWebRtc = this.opts.transport === 'webrtc' || !this.webrtcFailed;
    let token;
    try {
      token = await requestStreamToken(this.opts.cameraId, this.opts.stream, {
        transcode: this.transcode,
      });
    } catch (e) {
      if (gen !== this.generation) return;
      if (e instanceof ApiError && e.status === 403) {
        this.setState({ kind: 'denied' });
        this.retry(DENIED_RETRY_MS);
      } else if (e instanceof ApiError && e.status === 401) {
        this.setState({ kind: 'signed-out' });
      } else {
        this.fail(e);
      }
      return;
    }
    if (gen !== this.generation) return;
    const events = { onState: (s: PlayerState) => this.onPlayerState(gen, s) };
    if (useWebRtc) {
      this.transport = 'webrtc';
      const player = new WebRtcPlayer(this.video, token.webrtcPath, token.token, events);
      this.player = player;
      this.fallbackTimer = setTimeout(() => {
        if (gen === this.generation && this.state.kind !== 'playing') this.fallBack();
      }, this.opts.webrtcTimeoutMs ?? 5000);
      try {
        await player.start();
      } catch (e) {
        if (gen !== this.generation) return;
        if (e instanceof ApiError && e.status === 403) {
          this.setState({ kind: 'denied' });
          this.retry(DENIED_RETRY_MS);
          return;
        }
        this.fallBack();
      }
      return;
    }
    this.transport = 'mse';
    const url = new URL(token.msePath, window.location.href);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    const player = new MsePlayer(this.video, url.toString(), events);
    this.player = player;
    player.start();
  }

  private fallBack(): void {
    clearTimeout(this.fallbackTimer);
    if (this.opts.transport === 'webrtc') {
      this.fail(new Error('WebRTC did not connect'));
      return;
    }
    this.webrtcFailed = true;
    this.note = 'webrtc-fallback';
    void this.connect();
  }

  private onPlayerState(gen: number, s: PlayerState): void {
    if (gen !== this.generation || this.stopped) return;
    switch (s.kind) {
      case 'error':
        if (this.transport === 'webrtc' && this.state.kind !== 'playing') this.fallBack();
        else this.fail(new Error(s.message));
        return;
      case 'unsupported':
        if (!this.transcode) {
          this.transcode = true;
          this.note = 'transcoded';
          void this.connect();
        } else {
          this.setState(s);
        }
        return;
      case 'signed-out':
        this.player?.stop();
        this.setState(s);
        return;
      case 'denied':
        // Frames still in the browser's buffers must not make the tile "playing" again.
        this.player?.stop();
        this.player = undefined;
        this.setState(s);
        this.retry(DENIED_RETRY_MS);
        return;
      case 'connecting':
        // The stream (re)started: it is playing again once a frame is presented.
        this.awaitingRestart = false;
        if (this.state.kind !== 'playing') this.setState(s);
        return;
      case 'offline':
      case 'waiting':
        this.awaitingRestart = true;
        this.setState(s);
        return;
      default:
        this.setState(s);
    }
  }

  private fail(e: unknown): void {
    this.setState({ kind: 'error', message: e instanceof Error ? e.message : String(e) });
    this.player?.stop();
    this.player = undefined;
    this.retry(BACKOFF_MS[Math.min(this.failures, BACKOFF_MS.length - 1)] ?? 10_000);
    this.failures++;
  }

  private retry(ms: number): void {
    clearTimeout(this.retryTimer);
    const gen = this.generation;
    this.retryTimer = setTimeout(() => {
      if (!this.stopped && gen === this.generation) void this.connect();
    }, ms);
  }

  private watchFrames(): void {
    const v = this.video;
    if (v.requestVideoFrameCallback === undefined) return;
    const onFrame = (_now: number, meta: VideoFrameMeta): void => {
      if (this.stopped) return;
      this.frameHandle = v.requestVideoFrameCallback?.(onFrame);
      // A frame presented after the player was stopped (denied, failed) is a leftover.
      if (this.awaitingRestart || this.player === undefined) return;
      this.lastFrameAt = performance.now();
      this.failures = 0;
      if (this.state.kind !== 'playing') {
        clearTimeout(this.fallbackTimer);
        this.setState({ kind: 'playing' });
      }
      this.reportTiming(meta);
    };
    this.frameHandle = v.requestVideoFrameCallback(onFrame);
  }

  private reportTiming(meta: VideoFrameMeta): void {
    if (this.opts.onFrame === undefined) return;
    const presentedWallMs = performance.timeOrigin + meta.expectedDisplayTime;
    let captureWallMs: number | undefined;
    if (this.player instanceof MsePlayer) captureWallMs = this.player.captureWallMs(meta.mediaTime);
    else if (meta.rtpTimestamp !== undefined) {
      captureWallMs = rtpToWallMs(meta.rtpTimestamp, Date.now());
    }
    if (captureWallMs !== undefined) this.opts.onFrame({ captureWallMs, presentedWallMs });
  }

  private checkStall(): void {
    if (this.state.kind !== 'playing') return;
    if (performance.now() - this.lastFrameAt > (this.opts.stallMs ?? 2500)) {
      this.setState({ kind: 'stalled' });
    }
  }

  private setState(state: PlayerState): void {
    this.state = state;
    this.opts.onStatus({ state, transport: this.transport, note: this.note });
  }
}
