/**
 * One RTSP-over-TCP connection to a camera: a real socket, the pure stream parser from
 * media/rtsp, requests matched to responses by CSeq with a timeout each, and interleaved frames
 * handed to a callback. Everything that runs on the camera's bytes runs inside this connection's
 * error boundary: any exception (a parse error, a bug in a callback) closes this connection only,
 * with the error recorded, and never escapes to the event loop.
 *
 * The socket reads into one buffer of the connection's own, reused for every read (Node's
 * `onread`), instead of a new buffer per read: at 200 cameras that is ~50 MB/s less memory to
 * allocate and collect, and interleaved frames are handed on in place (no object per packet).
 * The price is an ownership rule: what `onFrame` receives is valid only during the call (the
 * media pipeline copies what it keeps), and responses are copied here.
 *
 * With batched reads on (`setBatchedReads`, for a stream nobody watches live) the connection
 * pauses once a read has drained its socket and lets its `ReadBatcher` resume it at the next
 * tick, so that the frames of the interval come in one read. Never while a request waits for its
 * response.
 */
import net from 'node:net';
import type { Clock, TimerHandle } from '../app/index.ts';
import {
  RtspStreamParser,
  cseqOf,
  writeRequest,
  writeResponse,
  type RtspItem,
  type RtspResponse,
} from '../media/index.ts';
import { IngestError, toIngestError } from './errors.ts';
import type { BatchedReader, ReadBatcher } from './read-batcher.ts';

/** When the bytes being handled were read: one clock reading per socket read, not per packet. */
export interface ReadTime {
  /** Wall clock, UTC ms. */
  wallMs: number;
  /** Monotonic clock, ms. */
  monoMs: number;
}

/** How to reach a camera and what to do with what it sends. */
export interface RtspConnectionOptions {
  host: string;
  port: number;
  clock: Clock;
  /** Limit for the TCP connection to be established, ms. */
  connectTimeoutMs: number;
  /** Limit for each request's response, ms. */
  requestTimeoutMs: number;
  /**
   * An interleaved frame arrived, `data[start, end)`, valid only during the call (inside the
   * error boundary); `at` is when it was read (an object reused for every read).
   */
  onFrame: (channel: number, data: Uint8Array, start: number, end: number, at: ReadTime) => void;
  /** The connection ended; called exactly once, with why. */
  onClose: (error: IngestError) => void;
  /** Holds the connection between reads while batched reads are on (`setBatchedReads`). */
  readBatcher?: ReadBatcher;
}

/** Size of each connection's read buffer. */
const READ_BUFFER_BYTES = 64 * 1024;

interface Pending {
  method: string;
  resolve: (r: RtspResponse) => void;
  reject: (e: IngestError) => void;
  timer: TimerHandle;
}

/** An open RTSP connection. Create with `RtspConnection.open`. */
export class RtspConnection implements BatchedReader {
  private readonly parser = new RtspStreamParser({
    onInterleaved: (channel, data, start, end) => {
      if (!this.closed) this.opts.onFrame(channel, data, start, end, this.readTime);
    },
  });
  private readonly pending = new Map<number, Pending>();
  private cseq = 0;
  private closed = false;
  /** Bytes received on this connection. */
  bytesIn = 0;
  /** When the bytes being parsed were read. */
  private readonly readTime: ReadTime = { wallMs: 0, monoMs: 0 };
  /** Batched reads are on (and there is a batcher). */
  private batched = false;

  private constructor(
    private readonly socket: net.Socket,
    private readonly opts: RtspConnectionOptions,
  ) {
    socket.on('error', (e) => this.close(toIngestError(e, 'camera connection')));
    socket.on('close', () =>
      this.close(new IngestError('offline', 'connection closed by the camera')),
    );
  }

  /** Opens a TCP connection; rejects with an 'offline' IngestError when it cannot. */
  static open(opts: RtspConnectionOptions): Promise<RtspConnection> {
    return new Promise((resolve, reject) => {
      let connection: RtspConnection | undefined;
      const early: Uint8Array[] = [];
      const buffer = Buffer.allocUnsafe(READ_BUFFER_BYTES);
      const socket = net.connect({
        host: opts.host,
        port: opts.port,
        onread: {
          buffer,
          callback: (n: number, buf: Uint8Array) => {
            const bytes = new Uint8Array(buf.buffer, buf.byteOffset, n);
            // Bytes before the connection object exists (none from a well-behaved camera).
            if (connection) {
              connection.onData(bytes);
              if (n < buffer.length) connection.drained();
            } else {
              early.push(bytes.slice());
            }
            return true;
          },
        },
      });
      socket.setNoDelay(true);
      let settled = false;
      const timer = opts.clock.setTimeout(() => {
        if (settled) return;
        settled = true;
        socket.destroy();
        reject(
          new IngestError(
            'offline',
            `no TCP connection to ${opts.host}:${opts.port} within ${opts.connectTimeoutMs} ms`,
          ),
        );
      }, opts.connectTimeoutMs);
      socket.once('error', (e) => {
        if (settled) return;
        settled = true;
        timer.cancel();
        socket.destroy();
        reject(toIngestError(e, `connect to ${opts.host}:${opts.port}`));
      });
      socket.once('connect', () => {
        if (settled) return;
        settled = true;
        timer.cancel();
        connection = new RtspConnection(socket, opts);
        for (const bytes of early.splice(0)) connection.onData(bytes);
        resolve(connection);
      });
    });
  }

