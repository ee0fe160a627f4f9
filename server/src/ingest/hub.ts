/**
 * The fan-out of one camera stream: every StreamEvent the supervisor publishes is handed,
 * synchronously and in order, to each subscriber (the recorder, live viewers, still images).
 *
 * - A subscriber that is behind (it says so with `skipToNextKey()`, or its `isBehind()` answers
 *   true before a frame) gets no frames until the next key frame it can take: nothing is ever
 *   buffered for it here, so memory does not grow with a slow consumer.
 * - A late subscriber gets a `started` with the current StreamInfo, then the cached last GOP when
 *   the hub keeps one (bounded by `gopCacheMaxBytes` / `gopCacheMaxFrames`), else frames from the
 *   next key frame. Its first frame's pts90k is then not 0.
 * - Demand is reference-counted: subscriptions hold demand unless `demand: false`; the camera is
 *   pulled while demand > 0 (and `lingerMs` after it drops to 0).
 * - Frames may be lent (`AccessUnit.lent`: bytes valid only while they are published). A
 *   subscriber that says it copies what it keeps (`acceptsLent`: the recorder) gets them as they
 *   are; the GOP cache and every other subscriber get one copy whose bytes are its own, made
 *   only when one of them takes the frame (so a camera nobody watches live costs no copy).
 * - A subscriber that needs frames the moment they arrive (`realtime`, the default: live view)
 *   makes the stream "realtime"; one that tolerates a delay (the recorder, which writes once a
 *   second) does not. The ingest manager batches the reads of a stream that is not realtime
 *   (read-batcher.ts) and stops batching as soon as a realtime subscriber arrives.
 * - A subscriber that throws is logged and made to skip to the next key frame; it never affects
 *   the stream or the other subscribers.
 */
import type { Clock, TimerHandle, Logger } from '../app/index.ts';
import { ownedAccessUnit } from '../media/index.ts';
import type { StreamEvent, StreamInfo, StreamKind, TimedAccessUnit } from './types.ts';

/** A consumer of one camera stream. */
export interface HubSubscriber {
  /** Receives every event in order, synchronously, on the publishing call stack. Must not block. */
  onEvent(event: StreamEvent): void;
  /**
   * Asked before each frame: true when the consumer cannot take more now (e.g. a WebSocket whose
   * `bufferedAmount` is over its limit). Frames are then dropped until the next key frame.
   */
  isBehind?(): boolean;
  /** Told, just before the key frame it resumes at, how many frames it missed while behind. */
  onSkipped?(frames: number): void;
}

/** How a subscription behaves. */
export interface SubscribeOptions {
  /** A name for logs and stats, e.g. 'recorder' or 'live:17'. */
  name?: string;
  /** Whether this subscription keeps the camera pulled (default true). */
  demand?: boolean;
  /** A late subscriber starts with the cached last GOP when there is one (default true). */
  lastGop?: boolean;
  /**
   * The subscriber reads a frame's bytes only while `onEvent` runs and copies what it keeps (the
   * recorder): it is given lent frames as they are. Default false: it is given frames whose bytes
   * are their own.
   */
  acceptsLent?: boolean;
  /**
   * The subscriber needs each frame as soon as it arrives (default true). False for one that
   * takes frames a fraction of a second late without harm (the recorder): while every
   * subscriber is so, the stream's reads may be batched.
   */
  realtime?: boolean;
}

/** A live subscription. */
export interface Subscription {
  /** "I'm behind": drop frames for this subscriber until the next key frame. */
  skipToNextKey(): void;
  /** Ends the subscription (and releases its demand). Idempotent. */
  close(): void;
  /** Frames this subscriber has missed while behind. */
  readonly skippedFrames: number;
}

/** Tunables of a hub. */
export interface HubOptions {
  clock: Clock;
  logger: Logger;
  /** Upper bound of the last-GOP cache in bytes; 0 keeps no cache (default 0). */
  gopCacheMaxBytes?: number;
  /** Upper bound of the last-GOP cache in frames (default 600). */
  gopCacheMaxFrames?: number;
  /** How long the camera stays pulled after the last demand is released, ms (default 0). */
  lingerMs?: number;
}

/** A frame event whose frame's bytes are its own (a copy of a lent frame). */
function ownedFrameEvent(frame: TimedAccessUnit): { type: 'frame'; frame: TimedAccessUnit } {
  return { type: 'frame', frame: ownedAccessUnit(frame) };
}

/** The size of a frame in bytes (sum of its NAL units). */
export function frameBytes(frame: TimedAccessUnit): number {
  let n = 0;
  for (const nalu of frame.nalus) n += nalu.byteLength;
  return n;
}

