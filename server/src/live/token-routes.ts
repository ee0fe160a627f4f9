/**
 * `POST /api/live/{cameraId}/token`: a short-lived, single-use stream token for one stream of a
 * camera, for the session's user, when that user may watch the camera live. The page then opens
 * `GET /api/live/{cameraId}/{stream}/mse?token=...` (WebSocket) or posts a WebRTC offer.
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { permissionDenied } from '../app/index.ts';
import {
  clientAddress,
  currentPrincipal,
  type AppEnv,
  errorResponses,
  jsonBody,
  jsonResponse,
} from '../http/index.ts';
import type { LiveService } from './live-service.ts';

/** Path parameter: a camera id. */
export const cameraIdParam = z.object({
  cameraId: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'must be a camera id')
    .openapi({ param: { name: 'cameraId', in: 'path' }, example: 'cam-001' }),
});

/** Which of a camera's streams. */
export const streamKindSchema = z.enum(['main', 'sub']);

const tokenRequest = z
  .object({
    stream: streamKindSchema.openapi({ description: 'main: full size; sub: tiles' }),
    transcode: z
      .boolean()
      .optional()
      .openapi({
        description:
          'Watch the H.264 transcode of an H.265 camera (its sub-stream) when the browser cannot ' +
          'decode H.265. One transcode per camera, running while someone watches it.',
      }),
  })
  .openapi('LiveTokenRequest');

const tokenAnswer = z
  .object({
    token: z.string(),
    expiresMs: z.number().int(),
    cameraId: z.string(),
    stream: streamKindSchema,
    /** Path of the MSE WebSocket, token included. */
    msePath: z.string(),
    /** Path to post a WebRTC offer to. */
    webrtcPath: z.string(),
  })
  .openapi('LiveToken');

const issue = createRoute({
  method: 'post',
  path: '/live/{cameraId}/token',
  summary: 'A stream token to watch one stream of a camera live',
  description:
    'Single use, valid for a few seconds, bound to the session user, the camera and the stream. ' +
    'Refused (and audited) unless the user may watch the camera live.',
  tags: ['live'],
  request: { params: cameraIdParam, body: jsonBody(tokenRequest, 'Which stream') },
  responses: {
    200: jsonResponse(tokenAnswer, 'The token and where to use it'),
    ...errorResponses(400, 401, 403),
  },
});

/** The stream token route. */
export function tokenRoutes(live: LiveService, trustProxy: boolean): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>();
  app.openapi(issue, async (c) => {
    const principal = currentPrincipal(c);
    const { cameraId } = c.req.valid('param');
    const { stream, transcode = false } = c.req.valid('json');
    const sourceAddress = clientAddress(c, trustProxy);
    if (!(await live.access.mayWatch(principal, cameraId))) {
      live.viewers.refuse({
        cameraId,
        stream,
        transport: 'token',
        reason: 'live.view not held on this camera',
        principal,
        sourceAddress,
      });
      throw permissionDenied('permission denied: live.view is required on this camera');
    }
    const sessionToken = c.get('sessionToken') ?? '';
    const issued = live.tokens.issue({
      principal,
      sessionToken,
      cameraId,
      stream,
      transcode,
      sourceAddress,
    });
    const base = `/api/live/${encodeURIComponent(cameraId)}/${stream}`;
    return c.json(
      {
        token: issued.token,
        expiresMs: issued.expiresMs,
        cameraId,
        stream,
        msePath: `${base}/mse?token=${encodeURIComponent(issued.token)}`,
        webrtcPath: `${base}/webrtc`,
      },
      200,
    );
  });
  return app;
}
