/**
 * WebRTC signalling over plain HTTP, one round trip: `POST /api/live/{cameraId}/{stream}/webrtc`
 * with the stream token and the browser's offer (ICE gathering complete) answers with the
 * server's SDP; `DELETE /api/live/webrtc/{sessionId}` hangs up, idempotently (204 also when the
 * session has already ended). The token and the permission are checked exactly as for the MSE
 * WebSocket.
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { failedPrecondition } from '../app/index.ts';
import {
  clientAddress,
  currentPrincipal,
  type AppEnv,
  errorResponses,
  jsonBody,
  jsonResponse,
} from '../http/index.ts';
import { admitStream } from './admission.ts';
import type { LiveService } from './live-service.ts';
import { cameraIdParam, streamKindSchema } from './token-routes.ts';
import type { WebRtcGateway } from './webrtc-gateway.ts';

const offerParams = cameraIdParam.extend({
  stream: streamKindSchema.openapi({ param: { name: 'stream', in: 'path' } }),
});
const offerBody = z
  .object({
    token: z.string().min(1).max(200),
    sdp: z.string().min(1).max(65_536),
  })
  .openapi('WebRtcOffer');
const answerSchema = z.object({ sessionId: z.string(), sdp: z.string() }).openapi('WebRtcAnswer');

const offer = createRoute({
  method: 'post',
  path: '/live/{cameraId}/{stream}/webrtc',
  summary: 'Open a WebRTC live stream: offer in, answer out',
  description:
    'The offer must carry its ICE candidates (gathering complete). The video is the camera H.264 ' +
    'passed through; an H.265 stream is refused with 409 (use MSE).',
  tags: ['live'],
  request: { params: offerParams, body: jsonBody(offerBody, 'Stream token and SDP offer') },
  responses: {
    200: jsonResponse(answerSchema, 'The SDP answer'),
    ...errorResponses(400, 401, 403, 409, 503),
  },
});

const hangUp = createRoute({
  method: 'delete',
  path: '/live/webrtc/{sessionId}',
  summary: 'End a WebRTC live stream',
  description:
    'Idempotent: 204 also when the session has already ended (the browser closing its peer ' +
    'connection usually ends it first) or is not one of yours (which is left untouched).',
  tags: ['live'],
  request: {
    params: z.object({
      sessionId: z.uuid().openapi({ param: { name: 'sessionId', in: 'path' } }),
    }),
  },
  responses: { 204: { description: 'Ended, or already gone' }, ...errorResponses(400, 401) },
});

/** The WebRTC signalling routes. */
export function webrtcRoutes(
  live: LiveService,
  gateway: WebRtcGateway,
  trustProxy: boolean,
): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>();
  app.openapi(offer, async (c) => {
    const { cameraId, stream } = c.req.valid('param');
    const body = c.req.valid('json');
    const grant = await admitStream(live, {
      cameraId,
      stream,
      transport: 'webrtc',
      token: body.token,
      principal: c.get('principal'),
      sourceAddress: clientAddress(c, trustProxy),
    });
    const hub = await live.hubForGrant(grant);
    if (hub === undefined) throw failedPrecondition('this camera stream is not available');
    return c.json(await gateway.answer(grant, hub, body.sdp), 200);
  });
  app.openapi(hangUp, (c) => {
    gateway.hangUp(c.req.valid('param').sessionId, currentPrincipal(c).userId);
    return c.body(null, 204);
  });
  return app;
}