class Sub implements Subscription {
  skipping = false;
  /** Waiting for its first key frame after joining late: not counted as skipping. */
  joining = false;
  skippedFrames = 0;
  /** Frames missed since the subscriber fell behind this time. */
  episode = 0;
  closed = false;
  errors = 0;
  constructor(
    readonly subscriber: HubSubscriber,
    readonly name: string,
    readonly demand: boolean,
    readonly acceptsLent: boolean,
    readonly realtime: boolean,
    private readonly onClose: (s: Sub) => void,
  ) {}
  skipToNextKey(): void {
    this.skipping = true;
  }
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.onClose(this);
  }
}

/** One camera stream's fan-out. */
export class StreamHub {
  private subs: Sub[] = [];
  private demandCount = 0;
  private active = false;
  private lingerTimer: TimerHandle | undefined;
  private currentInfo: StreamInfo | undefined;
  private isLive = false;
  private gop: TimedAccessUnit[] | undefined;
  private gopBytes = 0;
  private readonly gopMaxBytes: number;
  private readonly gopMaxFrames: number;
  private readonly lingerMs: number;
  private demandListener: ((active: boolean) => void) | undefined;
  private realtimeListener: ((realtime: boolean) => void) | undefined;
  private realtimeCount = 0;
  private seq = 0;

  constructor(
    readonly cameraId: string,
    readonly stream: StreamKind,
    private readonly opts: HubOptions,
  ) {
    this.gopMaxBytes = opts.gopCacheMaxBytes ?? 0;
    this.gopMaxFrames = opts.gopCacheMaxFrames ?? 600;
    this.lingerMs = opts.lingerMs ?? 0;
  }

  /** The stream's current StreamInfo (kept across stops), if video was ever received. */
  get info(): StreamInfo | undefined {
    return this.currentInfo;
  }

  /** True between a `started` and the next `stopped`. */
  get live(): boolean {
    return this.isLive;
  }

  /** True while the camera should be pulled. */
  get wanted(): boolean {
    return this.active;
  }

  /** True while a subscriber needs frames as soon as they arrive (see `SubscribeOptions`). */
  get realtime(): boolean {
    return this.realtimeCount > 0;
  }

  /**
   * Sets who is told when the stream becomes realtime (true) and stops being so (false): the
   * ingest manager, which turns batched reads off and on. Told the current value at once.
   */
  onRealtimeChange(listener: (realtime: boolean) => void): void {
    this.realtimeListener = listener;
    this.tell(listener, this.realtime, 'realtime listener threw');
  }

  /** Number of open subscriptions. */
  get subscriberCount(): number {
    return this.subs.length;
  }

  /**
   * Sets who is told when demand starts (true) and ends (false): the ingest manager, which starts
   * and stops the camera's supervisor. Told at once if demand is already active.
   */
  onDemandChange(listener: (active: boolean) => void): void {
    this.demandListener = listener;
    if (this.active) listener(true);
  }

  /**
   * Subscribes a consumer. If the stream is live, the consumer first gets a `started` with the
   * current info (synchronously, before this returns) and then the cached GOP, if any.
   */
  subscribe(subscriber: HubSubscriber, options: SubscribeOptions = {}): Subscription {
    const demand = options.demand ?? true;
    const name = options.name ?? `sub${++this.seq}`;
    const realtime = options.realtime ?? true;
    const sub = new Sub(subscriber, name, demand, options.acceptsLent ?? false, realtime, (s) =>
      this.remove(s),
    );
    this.subs = [...this.subs, sub];
    // Before anything is delivered: a live viewer's first frames are not held back.
    if (realtime && ++this.realtimeCount === 1) this.realtimeChanged();
    if (this.isLive && this.currentInfo) {
      this.deliver(sub, { type: 'started', info: this.currentInfo, atMs: this.opts.clock.nowMs() });
      const gop = options.lastGop === false ? undefined : this.gop;
      if (gop && gop.length > 0) {
        for (const frame of gop) if (!sub.closed) this.deliver(sub, { type: 'frame', frame });
      } else {
        sub.skipping = true;
        sub.joining = true;
      }
    }
    if (demand) this.acquire();
    return sub;
  }

  /** Publishes one event to every subscriber. Called by the camera's supervisor only. */
  publish(event: StreamEvent): void {
    switch (event.type) {
      case 'started':
        this.currentInfo = event.info;
        this.isLive = true;
        this.clearGop();
        break;
      case 'info-changed':
        this.currentInfo = event.info;
        this.clearGop();
        break;
      case 'stopped':
        this.isLive = false;
        this.clearGop();
        break;
      case 'frame':
        this.publishFrame(event);
        return;
    }
    for (const sub of this.subs) if (!sub.closed) this.deliver(sub, event);
  }

