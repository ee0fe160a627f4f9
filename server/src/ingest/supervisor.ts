/**
 * The supervisor of one camera stream: keeps a connection open while the stream is wanted,
 * detects stalls, reconnects with back-off, publishes the stream's events to its hub, and keeps
 * the status and counters that the status API and /metrics show. All time goes through the
 * injected Clock.
 *
 * States: `idle` (not wanted), `connecting` (first attempt), `online` (video flowing),
 * `reconnecting` (outage younger than `offlineAfterMs`), `offline` (older, or the camera refused
 * us for good: wrong credentials, unknown path).
 *
 * Batched reads (`setBatchedReads`, while no consumer needs frames at once) are applied to a
 * connection from its first frame on, so that the arrival of that frame, which anchors the
 * stream's wall time when the camera sends no RTCP sender reports, is read at once.
 *
 * Events: the hub sees `started` when video flows, and exactly one `stopped` per gap: when a live
 * stream stops (cause from the failure: 'offline', 'stall', 'error', or 'loss' within a
 * connection), or when the first attempt after `start()` fails. Reconnect attempts during a gap
 * publish nothing more; `lastError` keeps the latest reason.
 */
import type { Clock, TimerHandle, Logger } from '../app/index.ts';
import { DEFAULT_BACKOFF, backoffDelayMs, type BackoffOptions } from './backoff.ts';
import type { ConnectionCounters, StreamConnection, StreamOpener } from './connection.ts';
import { IngestError, toIngestError } from './errors.ts';
import { frameBytes } from './hub.ts';
import { RateWindow } from './rate-window.ts';
import type { GapCause, StreamEvent, StreamInfo, StreamKind } from './types.ts';

/** Status of a camera stream. */
export type StreamState = 'idle' | 'connecting' | 'online' | 'reconnecting' | 'offline';

/** How a supervisor behaves. */
export interface SupervisorOptions {
  cameraId: string;
  stream: StreamKind;
  /** Opens a connection to the camera (see `rtspOpener`). */
  open: StreamOpener;
  /** Where the stream's events go (the hub's `publish`). */
  publish: (event: StreamEvent) => void;
  clock: Clock;
  logger: Logger;
  /** No video for this long means a stall, ms (default 5000). */
  stallTimeoutMs?: number;
  /** Online this long resets the back-off, ms (default 30000). */
  stableMs?: number;
  /** An outage older than this shows as 'offline' rather than 'reconnecting', ms (default 10000). */
  offlineAfterMs?: number;
  backoff?: Partial<BackoffOptions>;
  /** Random numbers in [0, 1) for jitter (default Math.random). */
  random?: () => number;
}

/** The last failure of a stream. */
export interface StreamError {
  cause: GapCause;
  message: string;
  atMs: number;
}

/** Counters of a stream since its supervisor was created. */
export interface StreamCounters {
  frames: number;
  keyFrames: number;
  bytes: number;
  packets: number;
  packetsLost: number;
  /** Gaps opened inside a connection by lost or corrupt packets. */
  lossEvents: number;
  stalls: number;
  /** Connections that delivered video again after a failure. */
  reconnects: number;
  /** Connection attempts made after a failure. */
  reconnectAttempts: number;
  timestampJumps: number;
}

/** The status of a stream, as the status API and /metrics show it. */
export interface StreamStatus {
  cameraId: string;
  stream: StreamKind;
  state: StreamState;
  /** Wall ms when the state was entered. */
  sinceMs: number;
  lastError: StreamError | null;
  info: { codec: string; width: number; height: number; codecString: string } | null;
  fps: number;
  bitrateBps: number;
  wallSource: 'arrival' | 'sender-report' | null;
  counters: StreamCounters;
}

const ZERO_COUNTERS: StreamCounters = {
  frames: 0,
  keyFrames: 0,
  bytes: 0,
  packets: 0,
  packetsLost: 0,
  lossEvents: 0,
  stalls: 0,
  reconnects: 0,
  reconnectAttempts: 0,
  timestampJumps: 0,
};

/** How far read times may fall behind the stream-time line before rates follow them, ms. */
const RATES_RESYNC_MS = 2000;

/** Supervises one camera stream. */
export class StreamSupervisor {
  private stateValue: StreamState = 'idle';
  private sinceMs: number;
  private lastError: StreamError | null = null;
  private info: StreamInfo | undefined;
  private readonly totals: StreamCounters = { ...ZERO_COUNTERS };
  private conn: StreamConnection | undefined;
  private connOpenedMono = 0;
  private gen = 0;
  private wanted = false;
  private live = false;
  private gapOpen = false;
  private hadFailure = false;
  private lastWall: number | undefined;
  private attempt = 0;
  private outageStartMono = 0;
  private onlineSinceMono: number | undefined;
  private retryTimer: TimerHandle | undefined;
  private stallTimer: TimerHandle | undefined;
  private readonly rates = new RateWindow(5);
  /**
   * Frame rates are counted by stream time (`ratesBase` + pts), not by read time, so that batched
   * reads do not make them jitter: `ratesBase` is the earliest monotonic arrival line seen in the
   * run (arrival minus stream time).
   */
  private ratesBase: number | undefined;
  private batchReads = false;
  /** The current connection has delivered a frame. */
  private connHasVideo = false;
  private readonly stallTimeoutMs: number;
  private readonly stableMs: number;
  private readonly offlineAfterMs: number;
  private readonly backoff: BackoffOptions;
  private readonly random: () => number;

