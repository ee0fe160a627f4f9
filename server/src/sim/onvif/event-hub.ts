/**
 * The events of one simulated camera: pull-point subscriptions with their termination times,
 * the messages queued for each, and pulls waiting for a message. Emitting an event queues it on
 * every live subscription and wakes the pulls waiting there.
 */

/** The kinds of event a simulated camera raises. */
export type SimEventKind = 'motion' | 'tamper' | 'digital-input';

/** One notification. */
export interface SimEventMessage {
  kind: SimEventKind;
  /** ONVIF topic, e.g. `tns1:VideoSource/MotionAlarm`. */
  topic: string;
  /** Wall time of the camera (its clock offset included), ms. */
  utcMs: number;
  /** Source item: name and value, e.g. `Source` = `vsrc`. */
  source: { name: string; value: string };
  /** Data item: name and value, e.g. `State` = `true`. */
  data: { name: string; value: string };
  /** `Initialized`, `Changed` or `Deleted`. */
  operation: 'Changed' | 'Initialized';
}

/** The topic, source and data item of each kind of event. */
export const EVENT_TOPICS: Record<
  SimEventKind,
  { topic: string; source: string; sourceValue: string; data: string }
> = {
  motion: {
    topic: 'tns1:VideoSource/MotionAlarm',
    source: 'Source',
    sourceValue: 'vsrc',
    data: 'State',
  },
  tamper: {
    topic: 'tns1:VideoSource/GlobalSceneChange/ImagingService',
    source: 'Source',
    sourceValue: 'vsrc',
    data: 'State',
  },
  'digital-input': {
    topic: 'tns1:Device/Trigger/DigitalInput',
    source: 'InputToken',
    sourceValue: 'di0',
    data: 'LogicalState',
  },
};

/** A pull-point subscription. */
export interface Subscription {
  id: string;
  /** Monotonic ms at which it ends unless renewed. */
  terminatesAtMs: number;
  queue: SimEventMessage[];
  waiters: Set<() => void>;
}

/** Most messages kept per subscription (older ones are dropped). */
const MAX_QUEUED = 1000;

/** The subscriptions of one camera. */
export class EventHub {
  private readonly subs = new Map<string, Subscription>();
  private next = 1;

  constructor(private readonly prefix: string) {}

  /** A new subscription that ends at `terminatesAtMs`. */
  create(terminatesAtMs: number): Subscription {
    const sub: Subscription = {
      id: `${this.prefix}-${this.next++}`,
      terminatesAtMs,
      queue: [],
      waiters: new Set(),
    };
    this.subs.set(sub.id, sub);
    return sub;
  }

  /** The live subscription of an id (an expired one is removed and not returned). */
  get(id: string, nowMs: number): Subscription | undefined {
    const sub = this.subs.get(id);
    if (sub !== undefined && sub.terminatesAtMs <= nowMs) {
      this.remove(id);
      return undefined;
    }
    return sub;
  }

  /** Ends a subscription, waking its pulls. */
  remove(id: string): boolean {
    const sub = this.subs.get(id);
    if (sub === undefined) return false;
    this.subs.delete(id);
    for (const wake of sub.waiters) wake();
    return true;
  }

  /** Ends every subscription (a fault: they expire now). Returns how many. */
  expireAll(): number {
    const ids = [...this.subs.keys()];
    for (const id of ids) this.remove(id);
    return ids.length;
  }

  /** Queues a message on every live subscription and wakes their pulls. */
  emit(message: SimEventMessage, nowMs: number): number {
    let delivered = 0;
    for (const sub of [...this.subs.values()]) {
      if (sub.terminatesAtMs <= nowMs) {
        this.remove(sub.id);
        continue;
      }
      sub.queue.push(message);
      if (sub.queue.length > MAX_QUEUED) sub.queue.shift();
      delivered++;
      for (const wake of sub.waiters) wake();
    }
    return delivered;
  }

  /** How many subscriptions are live. */
  get size(): number {
    return this.subs.size;
  }
}
