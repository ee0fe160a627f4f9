/**
 * Export routes: `POST /api/exports` (ask for an evidence export; its id), `GET /api/exports`,
 * `GET /api/exports/{id}` (state, progress, chain of custody), `GET /api/exports/{id}/package`
 * (the zip), and `GET /api/keys/public` (the installation's public key, PEM, for verifiers).
 */
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { PublicKeyInfo } from '../keys/index.ts';
import {
  clientAddress,
  currentPrincipal,
  type AppEnv,
  errorResponses,
  jsonBody,
  jsonResponse,
} from '../http/index.ts';
import type { ExportService, ExportView } from './export-service.ts';

/** What the export routes need. */
export interface ExportRouteContext {
  exports: ExportService;
  key: Pick<PublicKeyInfo, 'publicKeyPem' | 'fingerprint'>;
  http: { trustProxy: boolean };
}

const tags = ['exports'];
const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

const createSchema = z
  .object({
    cameras: z.array(z.string().min(1).max(64)).min(1).max(16),
    from: z.iso.datetime({ offset: true }).openapi({ example: '2026-03-01T10:00:00Z' }),
    to: z.iso.datetime({ offset: true }).openapi({ example: '2026-03-01T10:15:00Z' }),
    reason: z.string().max(500),
    caseReference: z.string().min(1).max(100).openapi({ example: 'RGNR 1234/2026' }),
    recipient: z.string().min(1).max(200).openapi({ example: 'Procura di La Spezia' }),
    stills: z
      .array(z.iso.datetime({ offset: true }))
      .max(20)
      .optional()
      .openapi({ description: 'Instants in the range of which a still of every camera is added' }),
    unmasked: z.boolean().optional().openapi({
      description: 'Export without privacy masks (needs mask.lift on every camera; audited)',
    }),
  })
  .openapi('ExportRequest');

const custodySchema = z.object({
  event: z.enum(['created', 'started', 'completed', 'failed', 'downloaded', 'purged']),
  at: z.string(),
  userId: z.string().nullable(),
  username: z.string().nullable(),
  agencyId: z.string().nullable(),
  sourceAddress: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
});

const exportSchema = z
  .object({
    id: z.string(),
    state: z.enum(['queued', 'waiting', 'running', 'done', 'failed']),
    progress: z.number(),
    cameras: z.array(z.string()),
    from: z.string(),
    to: z.string(),
    reason: z.string(),
    caseReference: z.string(),
    recipient: z.string(),
    exporter: z.object({
      userId: z.string(),
      username: z.string(),
      displayName: z.string(),
      agencyId: z.string(),
    }),
    createdAt: z.string(),
    startedAt: z.string().nullable(),
    finishedAt: z.string().nullable(),
    package: z
      .object({
        url: z.string(),
        sizeBytes: z.number(),
        manifestSha256: z.string(),
        keyFingerprint: z.string(),
      })
      .nullable(),
    frames: z.record(z.string(), z.number()).nullable(),
    error: z.string().nullable(),
    custody: z.array(custodySchema),
  })
  .openapi('Export');

const idParam = z.object({
  id: z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name: 'id', in: 'path' } }),
});