  constructor(private readonly opts: SupervisorOptions) {
    this.sinceMs = opts.clock.nowMs();
    this.stallTimeoutMs = opts.stallTimeoutMs ?? 5000;
    this.stableMs = opts.stableMs ?? 30_000;
    this.offlineAfterMs = opts.offlineAfterMs ?? 10_000;
    this.backoff = { ...DEFAULT_BACKOFF, ...opts.backoff };
    this.random = opts.random ?? Math.random;
  }

  /** The current state. */
  get state(): StreamState {
    return this.stateValue;
  }

  /** Starts pulling the stream (idempotent). */
  start(): void {
    if (this.wanted) return;
    this.wanted = true;
    this.gapOpen = false;
    this.attempt = 0;
    this.hadFailure = false;
    this.outageStartMono = this.opts.clock.monotonicMs();
    this.setState('connecting');
    this.connect();
  }

  /**
   * Stops pulling the stream: TEARDOWN, and a `stopped` with cause 'restart' if video was flowing.
   * Resolves when the connection is closed.
   */
  async stop(message = 'stream no longer needed'): Promise<void> {
    if (!this.wanted) return;
    this.wanted = false;
    this.gen++;
    this.cancelTimers();
    const conn = this.conn;
    this.endConnection();
    if (this.live) this.emitStopped('restart', message, this.opts.clock.nowMs());
    this.setState('idle');
    if (conn) {
      await conn.close().catch((e: unknown) => this.opts.logger.debug({ err: e }, 'close failed'));
    }
  }

  /**
   * Batched reads on or off for this stream (see read-batcher.ts): on while no consumer needs
   * frames the moment they arrive. Applies to the current connection at once (from its first
   * frame on) and to later ones.
   */
  setBatchedReads(on: boolean): void {
    this.batchReads = on;
    if (this.conn && this.connHasVideo) this.conn.setBatchedReads?.(on);
  }

  /** Status and counters for the status API and /metrics. */
  toJSON(): StreamStatus {
    const now = this.opts.clock.monotonicMs();
    const c = this.conn?.counters;
    const counters = { ...this.totals };
    if (c) {
      counters.packets += c.packets;
      counters.packetsLost += c.packetsLost;
      counters.timestampJumps += c.timestampJumps;
    }
    const { fps, bitrateBps } =
      this.stateValue === 'online' ? this.rates.rates(now) : { fps: 0, bitrateBps: 0 };
    const info = this.info;
    return {
      cameraId: this.opts.cameraId,
      stream: this.opts.stream,
      state: this.stateValue,
      sinceMs: this.sinceMs,
      lastError: this.lastError,
      info: info
        ? {
            codec: info.params.codec,
            width: info.width,
            height: info.height,
            codecString: info.codecString,
          }
        : null,
      fps,
      bitrateBps,
      wallSource: c ? c.wallSource : null,
      counters,
    };
  }

  private connect(): void {
    const gen = ++this.gen;
    this.connHasVideo = false;
    let opened: StreamConnection | undefined;
    /** The connection ended (possibly before `open` resolved): ignore it from then on. */
    let ended = false;
    const handlers = {
      event: (ev: StreamEvent) => {
        if (gen === this.gen && !ended) this.onEvent(ev);
      },
      closed: (err: IngestError) => {
        if (gen !== this.gen || ended) return;
        ended = true;
        this.fold(opened?.counters);
        this.conn = undefined;
        this.onFailure(err);
      },
    };
    this.opts.open(handlers).then(
      (conn) => {
        opened = conn;
        if (ended) {
          this.fold(conn.counters);
          return;
        }
        if (gen !== this.gen) {
          void conn.close().catch(() => undefined);
          return;
        }
        this.conn = conn;
        if (this.connHasVideo) conn.setBatchedReads?.(this.batchReads);
        this.connOpenedMono = this.opts.clock.monotonicMs();
        this.armStall(this.stallTimeoutMs);
      },
      (e: unknown) => {
        if (gen !== this.gen || ended) return;
        ended = true;
        this.onFailure(toIngestError(e, 'open'));
      },
    );
  }

