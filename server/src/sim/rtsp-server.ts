/**
 * The simulator's RTSP server: one TCP listener serving every mount point (`/cam-001`,
 * `/cam-001/sub`, ...), each connection handled by an `RtspConnection`, all streams paced by one
 * shared `Pacer`.
 */
import net from 'node:net';
import type { Clock, Logger } from '../app/index.ts';
import type { Mount } from './mount.ts';
import { Pacer } from './pacer.ts';
import type { RtspAuthenticator } from './rtsp-auth.ts';
import type { ConnectionContext } from './rtsp-connection.ts';
import { RtspConnection } from './rtsp-connection.ts';

/** Settings of the RTSP server. */
export interface RtspServerOptions {
  clock: Clock;
  logger: Logger;
  auth: RtspAuthenticator | undefined;
  /** Seconds without a request or RTCP from the client before its session ends (60). */
  sessionTimeoutSeconds?: number;
  /** Milliseconds between RTCP sender reports (5000). */
  senderReportMs?: number;
  /** Unsent bytes past which a session skips to the next key frame (2 MiB). */
  softLimitBytes?: number;
  /** Unsent bytes past which a session's connection is dropped (8 MiB). */
  hardLimitBytes?: number;
}

/** An RTSP server over a set of mounts. */
export class SimRtspServer {
  private readonly server: net.Server;
  private readonly mounts = new Map<string, Mount>();
  private readonly connections = new Set<RtspConnection>();
  private readonly ctx: ConnectionContext;
  readonly pacer: Pacer;

  constructor(mounts: Iterable<Mount>, opts: RtspServerOptions) {
    for (const m of mounts) this.mounts.set(m.path, m);
    this.pacer = new Pacer(opts.clock);
    this.ctx = {
      clock: opts.clock,
      pacer: this.pacer,
      logger: opts.logger,
      auth: opts.auth,
      findMount: (path) => this.mounts.get(path),
      sessionTimeoutSeconds: opts.sessionTimeoutSeconds ?? 60,
      senderReportMs: opts.senderReportMs ?? 5000,
      softLimitBytes: opts.softLimitBytes ?? 2 << 20,
      hardLimitBytes: opts.hardLimitBytes ?? 8 << 20,
    };
    this.server = net.createServer((socket) => {
      const conn = new RtspConnection(socket, this.ctx);
      this.connections.add(conn);
      socket.on('close', () => this.connections.delete(conn));
    });
  }

  /** Starts listening; resolves with the bound port. */
  listen(port: number, host: string): Promise<number> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => {
        this.server.off('error', reject);
        const addr = this.server.address();
        resolve(typeof addr === 'object' && addr !== null ? addr.port : port);
      });
    });
  }

  /** Open client connections. */
  get connectionCount(): number {
    return this.connections.size;
  }

  /** Stops listening, closes every connection and the pacer. */
  close(): Promise<void> {
    this.pacer.close();
    for (const c of [...this.connections]) c.disconnect();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