const createRoute_ = createRoute({
  method: 'post',
  path: '/exports',
  summary: 'Ask for an evidence export of cameras over a range (runs as a job)',
  tags,
  request: { body: jsonBody(createSchema, 'Cameras, range, reason, case reference, recipient') },
  responses: {
    202: jsonResponse(z.object({ id: z.string() }).openapi('ExportCreated'), 'The export id'),
    ...errorResponses(400, 401, 403, 404, 413),
  },
});
const listRoute = createRoute({
  method: 'get',
  path: '/exports',
  summary: "Exports of the caller's agency that the caller may see",
  tags,
  responses: {
    200: jsonResponse(z.object({ exports: z.array(exportSchema) }), 'Newest first'),
    ...errorResponses(401, 403),
  },
});
const getRoute = createRoute({
  method: 'get',
  path: '/exports/{id}',
  summary: 'State, progress and chain of custody of an export',
  tags,
  request: { params: idParam },
  responses: { 200: jsonResponse(exportSchema, 'The export'), ...errorResponses(401, 403, 404) },
});
const packageRoute = createRoute({
  method: 'get',
  path: '/exports/{id}/package',
  summary: 'Download the evidence package (zip); recorded in the chain of custody',
  tags,
  request: { params: idParam },
  responses: {
    200: {
      description: 'The package',
      content: { 'application/zip': { schema: z.string().openapi({ format: 'binary' }) } },
    },
    ...errorResponses(401, 403, 404, 409),
  },
});
const keyRoute = createRoute({
  method: 'get',
  path: '/keys/public',
  summary: "The installation's Ed25519 public key (PEM) that signs recordings and exports",
  tags,
  responses: {
    200: {
      description: 'PEM public key; its SHA-256 fingerprint in the X-Key-Fingerprint header',
      content: { 'application/x-pem-file': { schema: z.string() } },
    },
    ...errorResponses(401),
  },
});

function toJson(v: ExportView) {
  return {
    id: v.id,
    state: v.state,
    progress: v.progress,
    cameras: v.cameras,
    from: new Date(v.fromMs).toISOString(),
    to: new Date(v.toMs).toISOString(),
    reason: v.reason,
    caseReference: v.caseReference,
    recipient: v.recipient,
    exporter: v.exporter,
    createdAt: new Date(v.createdMs).toISOString(),
    startedAt: iso(v.startedMs),
    finishedAt: iso(v.finishedMs),
    package: v.package && { url: `/api/exports/${v.id}/package`, ...v.package },
    frames: v.frames,
    error: v.error,
    custody: v.custody.map((c) => ({
      event: c.event,
      at: new Date(c.timeMs).toISOString(),
      userId: c.userId,
      username: c.username,
      agencyId: c.agencyId,
      sourceAddress: c.sourceAddress,
      details: c.details,
    })),
  };
}

/** The export routes. */
export function exportRoutes(ctx: ExportRouteContext): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>();
  const { exports } = ctx;
  app.openapi(createRoute_, async (c) => {
    const b = c.req.valid('json');
    const id = await exports.create(
      currentPrincipal(c),
      {
        cameras: b.cameras,
        fromMs: Date.parse(b.from),
        toMs: Date.parse(b.to),
        reason: b.reason,
        caseReference: b.caseReference,
        recipient: b.recipient,
        unmasked: b.unmasked === true,
        stills: (b.stills ?? []).map((s) => Date.parse(s)),
      },
      clientAddress(c, ctx.http.trustProxy),
    );
    return c.json({ id }, 202);
  });
  app.openapi(listRoute, async (c) => {
    const list = await exports.list(currentPrincipal(c));
    return c.json({ exports: list.map(toJson) }, 200);
  });
  app.openapi(getRoute, async (c) => {
    const v = await exports.get(currentPrincipal(c), c.req.valid('param').id);
    return c.json(toJson(v), 200);
  });
  app.openapi(packageRoute, async (c) => {
    const d = await exports.download(
      currentPrincipal(c),
      c.req.valid('param').id,
      clientAddress(c, ctx.http.trustProxy),
    );
    const body = Readable.toWeb(createReadStream(d.path)) as ReadableStream<Uint8Array>;
    return c.body(body, 200, {
      'content-type': 'application/zip',
      'content-length': String(d.sizeBytes),
      'content-disposition': `attachment; filename="${d.fileName}"`,
      'cache-control': 'no-store',
    });
  });
  app.openapi(keyRoute, (c) =>
    c.body(ctx.key.publicKeyPem, 200, {
      'content-type': 'application/x-pem-file',
      'x-key-fingerprint': ctx.key.fingerprint,
    }),
  );
  return app;
}
