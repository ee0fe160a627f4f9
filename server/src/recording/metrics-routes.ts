/**
 * `GET /metrics`: Prometheus text for scrapers. It sits outside `/api` (scrapers have no session)
 * and is protected instead by where the request comes from: it is answered to loopback clients
 * (the client address as the server sees it, `X-Forwarded-For` only with `server.trustProxy`),
 * and to anyone presenting `Authorization: Bearer <token>` when `metrics.token` is configured.
 * Everyone else gets 403 with no figures.
 */
import { timingSafeEqual } from 'node:crypto';
import { OpenAPIHono } from '@hono/zod-openapi';
import { permissionDenied } from '../app/index.ts';
import { clientAddress } from '../http/index.ts';
import type { AppEnv, RouteKit } from '../http/index.ts';
import type { IngestManager, StreamStatus } from '../ingest/index.ts';
import type { Logger } from '../app/index.ts';
import type { RecordingService } from './recording-service.ts';
import { renderMetrics } from './metrics.ts';

/** What these routes are built from: the HTTP kit and the services they use. */
export interface RecordingMetricsRouteDeps extends RouteKit {
  ingest: IngestManager;
  logger: Logger;
  recording: RecordingService;
}

/** True for 127.0.0.0/8, ::1 and their IPv4-mapped forms. */
export function isLoopback(address: string): boolean {
  const a = address.toLowerCase().replace(/^::ffff:/, '');
  return a === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(a);
}

function tokenMatches(header: string | undefined, token: string | null): boolean {
  if (token === null || header === undefined) return false;
  const m = /^Bearer\s+(.+)$/i.exec(header.trim());
  if (!m?.[1]) return false;
  const given = Buffer.from(m[1]);
  const wanted = Buffer.from(token);
  return given.length === wanted.length && timingSafeEqual(given, wanted);
}

/** The `/metrics` route (mounted at the root, not under `/api`). */
export function metricsRoutes(ctx: RecordingMetricsRouteDeps): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>();
  app.get('/metrics', async (c) => {
    const address = clientAddress(c, ctx.http.trustProxy);
    if (
      !isLoopback(address) &&
      !tokenMatches(c.req.header('authorization'), ctx.http.metricsToken ?? null)
    ) {
      throw permissionDenied('metrics are served to loopback clients or with the metrics token');
    }
    const ingest: StreamStatus[] = ctx.ingest
      .statuses()
      .flatMap((s) => (s.sub ? [s.main, s.sub] : [s.main]));
    let storageFreeBytes: number | undefined;
    try {
      storageFreeBytes = await ctx.recording.storageFreeBytes();
    } catch (e) {
      ctx.logger.warn({ err: e }, 'metrics: cannot read free space of the storage volume');
    }
    const text = renderMetrics({
      ingest,
      recording: ctx.recording.allStatuses(),
      storageFreeBytes,
    });
    return c.text(text, 200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' });
  });
  return app;
}
