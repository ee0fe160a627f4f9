/**
 * `POST /uploads/verify-package`: the web app's verification page sends a package (the raw zip as
 * the request body, streamed to a temporary file, up to 16 GiB) and gets the verifier's report,
 * checked against this installation's key. Mounted outside `/api` because the API's small body
 * limit does not fit packages; it requires a session all the same.
 */
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { OpenAPIHono } from '@hono/zod-openapi';
import type { SessionService } from '../accounts/index.ts';
import { AppError, invalidArgument } from '../app/index.ts';
import type { AppEnv } from '../http/index.ts';
import { currentPrincipal } from '../http/index.ts';
import { sessionMiddleware } from '../accounts/index.ts';
import type { PublicKeyInfo } from '../keys/index.ts';
import { verifyPackage } from './verify/verify-package.ts';

/** Path of the upload route. */
export const VERIFY_UPLOAD_PATH = '/uploads/verify-package';
/** Largest package accepted. */
export const MAX_UPLOAD_BYTES = 16 * 1024 ** 3;

/** The verification upload route. */
export function verifyUploadRoutes(ctx: {
  accounts: { sessions: SessionService };
  key: Pick<PublicKeyInfo, 'publicKeyPem'>;
}): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>();
  app.use(VERIFY_UPLOAD_PATH, sessionMiddleware(ctx.accounts.sessions));
  app.post(VERIFY_UPLOAD_PATH, async (c) => {
    currentPrincipal(c);
    const body = c.req.raw.body;
    if (!body) throw invalidArgument('body: send the package (zip) as the request body');
    const dir = await mkdtemp(path.join(os.tmpdir(), 'vedetta-verify-'));
    const file = path.join(dir, 'package.zip');
    try {
      let size = 0;
      const limit = new Transform({
        transform(chunk: Buffer, _enc, done) {
          size += chunk.length;
          if (size > MAX_UPLOAD_BYTES)
            done(new AppError('payload_too_large', 'package larger than 16 GiB'));
          else done(null, chunk);
        },
      });
      await pipeline(
        Readable.fromWeb(body as WebReadableStream<Uint8Array>),
        limit,
        createWriteStream(file),
      );
      const r = await verifyPackage(file, { publicKeyPem: ctx.key.publicKeyPem });
      const m = r.manifest;
      return c.json({
        ok: r.ok,
        problems: r.problems,
        passed: r.passed,
        checks: r.checks,
        fingerprint: r.fingerprint ?? null,
        sizeBytes: size,
        export: m
          ? {
              id: m.exportId,
              createdAt: m.createdAt,
              caseReference: m.caseReference,
              reason: m.reason,
              recipient: m.recipient,
              exporter: m.exporter,
              cameras: m.cameras.map((cam) => ({
                id: cam.id,
                name: cam.name,
                from: cam.exported.from.utc,
                to: cam.exported.to.utc,
                frames: cam.exported.frames,
              })),
            }
          : null,
      });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
  return app;
}