  private onEvent(ev: StreamEvent): void {
    switch (ev.type) {
      case 'frame': {
        const bytes = frameBytes(ev.frame);
        this.totals.frames++;
        this.totals.bytes += bytes;
        if (ev.frame.isKey) this.totals.keyFrames++;
        this.countRate(ev.frame.pts90k, bytes);
        if (!this.connHasVideo) {
          this.connHasVideo = true;
          this.conn?.setBatchedReads?.(this.batchReads);
        }
        break;
      }
      case 'started':
        this.ratesBase = undefined;
        this.info = ev.info;
        this.live = true;
        this.gapOpen = false;
        if (this.stateValue !== 'online') {
          if (this.hadFailure) this.totals.reconnects++;
          this.hadFailure = false;
          this.onlineSinceMono = this.opts.clock.monotonicMs();
          this.setState('online');
        }
        break;
      case 'info-changed':
        this.info = ev.info;
        break;
      case 'stopped':
        if (!this.live) return;
        this.live = false;
        this.gapOpen = true;
        if (ev.cause === 'loss') this.totals.lossEvents++;
        this.recordError(ev.cause, ev.message, ev.atMs);
        break;
    }
    this.publish(ev);
  }

  private countRate(pts90k: number, bytes: number): void {
    const streamMs = pts90k / 90;
    const line = this.opts.clock.monotonicMs() - streamMs;
    const base = this.ratesBase;
    // Later: the stream's clock runs slower than ours, or it paused; follow after 2 s.
    if (base === undefined || line < base || line - base > RATES_RESYNC_MS) this.ratesBase = line;
    this.rates.add((this.ratesBase ?? line) + streamMs, bytes);
  }

  private onFailure(err: IngestError): void {
    this.cancelTimers();
    const clock = this.opts.clock;
    const now = clock.monotonicMs();
    if (err.gapCause === 'stall') this.totals.stalls++;
    if (this.onlineSinceMono !== undefined && now - this.onlineSinceMono >= this.stableMs) {
      this.attempt = 0;
      this.outageStartMono = now;
    }
    this.onlineSinceMono = undefined;
    this.hadFailure = true;
    this.recordError(err.gapCause, err.message, clock.nowMs());
    if (!this.gapOpen) {
      const atMs = err.gapCause === 'stall' ? (this.lastWall ?? clock.nowMs()) : clock.nowMs();
      this.emitStopped(err.gapCause, err.message, atMs);
    }
    this.opts.logger.warn(
      {
        cameraId: this.opts.cameraId,
        stream: this.opts.stream,
        cause: err.gapCause,
        err: err.message,
      },
      'camera stream failed',
    );
    this.attempt++;
    const outageMs = now - this.outageStartMono;
    const delay = backoffDelayMs(this.attempt, outageMs, this.random, this.backoff);
    this.setState(err.definitive || outageMs >= this.offlineAfterMs ? 'offline' : 'reconnecting');
    this.retryTimer = clock.setTimeout(() => {
      this.retryTimer = undefined;
      if (!this.wanted) return;
      this.totals.reconnectAttempts++;
      const outage = clock.monotonicMs() - this.outageStartMono;
      if (this.stateValue === 'reconnecting' && outage >= this.offlineAfterMs) {
        this.setState('offline');
      }
      this.connect();
    }, delay);
  }

  private armStall(afterMs: number): void {
    this.stallTimer = this.opts.clock.setTimeout(() => {
      this.stallTimer = undefined;
      const conn = this.conn;
      if (!conn) return;
      const last = conn.counters.lastMediaMonoMs ?? this.connOpenedMono;
      const idle = this.opts.clock.monotonicMs() - last;
      if (idle >= this.stallTimeoutMs) {
        conn.fail(new IngestError('stall', `no video for ${Math.round(idle / 1000)} s`));
      } else {
        this.armStall(this.stallTimeoutMs - idle);
      }
    }, afterMs);
  }

  private fold(c: ConnectionCounters | undefined): void {
    if (!c) return;
    this.totals.packets += c.packets;
    this.totals.packetsLost += c.packetsLost;
    this.totals.timestampJumps += c.timestampJumps;
    this.lastWall = c.lastMediaWallMs;
  }

  private endConnection(): void {
    this.fold(this.conn?.counters);
    this.conn = undefined;
    this.onlineSinceMono = undefined;
  }

  private emitStopped(cause: GapCause, message: string, atMs: number): void {
    this.live = false;
    this.gapOpen = true;
    this.publish({ type: 'stopped', cause, atMs, message });
  }

  private publish(ev: StreamEvent): void {
    try {
      this.opts.publish(ev);
    } catch (e) {
      this.opts.logger.error({ err: e, cameraId: this.opts.cameraId }, 'publishing an event threw');
    }
  }

  private recordError(cause: GapCause, message: string, atMs: number): void {
    this.lastError = { cause, message, atMs };
  }

  private setState(state: StreamState): void {
    if (state === this.stateValue) return;
    this.stateValue = state;
    this.sinceMs = this.opts.clock.nowMs();
  }

  private cancelTimers(): void {
    this.retryTimer?.cancel();
    this.retryTimer = undefined;
    this.stallTimer?.cancel();
    this.stallTimer = undefined;
  }
}