  /** True once closed. */
  get isClosed(): boolean {
    return this.closed;
  }

  /**
   * Turns batched reads on or off (see the file comment). Off resumes reading at once. Has no
   * effect without a `readBatcher`.
   */
  setBatchedReads(on: boolean): void {
    const batcher = this.opts.readBatcher;
    this.batched = on && batcher !== undefined;
    if (!this.batched) batcher?.release(this);
  }

  /** True while batched reads are on. */
  get batchedReads(): boolean {
    return this.batched;
  }

  /** @internal For the batcher: stops reading the socket. */
  pauseReads(): void {
    if (!this.closed) this.socket.pause();
  }

  /** @internal For the batcher: reads the socket again. */
  resumeReads(): void {
    if (!this.closed) this.socket.resume();
  }

  /** A read took everything the socket had: with batched reads on, wait for the next tick. */
  private drained(): void {
    if (this.batched && !this.closed && this.pending.size === 0) this.opts.readBatcher?.hold(this);
  }

  /** Sends a request and waits for its response (any status), or the request timeout. */
  request(
    method: string,
    uri: string,
    headers: readonly (readonly [string, string])[] = [],
    timeoutMs = this.opts.requestTimeoutMs,
  ): Promise<RtspResponse> {
    if (this.closed) {
      return Promise.reject(new IngestError('offline', `${method}: connection already closed`));
    }
    const cseq = ++this.cseq;
    let bytes: Uint8Array;
    try {
      bytes = writeRequest({ method, uri, headers: [['CSeq', String(cseq)], ...headers] });
    } catch (e) {
      return Promise.reject(toIngestError(e, `${method} request`));
    }
    return new Promise((resolve, reject) => {
      const timer = this.opts.clock.setTimeout(() => {
        if (!this.pending.delete(cseq)) return;
        reject(
          new IngestError('offline', `camera did not answer ${method} within ${timeoutMs} ms`),
        );
      }, timeoutMs);
      this.pending.set(cseq, { method, resolve, reject, timer });
      // The answer is read as soon as it comes, batched reads or not.
      this.opts.readBatcher?.release(this);
      this.socket.write(bytes);
    });
  }

  /** Closes the connection (idempotent); `onClose` gets `error`. Pending requests are rejected. */
  close(error: IngestError = new IngestError('restart', 'connection closed by Vedetta')): void {
    if (this.closed) return;
    this.closed = true;
    this.opts.readBatcher?.release(this);
    this.socket.destroy();
    for (const p of this.pending.values()) {
      p.timer.cancel();
      p.reject(error);
    }
    this.pending.clear();
    this.opts.onClose(error);
  }

  /** The error boundary: the camera's bytes are parsed and dispatched here and only here. */
  private onData(chunk: Uint8Array): void {
    if (this.closed) return;
    this.bytesIn += chunk.length;
    this.readTime.wallMs = this.opts.clock.nowMs();
    this.readTime.monoMs = this.opts.clock.monotonicMs();
    try {
      const items = this.parser.push(chunk);
      for (const item of items) {
        if (this.closed) return;
        this.dispatch(item);
      }
    } catch (e) {
      this.close(toIngestError(e, 'camera data'));
    }
  }

  private dispatch(item: RtspItem): void {
    switch (item.kind) {
      case 'interleaved': // not returned by this parser (frames go to `onInterleaved`)
        this.opts.onFrame(item.channel, item.payload, 0, item.payload.length, this.readTime);
        return;
      case 'response':
        this.onResponse(item);
        return;
      case 'request': {
        // Cameras may probe us (OPTIONS, GET_PARAMETER); anything else is politely refused.
        const ok = item.method === 'OPTIONS' || item.method === 'GET_PARAMETER';
        const cseq = cseqOf(item);
        const headers: [string, string][] = cseq === undefined ? [] : [['CSeq', String(cseq)]];
        this.socket.write(writeResponse({ statusCode: ok ? 200 : 501, headers }));
        return;
      }
    }
  }

  private onResponse(response: RtspResponse): void {
    let cseq = cseqOf(response);
    if (cseq === undefined && this.pending.size === 1) cseq = [...this.pending.keys()][0];
    const p = cseq === undefined ? undefined : this.pending.get(cseq);
    if (!p || cseq === undefined) return;
    this.pending.delete(cseq);
    p.timer.cancel();
    // The body may be a view into the read buffer, which the next read overwrites.
    p.resolve({ ...response, body: response.body.slice() });
  }
}
