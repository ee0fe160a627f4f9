/**
 * What every module's routes receive from the HTTP layer besides their own services: the HTTP
 * settings and the WebSocket upgrader. A module's routes function takes `RouteKit & { ...the
 * services it uses }`, so it names what it depends on and never the whole application.
 */
import type { NodeWebSocket } from '@hono/node-ws';

/** HTTP behaviour settings (from the `server` section of the configuration). */
export interface HttpSettings {
  /** Mark the session cookie Secure (TLS, or a TLS-terminating proxy in front). */
  secureCookies: boolean;
  /** Take the client address from X-Forwarded-For. */
  trustProxy: boolean;
  /**
   * Addresses and CIDR blocks of the proxies in front, skipped when reading X-Forwarded-For from
   * the right (`server.trustedProxies`); the loopback addresses when absent.
   */
  trustedProxies?: readonly string[];
  /**
   * The site is reached over HTTPS (`server.tls`, or `server.behindTlsProxy`): its own origin is
   * `https://<Host>`, and responses carry Strict-Transport-Security.
   */
  https?: boolean;
  /** Origins besides the site's own allowed to send state-changing requests and open WebSockets. */
  allowedOrigins?: readonly string[];
  /** Image sources the pages may load besides their own (the map's tile server), for the CSP. */
  imageSources?: readonly string[];
  /** Largest accepted request body. */
  maxBodyBytes: number;
  /** Folder of the built web app, or null to serve none. */
  webDist: string | null;
  /** Reported in the health probe and the OpenAPI document. */
  version: string;
  /** The installation's IANA time zone (`site.timeZone`), published at `GET /api/site`. */
  timeZone?: string;
  /** Bearer token that admits non-loopback `/metrics` scrapers (`metrics.token`), or null. */
  metricsToken?: string | null;
}

/** The HTTP layer's part of every routes function's context. */
export interface RouteKit {
  http: HttpSettings;
  /** Turns a GET route into a WebSocket endpoint (for live video). */
  upgradeWebSocket: NodeWebSocket['upgradeWebSocket'];
}
