/**
 * The client's address, for login rate limiting and the audit log: the socket's remote address,
 * or the first X-Forwarded-For entry when the server is configured to trust its proxy.
 */
import type { Context } from 'hono';
import type { IncomingMessage } from 'node:http';

/** The address of the client that sent the request, or `unknown`. */
export function clientAddress(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
    if (forwarded) return forwarded.slice(0, 100);
  }
  const env: unknown = c.env;
  if (typeof env === 'object' && env !== null && 'incoming' in env) {
    const incoming = (env as { incoming?: IncomingMessage }).incoming;
    const remote = incoming?.socket.remoteAddress;
    if (remote) return remote;
  }
  return 'unknown';
}
