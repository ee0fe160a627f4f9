/**
 * A bounded queue between a hub and an asynchronous consumer (one that awaits disk or network
 * between events). It holds at most `maxItems` events and `maxBytes` of frames; when a frame
 * would overflow it, the queued frames are dropped and the queue waits for the next key frame,
 * so memory stays bounded however slow the consumer is. Control events (`started`,
 * `info-changed`, `stopped`) are kept in preference to frames; only if the queue holds nothing
 * but control events is the oldest of them dropped.
 */
import {
  frameBytes,
  type HubSubscriber,
  type StreamHub,
  type SubscribeOptions,
  type Subscription,
} from './hub.ts';
import type { StreamEvent, TimedAccessUnit } from './types.ts';

/** Bounds of a frame queue. */
export interface FrameQueueOptions extends SubscribeOptions {
  /** Most events held (default 256). */
  maxItems?: number;
  /** Most frame bytes held (default 8 MiB). */
  maxBytes?: number;
}

/** An async-iterable, bounded subscription to a hub. */
export class FrameQueue implements HubSubscriber, AsyncIterable<StreamEvent> {
  private items: StreamEvent[] = [];
  private bytes = 0;
  private waiting = false;
  private resolver: ((value: StreamEvent | undefined) => void) | undefined;
  private done = false;
  private subscription: Subscription | undefined;
  private readonly maxItems: number;
  private readonly maxBytes: number;
  /** Frames dropped because the consumer fell behind. */
  droppedFrames = 0;
  /** Control events dropped because the queue held nothing else (should stay 0). */
  droppedEvents = 0;
  /** The largest length the queue ever had. */
  highWater = 0;

  constructor(opts: { maxItems?: number; maxBytes?: number } = {}) {
    this.maxItems = Math.max(2, opts.maxItems ?? 256);
    this.maxBytes = Math.max(1, opts.maxBytes ?? 8 * 1024 * 1024);
  }

  /** Subscribes a new queue to `hub`. */
  static attach(hub: StreamHub, opts: FrameQueueOptions = {}): FrameQueue {
    const q = new FrameQueue(opts);
    q.subscription = hub.subscribe(q, opts);
    return q;
  }

  /** Number of queued events. */
  get length(): number {
    return this.items.length;
  }

  /** The next event; undefined once the queue is closed. */
  next(): Promise<StreamEvent | undefined> {
    const item = this.items.shift();
    if (item) {
      if (item.type === 'frame') this.bytes -= frameBytes(item.frame);
      return Promise.resolve(item);
    }
    if (this.done) return Promise.resolve(undefined);
    return new Promise((resolve) => {
      this.resolver = resolve;
    });
  }

  /** Unsubscribes and ends iteration. */
  close(): void {
    if (this.done) return;
    this.done = true;
    this.subscription?.close();
    this.items = [];
    this.bytes = 0;
    const r = this.resolver;
    this.resolver = undefined;
    r?.(undefined);
  }

  async *[Symbol.asyncIterator](): AsyncIterator<StreamEvent> {
    for (;;) {
      const ev = await this.next();
      if (!ev) return;
      yield ev;
    }
  }

  /** HubSubscriber: called by the hub. */
  onEvent(event: StreamEvent): void {
    if (this.done) return;
    const r = this.resolver;
    if (r && this.items.length === 0) {
      if (event.type === 'frame' && this.waiting && !event.frame.isKey) {
        this.droppedFrames++;
        return;
      }
      if (event.type === 'frame') this.waiting = false;
      this.resolver = undefined;
      r(event);
      return;
    }
    if (event.type === 'frame') this.pushFrame(event);
    else this.pushControl(event);
    this.highWater = Math.max(this.highWater, this.items.length);
  }

  private pushFrame(event: { type: 'frame'; frame: TimedAccessUnit }): void {
    const size = frameBytes(event.frame);
    if (this.waiting && !event.frame.isKey) {
      this.droppedFrames++;
      return;
    }
    if (this.items.length + 1 > this.maxItems || this.bytes + size > this.maxBytes) {
      this.dropFrames();
      if (!event.frame.isKey || this.items.length + 1 > this.maxItems || size > this.maxBytes) {
        this.waiting = true;
        this.droppedFrames++;
        return;
      }
    }
    this.waiting = false;
    this.items.push(event);
    this.bytes += size;
  }

  private pushControl(event: StreamEvent): void {
    if (this.items.length + 1 > this.maxItems) {
      this.dropFrames();
      this.waiting = true;
      while (this.items.length + 1 > this.maxItems) {
        this.items.shift();
        this.droppedEvents++;
      }
    }
    this.items.push(event);
  }

  private dropFrames(): void {
    const kept: StreamEvent[] = [];
    for (const item of this.items) {
      if (item.type === 'frame') this.droppedFrames++;
      else kept.push(item);
    }
    this.items = kept;
    this.bytes = 0;
  }
}
