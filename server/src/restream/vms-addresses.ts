/**
 * Where a partner's video management system connects, as the administration page shows it:
 * `rtsp://host:port/` and `rtsps://host:tlsPort/`. When the re-stream listens on every interface
 * (`0.0.0.0`, `::`) the host is the one the administrator's browser reached Vedetta by, which is
 * the name a room on the same network uses too; otherwise the configured address.
 */
import type { RestreamAddresses } from './create.ts';

/** The two addresses; each null when not served (both null when the re-stream is off). */
export interface VmsAddresses {
  rtsp: string | null;
  rtsps: string | null;
}

const WILDCARDS = new Set(['0.0.0.0', '::', '[::]', '']);

/** An IPv6 literal in brackets, anything else as it is. */
function urlHost(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}

/**
 * The addresses of `at` (null: not listening), with `requestHost` (the hostname of the request,
 * without port) standing for a wildcard listening address.
 */
export function vmsAddresses(at: RestreamAddresses | null, requestHost: string): VmsAddresses {
  if (at === null) return { rtsp: null, rtsps: null };
  const host = urlHost(WILDCARDS.has(at.host) ? requestHost : at.host);
  return {
    rtsp: at.port === null ? null : `rtsp://${host}:${at.port}/`,
    rtsps: at.tlsPort === null ? null : `rtsps://${host}:${at.tlsPort}/`,
  };
}