  /** Stats for the status API. */
  toJSON(): {
    cameraId: string;
    stream: StreamKind;
    live: boolean;
    wanted: boolean;
    demand: number;
    gopCacheFrames: number;
    gopCacheBytes: number;
    subscribers: {
      name: string;
      demand: boolean;
      behind: boolean;
      skippedFrames: number;
      errors: number;
    }[];
  } {
    return {
      cameraId: this.cameraId,
      stream: this.stream,
      live: this.isLive,
      wanted: this.active,
      demand: this.demandCount,
      gopCacheFrames: this.gop?.length ?? 0,
      gopCacheBytes: this.gop ? this.gopBytes : 0,
      subscribers: this.subs.map((s) => ({
        name: s.name,
        demand: s.demand,
        behind: s.skipping,
        skippedFrames: s.skippedFrames,
        errors: s.errors,
      })),
    };
  }

  /**
   * Delivers a frame. A lent frame (valid only during this call) is copied once, when first
   * needed, for the GOP cache and the subscribers that keep frames; the others get it as it is.
   */
  private publishFrame(event: { type: 'frame'; frame: TimedAccessUnit }): void {
    const isKey = event.frame.isKey;
    let owned = event.frame.lent === true ? undefined : event;
    if (this.gopMaxBytes > 0) {
      owned ??= ownedFrameEvent(event.frame);
      this.cache(owned.frame);
    }
    for (const sub of this.subs) {
      if (sub.closed) continue;
      const behind = this.askBehind(sub);
      if (sub.skipping || behind) {
        if (isKey && !behind) {
          sub.skipping = false;
          sub.joining = false;
          const missed = sub.episode;
          sub.episode = 0;
          if (missed > 0) this.guard(sub, () => sub.subscriber.onSkipped?.(missed));
        } else {
          sub.skipping = true;
          if (!sub.joining) {
            sub.skippedFrames++;
            sub.episode++;
          }
          continue;
        }
      }
      this.deliver(sub, sub.acceptsLent ? event : (owned ??= ownedFrameEvent(event.frame)));
    }
  }

  private askBehind(sub: Sub): boolean {
    if (!sub.subscriber.isBehind) return false;
    try {
      return sub.subscriber.isBehind() === true;
    } catch (e) {
      this.subscriberFailed(sub, e);
      return true;
    }
  }

  private deliver(sub: Sub, event: StreamEvent): void {
    this.guard(sub, () => sub.subscriber.onEvent(event));
  }

  private guard(sub: Sub, fn: () => void): void {
    try {
      fn();
    } catch (e) {
      this.subscriberFailed(sub, e);
    }
  }

  private subscriberFailed(sub: Sub, e: unknown): void {
    sub.errors++;
    sub.skipping = true;
    this.opts.logger.warn(
      { err: e, cameraId: this.cameraId, stream: this.stream, subscriber: sub.name },
      'hub subscriber threw; it skips to the next key frame',
    );
  }

  private cache(frame: TimedAccessUnit): void {
    if (frame.isKey) {
      this.gop = [];
      this.gopBytes = 0;
    }
    if (!this.gop) return;
    this.gop.push(frame);
    this.gopBytes += frameBytes(frame);
    if (this.gopBytes > this.gopMaxBytes || this.gop.length > this.gopMaxFrames) this.clearGop();
  }

  private clearGop(): void {
    this.gop = undefined;
    this.gopBytes = 0;
  }

  private remove(sub: Sub): void {
    this.subs = this.subs.filter((s) => s !== sub);
    if (sub.realtime && --this.realtimeCount === 0) this.realtimeChanged();
    if (sub.demand) this.release();
  }

  private acquire(): void {
    this.demandCount++;
    this.lingerTimer?.cancel();
    this.lingerTimer = undefined;
    if (!this.active) this.setActive(true);
  }

  private release(): void {
    this.demandCount--;
    if (this.demandCount > 0 || !this.active) return;
    if (this.lingerMs <= 0) {
      this.setActive(false);
      return;
    }
    this.lingerTimer = this.opts.clock.setTimeout(() => {
      this.lingerTimer = undefined;
      if (this.demandCount === 0 && this.active) this.setActive(false);
    }, this.lingerMs);
  }

  private setActive(active: boolean): void {
    this.active = active;
    if (this.demandListener) this.tell(this.demandListener, active, 'demand listener threw');
  }

  private realtimeChanged(): void {
    if (this.realtimeListener) {
      this.tell(this.realtimeListener, this.realtime, 'realtime listener threw');
    }
  }

  private tell(listener: (value: boolean) => void, value: boolean, failure: string): void {
    try {
      listener(value);
    } catch (e) {
      this.opts.logger.error({ err: e, cameraId: this.cameraId, stream: this.stream }, failure);
    }
  }
}
