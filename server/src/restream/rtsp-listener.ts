/**
 * The re-stream's listeners: RTSP over TCP and RTSPS over TLS, one `RestreamConnection` per
 * client, at most `maxConnections` at once; and the re-check of every playing session every
 * `recheckSeconds` (and at once when asked, on an access change), so that a revoked agreement,
 * a disabled account or new masks end a session within a few seconds.
 */
import net from 'node:net';
import tls from 'node:tls';
import type { Clock, Logger, TimerHandle } from '../app/index.ts';
import { RestreamConnection, type ConnectionContext } from './rtsp-connection.ts';

/** A listener's TLS identity. */
export interface TlsIdentity {
  cert: Buffer;
  key: Buffer;
}

/** One session, for stats and tests. */
export interface RestreamSessionInfo {
  account: string;
  cameraId: string;
  stream: string;
  sourceAddress: string | null;
  secure: boolean;
  bytesSent: number;
  framesSent: number;
}

/** The RTSP server. */
export class RestreamListener {
  private readonly servers: net.Server[] = [];
  private readonly connections = new Set<RestreamConnection>();
  private recheckTimer: TimerHandle | undefined;
  private rechecking: Promise<void> | undefined;
  private closed = false;

  constructor(
    private readonly ctx: Omit<ConnectionContext, 'secure'>,
    private readonly opts: {
      clock: Clock;
      logger: Logger;
      maxConnections: number;
      recheckMs: number;
    },
  ) {}

  private accept(socket: net.Socket, secure: boolean): void {
    if (this.closed || this.connections.size >= this.opts.maxConnections) {
      this.opts.logger.warn({ secure }, 'restream: connection refused (limit reached)');
      socket.destroy();
      return;
    }
    const conn = new RestreamConnection(socket, { ...this.ctx, secure });
    this.connections.add(conn);
    socket.on('close', () => this.connections.delete(conn));
  }

  /** Listens on `port` (plain) or, with `tls`, RTSPS; resolves with the bound port. */
  listen(host: string, port: number, identity?: TlsIdentity): Promise<number> {
    const server =
      identity === undefined
        ? net.createServer((s) => this.accept(s, false))
        : tls.createServer({ cert: identity.cert, key: identity.key }, (s) => this.accept(s, true));
    server.on('tlsClientError', (err: Error) =>
      this.opts.logger.debug({ err }, 'restream: TLS handshake failed'),
    );
    this.servers.push(server);
    this.scheduleRecheck();
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        const addr = server.address();
        resolve(typeof addr === 'object' && addr !== null ? addr.port : port);
      });
    });
  }

  /** Re-checks every playing session now; resolves when done. */
  recheckNow(): Promise<void> {
    this.rechecking ??= (async () => {
      try {
        const playing = [...this.connections].filter((c) => c.playing);
        await Promise.all(playing.map((c) => c.recheck()));
      } catch (err) {
        this.opts.logger.error({ err }, 'restream: re-check failed');
      } finally {
        this.rechecking = undefined;
      }
    })();
    return this.rechecking;
  }

  private scheduleRecheck(): void {
    if (this.recheckTimer !== undefined || this.closed) return;
    this.recheckTimer = this.opts.clock.setTimeout(() => {
      this.recheckTimer = undefined;
      void this.recheckNow().then(() => this.scheduleRecheck());
    }, this.opts.recheckMs);
  }

  /** The open sessions. */
  sessions(): RestreamSessionInfo[] {
    const out: RestreamSessionInfo[] = [];
    for (const c of this.connections) {
      const record = c.session?.record;
      if (record === undefined) continue;
      out.push({
        account: record.account.name,
        cameraId: record.cameraId,
        stream: record.stream,
        sourceAddress: record.sourceAddress,
        secure: record.secure,
        bytesSent: c.stream?.out?.bytesSent ?? 0,
        framesSent: c.stream?.out?.framesSent ?? 0,
      });
    }
    return out;
  }

  /** Open client connections. */
  get connectionCount(): number {
    return this.connections.size;
  }

  /** Stops listening and closes every connection (sessions audited as `server_shutdown`). */
  async close(): Promise<void> {
    this.closed = true;
    this.recheckTimer?.cancel();
    for (const c of [...this.connections]) c.disconnect('server_shutdown');
    await this.rechecking;
    await Promise.all(
      this.servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))),
    );
  }
}
