/**
 * `POST /api/cameras/test-connection` (`camera.manage`): opens a stream the way ingest will —
 * the same RTSP client, credentials and Basic-over-plain-RTSP rule — waits for a key frame,
 * measures the frame rate and decodes a still, so an administrator sees a camera work before
 * saving it. The body names a stream URL (and credentials reference) or a registered camera (its
 * stored URL, credentials and rule, any of them overridden by the body). A camera that does not
 * work is an answer, not a failure of the request: `ok: false` with the cause (`unreachable`,
 * `authentication`, `not_found`, `no_video`, `codec_unsupported`, `protocol`) and the client's
 * message. The probe is bounded (`TEST_CONNECTION_TIMEOUT_MS` on the server's clock). Audited
 * `camera.test_connection` with the URL's host and the result, never the credentials.
 *
 * Composition level because it joins cameras (the registry), ingest (the probe), stills (the
 * decoder) and audit, and stills sits above cameras.
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { invalidArgument, type Clock, type Logger } from '../app/index.ts';
import type { AuditService } from '../audit/index.ts';
import {
  secretRefSchema,
  slugSchema,
  streamUrlSchema,
  type CameraCredentials,
  type CameraRegistry,
} from '../cameras/index.ts';
import {
  clientAddress,
  currentPrincipal,
  errorResponses,
  jsonBody,
  jsonResponse,
  type AppEnv,
  type RouteKit,
} from '../http/index.ts';
import { PROBE_FAILURES, ProbeError, probeStream, type StreamProbe } from '../ingest/index.ts';
import { authorize } from '../permissions/index.ts';
import { decodeStill } from '../stills/index.ts';

/** The longest a connection test takes, on the server's clock. */
export const TEST_CONNECTION_TIMEOUT_MS = 10_000;

const bodySchema = z
  .strictObject({
    cameraId: slugSchema.optional().openapi({ description: 'A registered camera to test.' }),
    stream: z.enum(['main', 'sub']).default('main'),
    url: streamUrlSchema.optional().openapi({ description: 'Required unless cameraId is given.' }),
    credentialsRef: secretRefSchema.nullable().optional(),
    allowBasicOverPlainRtsp: z.boolean().optional(),
  })
  // "url or cameraId" is checked in the handler, after the permission: a caller without
  // `camera.manage` learns nothing from the shape of their request.
  .openapi('CameraTestInput');

const resultSchema = z
  .object({
    ok: z.boolean(),
    host: z.string().openapi({ description: 'host[:port] of the stream URL' }),
    codec: z.enum(['h264', 'h265']).optional(),
    codecString: z.string().optional(),
    width: z.number().int().optional(),
    height: z.number().int().optional(),
    fps: z.number().nullable().optional().openapi({ description: 'measured over ~1 s' }),
    image: z.string().nullable().optional().openapi({
      description: 'the first key frame as a data: URL (JPEG); null when it could not be decoded',
    }),
    reason: z.enum(PROBE_FAILURES).optional(),
    message: z.string().optional().openapi({ description: "the client's own words (English)" }),
  })
  .openapi('CameraTestResult');

type TestResult = z.output<typeof resultSchema>;

const route = createRoute({
  method: 'post',
  path: '/cameras/test-connection',
  summary: 'Open a camera stream, read codec, size and frame rate, decode a still (audited)',
  tags: ['cameras'],
  request: { body: jsonBody(bodySchema, 'The stream to test') },
  responses: {
    200: jsonResponse(resultSchema, 'What the test found; ok false names the cause'),
    ...errorResponses(400, 401, 403, 404),
  },
});

/** What the route is built from. */
export interface CameraTestRoutesDeps extends RouteKit {
  audit: AuditService;
  cameras: CameraRegistry;
  clock: Clock;
  logger: Logger;
}

async function stillOf(probe: StreamProbe, logger: Logger): Promise<string | null> {
  try {
    const jpeg = await decodeStill({
      params: probe.info.params,
      pictures: [probe.keyFrame],
      index: 0,
      format: 'jpeg',
    });
    return `data:image/jpeg;base64,${jpeg.toString('base64')}`;
  } catch (e) {
    logger.warn({ err: e }, 'connection test: still not decoded');
    return null;
  }
}

/** The connection-test route. */
export function cameraTestRoutes(ctx: CameraTestRoutesDeps): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>();
  const logger = ctx.logger.child({ module: 'camera-test' });

  const audited = (c: Context<AppEnv>, cameraId: string | undefined, details: object) =>
    ctx.audit.record({
      action: 'camera.test_connection',
      outcome: 'granted',
      principal: currentPrincipal(c),
      sourceAddress: clientAddress(c, ctx.http.trustProxy),
      resource: cameraId === undefined ? null : `camera:${cameraId}`,
      cameraId: cameraId ?? null,
      details: { test: details },
    });

  app.openapi(route, async (c) => {
    const body = c.req.valid('json');
    const principal = currentPrincipal(c);
    authorize(
      principal,
      'camera.manage',
      body.cameraId === undefined ? undefined : { kind: 'camera', id: body.cameraId },
    );
    if (body.cameraId === undefined && body.url === undefined) {
      throw invalidArgument('url: is required unless cameraId is given', {
        issues: [{ path: 'url', message: 'is required unless cameraId is given' }],
      });
    }
    const stored = body.cameraId === undefined ? undefined : await ctx.cameras.get(body.cameraId);
    const url = body.url ?? (body.stream === 'sub' ? stored?.streams.sub : stored?.streams.main);
    if (url === undefined || url === null) {
      throw invalidArgument('stream: the camera has no sub stream', {
        issues: [{ path: 'stream', message: 'the camera has no sub stream' }],
      });
    }
    const ref =
      body.credentialsRef === undefined ? (stored?.credentialsRef ?? null) : body.credentialsRef;
    const credentials: CameraCredentials | undefined =
      ref === null ? undefined : ctx.cameras.credentialsOf(ref);
    const host = new URL(url).host;
    let result: TestResult;
    try {
      const probe = await probeStream({
        url,
        credentials,
        allowBasicOverPlainRtsp:
          body.allowBasicOverPlainRtsp ?? stored?.allowBasicOverPlainRtsp ?? false,
        clock: ctx.clock,
        logger,
        timeoutMs: TEST_CONNECTION_TIMEOUT_MS,
      });
      result = {
        ok: true,
        host,
        codec: probe.info.params.codec,
        codecString: probe.info.codecString,
        width: probe.info.width,
        height: probe.info.height,
        fps: probe.fps,
        image: await stillOf(probe, logger),
      };
    } catch (e) {
      if (!(e instanceof ProbeError)) throw e;
      result = { ok: false, host, reason: e.reason, message: e.message };
    }
    const { image: _image, message: _message, ...summary } = result;
    await audited(c, body.cameraId, { ...summary, stream: body.stream });
    return c.json(result, 200);
  });
  return app;
}
