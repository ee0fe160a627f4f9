/**
 * A TCP proxy in front of the test server that can cut the network: `drop()` destroys every
 * connection through it and refuses new ones until `restore()`. A browser context that reaches the
 * server through it loses its event stream and its video sockets as on a real network failure
 * (Chromium's offline emulation leaves connections already open alone).
 */
import net from 'node:net';

/** The proxy. */
export interface DropProxy {
  /** `http://127.0.0.1:PORT/`. */
  url: string;
  drop(): void;
  restore(): void;
  close(): Promise<void>;
}

/** Starts a proxy to `target` (an `http://host:port/` URL). */
export async function startDropProxy(target: string): Promise<DropProxy> {
  const { hostname, port } = new URL(target);
  const sockets = new Set<net.Socket>();
  let down = false;
  const server = net.createServer((client) => {
    if (down) {
      client.destroy();
      return;
    }
    const upstream = net.connect(Number(port), hostname);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('proxy: no port');
  return {
    url: `http://127.0.0.1:${address.port}/`,
    drop() {
      down = true;
      for (const s of sockets) s.destroy();
    },
    restore() {
      down = false;
    },
    close() {
      for (const s of sockets) s.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
