/**
 * The Origin check against cross-site request forgery and cross-site WebSocket hijacking: a
 * browser sends the session cookie with a request that another site's page makes, but it also
 * sends that page's `Origin`. A request that can change something (any method but GET, HEAD and
 * OPTIONS) and any WebSocket upgrade (live video) are refused with `permission_denied` when they
 * carry an `Origin` that is neither the site's own nor one of `server.allowedOrigins`. Requests
 * without an `Origin` (curl, scripts, server to server: no browser, no ambient cookie) pass.
 *
 * The site's own origin is the scheme and the `Host` header the request came with: https when
 * the server has TLS, sits behind a TLS-terminating proxy, or the connection is encrypted.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { AppError, type Logger } from '../app/index.ts';

/** What the check needs from the HTTP settings. */
export interface OriginCheckSettings {
  /** The site is reached over HTTPS. */
  https?: boolean;
  /** Further allowed origins (`https://host[:port]`). */
  allowedOrigins?: readonly string[];
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** A Host header: a name or an IPv4/IPv6 literal, optionally with a port. */
const HOST_HEADER = /^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

function connectionIsEncrypted(env: unknown): boolean {
  if (typeof env !== 'object' || env === null || !('incoming' in env)) return false;
  const incoming: unknown = env.incoming;
  if (typeof incoming !== 'object' || incoming === null || !('socket' in incoming)) return false;
  const socket: unknown = incoming.socket;
  return typeof socket === 'object' && socket !== null && 'encrypted' in socket
    ? socket.encrypted === true
    : false;
}

/**
 * The request's own origin (`scheme://host[:port]`, as a browser serializes it), or undefined
 * when the Host header is not a plain host. WebSocket upgrades reach the app with a placeholder
 * URL (`http://localhost/...`), so the Host header, not the URL, names the host.
 */
export function ownOrigin(c: Context, https: boolean): string | undefined {
  const url = new URL(c.req.url);
  const host = c.req.header('host') ?? url.host;
  if (!HOST_HEADER.test(host)) return undefined;
  const secure = https || url.protocol === 'https:' || connectionIsEncrypted(c.env);
  try {
    return new URL(`${secure ? 'https' : 'http'}://${host}`).origin;
  } catch {
    return undefined;
  }
}

/** True for a request that needs the check: not GET/HEAD/OPTIONS, or a WebSocket upgrade. */
export function needsOriginCheck(c: Context): boolean {
  if (!SAFE_METHODS.has(c.req.method)) return true;
  return c.req.header('upgrade')?.toLowerCase() === 'websocket';
}

/**
 * The middleware: throws `permission_denied` for a checked request from a foreign origin (and
 * logs it as a warning, so that a missing `server.allowedOrigins` entry is easy to spot).
 */
export function originCheck(settings: OriginCheckSettings, logger?: Logger): MiddlewareHandler {
  const allowed = new Set((settings.allowedOrigins ?? []).map((o) => o.toLowerCase()));
  const https = settings.https ?? false;
  return async (c, next) => {
    const origin = c.req.header('origin');
    if (origin !== undefined && needsOriginCheck(c)) {
      const from = origin.trim().toLowerCase();
      if (from !== ownOrigin(c, https) && !allowed.has(from)) {
        const shown = origin.slice(0, 200);
        logger?.warn(
          {
            origin: shown,
            host: c.req.header('host')?.slice(0, 200),
            method: c.req.method,
            path: c.req.path,
          },
          'request from a foreign origin refused',
        );
        throw new AppError(
          'permission_denied',
          `requests from origin ${shown} are not allowed: only this site's own pages (or ` +
            'server.allowedOrigins) may change data or open live streams',
          { origin: shown },
        );
      }
    }
    await next();
  };
}
