/**
 * Sends syslog records to the city's collector over TCP or TLS (RFC 5425), octet-counted
 * (RFC 6587). Records wait in a bounded queue and leave it only once written to the connection;
 * when the collector is unreachable they stay queued and the connection is retried with growing
 * pauses on the clock. Every failure is logged; records dropped because the queue is full are
 * logged as errors with their number. Best effort by nature (TCP syslog has no acknowledgement):
 * the witness file is the primary witness, this is the copy off the machine.
 */
import { connect as netConnect, isIP, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import type { Clock, Logger, TimerHandle } from '../app/index.ts';
import { octetFrame } from './syslog-message.ts';

/** Where records go. */
export interface SyslogTarget {
  readonly host: string;
  readonly port: number;
  readonly transport: 'tcp' | 'tls';
  /** Certificate authorities that sign the collector's certificate (PEM); system CAs when absent. */
  readonly ca?: Buffer | undefined;
}

/** Settings of a forwarder. */
export interface SyslogForwarderOptions {
  readonly target: SyslogTarget;
  readonly clock: Clock;
  readonly logger?: Logger | undefined;
  /** Most records waiting (default 10,000); beyond it the oldest are dropped, with an error. */
  readonly maxQueue?: number;
  /** First pause before reconnecting, ms (default 1 s); doubles up to `maxRetryMs` (30 s). */
  readonly retryMs?: number;
  readonly maxRetryMs?: number;
}

const CONNECT_TIMEOUT_MS = 10_000;

/** A connection to the collector with its queue of records. */
export class SyslogForwarder {
  private readonly target: SyslogTarget;
  private readonly clock: Clock;
  private readonly logger: Logger | undefined;
  private readonly maxQueue: number;
  private readonly retryMs: number;
  private readonly maxRetryMs: number;
  private queue: Buffer[] = [];
  /** Leading queue records written to the socket, waiting for their write callback. */
  private inFlight = 0;
  private socket: Socket | null = null;
  private connected = false;
  private retryTimer: TimerHandle | null = null;
  private nextRetryMs: number;
  private failures = 0;
  private closed = false;
  private idleWaiters: (() => void)[] = [];

  constructor(opts: SyslogForwarderOptions) {
    this.target = opts.target;
    this.clock = opts.clock;
    this.logger = opts.logger;
    this.maxQueue = opts.maxQueue ?? 10_000;
    this.retryMs = opts.retryMs ?? 1000;
    this.maxRetryMs = opts.maxRetryMs ?? 30_000;
    this.nextRetryMs = this.retryMs;
  }

  /** Records waiting to be written. */
  get queued(): number {
    return this.queue.length;
  }

  /** Queues one record (RFC 5424 text) and sends it as soon as the collector can be reached. */
  send(record: string): void {
    if (this.closed) {
      this.logger?.error('audit syslog: record after close, NOT sent');
      return;
    }
    this.queue.push(octetFrame(record));
    if (this.queue.length > this.maxQueue) {
      const drop = this.queue.length - this.maxQueue;
      const droppable = Math.min(drop, this.queue.length - this.inFlight);
      this.queue.splice(this.inFlight, droppable);
      this.logger?.error(
        { dropped: droppable, maxQueue: this.maxQueue },
        'audit syslog: queue full, oldest records DROPPED (the witness file still holds every checkpoint)',
      );
    }
    this.pump();
  }

  /**
   * Resolves true once every queued record is written, or false when `timeoutMs` of the clock
   * pass first.
   */
  drained(timeoutMs: number): Promise<boolean> {
    if (this.queue.length === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      let done = false;
      const timer = this.clock.setTimeout(() => finish(false), timeoutMs);
      const finish = (ok: boolean): void => {
        if (done) return;
        done = true;
        timer.cancel();
        resolve(ok);
      };
      this.idleWaiters.push(() => finish(true));
    });
  }

  /** Waits up to `timeoutMs` for the queue to empty, then closes the connection. */
  async close(timeoutMs = 5000): Promise<void> {
    if (this.closed) return;
    const ok = await this.drained(timeoutMs);
    this.closed = true;
    this.retryTimer?.cancel();
    this.retryTimer = null;
    if (!ok) {
      this.logger?.error(
        { unsent: this.queue.length, host: this.target.host, port: this.target.port },
        'audit syslog: closing with records NOT delivered to the collector',
      );
    }
    const s = this.socket;
    const connected = this.connected;
    this.socket = null;
    this.connected = false;
    if (s && connected) {
      await new Promise<void>((resolve) => {
        s.once('close', () => resolve());
        s.end(() => resolve());
      });
    }
    s?.destroy();
  }

  private pump(): void {
    if (this.closed && this.socket === null) return;
    if (!this.socket) {
      if (!this.retryTimer) this.open();
      return;
    }
    if (!this.connected) return;
    const socket = this.socket;
    while (this.inFlight < this.queue.length) {
      const frame = this.queue[this.inFlight];
      if (!frame) break;
      this.inFlight += 1;
      socket.write(frame, (err) => {
        if (err || this.socket !== socket) return; // resent after reconnecting
        this.queue.shift();
        this.inFlight -= 1;
        if (this.queue.length === 0) this.wakeIdle();
      });
    }
  }

  private open(): void {
    const { host, port, transport, ca } = this.target;
    const socket =
      transport === 'tls'
        ? tlsConnect({
            host,
            port,
            ...(ca ? { ca } : {}),
            ...(isIP(host) === 0 ? { servername: host } : {}),
          })
        : netConnect({ host, port });
    this.socket = socket;
    this.connected = false;
    socket.setTimeout(CONNECT_TIMEOUT_MS, () => socket.destroy(new Error('connect timed out')));
    socket.once(transport === 'tls' ? 'secureConnect' : 'connect', () => {
      socket.setTimeout(0);
      this.connected = true;
      if (this.failures > 0) {
        this.logger?.warn(
          { host, port, failures: this.failures, queued: this.queue.length },
          'audit syslog: collector reachable again, sending what was queued',
        );
      }
      this.failures = 0;
      this.nextRetryMs = this.retryMs;
      this.pump();
    });
    socket.on('data', () => undefined); // a collector does not answer; ignore anything it says
    socket.on('error', (err: Error) => this.lost(socket, err));
    socket.on('close', () => this.lost(socket, new Error('connection closed by the collector')));
  }

  private lost(socket: Socket, err: Error): void {
    if (this.socket !== socket) return;
    this.socket = null;
    this.connected = false;
    this.inFlight = 0;
    socket.destroy();
    if (this.closed) return;
    this.failures += 1;
    const level = this.failures === 1 ? 'error' : 'warn';
    this.logger?.[level](
      {
        err,
        host: this.target.host,
        port: this.target.port,
        queued: this.queue.length,
        retryInMs: this.nextRetryMs,
      },
      'audit syslog: cannot reach the collector; records are queued and will be retried',
    );
    this.retryTimer = this.clock.setTimeout(() => {
      this.retryTimer = null;
      if (this.queue.length > 0) this.pump();
    }, this.nextRetryMs);
    this.nextRetryMs = Math.min(this.nextRetryMs * 2, this.maxRetryMs);
  }

  private wakeIdle(): void {
    const waiters = this.idleWaiters.splice(0);
    for (const w of waiters) w();
  }
}
