/**
 * Listens on a host and port (0 picks a free one) with the HTTP app, over TLS when given a
 * certificate, with WebSocket upgrades wired in. `close()` stops accepting, ends open
 * connections and WebSockets, and resolves when the socket is closed.
 */
import { createServer as createHttpsServer } from 'node:https';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { AppError } from '../app/index.ts';
import { webSocketsOf, type HttpApp } from './http-app.ts';

/** Where and how to listen. */
export interface ServerOptions {
  app: HttpApp;
  host: string;
  /** 0 picks a free port. */
  port: number;
  /** PEM certificate and key: serve HTTPS. */
  tls?: { cert: string | Buffer; key: string | Buffer };
}

/** A listening server. */
export interface RunningServer {
  /** `http://127.0.0.1:8080/` (with the port actually bound). */
  url: string;
  port: number;
  close(): Promise<void>;
}

function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}

/** Starts listening; rejects with `unavailable` when the address cannot be bound. */
export function startServer(opts: ServerOptions): Promise<RunningServer> {
  const { app, host, port, tls } = opts;
  return new Promise((resolve, reject) => {
    const server = serve({
      fetch: app.fetch,
      hostname: host,
      port,
      ...(tls
        ? { createServer: createHttpsServer, serverOptions: { cert: tls.cert, key: tls.key } }
        : {}),
    }) as Server;
    const ws = webSocketsOf(app);
    ws?.injectWebSocket(server);
    server.once('error', (err) => {
      reject(
        new AppError('unavailable', `cannot listen on ${host}:${port}: ${err.message}`, {}, err),
      );
    });
    server.once('listening', () => {
      const bound = (server.address() as AddressInfo).port;
      const scheme = tls ? 'https' : 'http';
      resolve({
        url: `${scheme}://${urlHost(host)}:${bound}/`,
        port: bound,
        close: () =>
          new Promise<void>((done) => {
            for (const client of ws?.wss.clients ?? []) client.terminate();
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
