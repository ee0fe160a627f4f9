/**
 * `GET /api/live/{cameraId}/{stream}/mse?token=...`: the MSE WebSocket. The token and the
 * permission are checked before the upgrade (a refused request gets 403 and no socket); once
 * open, the socket is subscribed to the camera stream's hub and receives an init segment and one
 * fragment per frame (see `mse-viewer.ts`). The stream ends when the page closes the socket, the
 * session ends, or the permission goes.
 */
import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { NodeWebSocket } from '@hono/node-ws';
import { invalidArgument } from '../app/index.ts';
import type { Subscription } from '../ingest/index.ts';
import { clientAddress, errorResponses } from '../http/index.ts';
import type { AppEnv } from '../http/index.ts';
import { admitStream } from './admission.ts';
import type { LiveService } from './live-service.ts';
import type { StopReason, Viewer } from './live-viewers.ts';
import { MseViewer } from './mse-viewer.ts';
import { cameraIdParam, streamKindSchema } from './token-routes.ts';

/** WebSocket close codes the page understands. */
export const CLOSE_CODES: Record<StopReason, number> = {
  client_closed: 1000,
  server_shutdown: 1001,
  error: 1011,
  session_ended: 4001,
  permission_revoked: 4003,
};

/** The MSE WebSocket route. */
export function mseRoutes(
  live: LiveService,
  upgradeWebSocket: NodeWebSocket['upgradeWebSocket'],
  trustProxy: boolean,
): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>();
  app.openAPIRegistry.registerPath({
    method: 'get',
    path: '/live/{cameraId}/{stream}/mse',
    summary: 'Watch a camera stream live over MSE (WebSocket)',
    description:
      'A WebSocket (Upgrade: websocket). Refused with 403 before the upgrade unless the stream ' +
      'token is valid for this session user, camera and stream and the user may watch the ' +
      'camera. Messages: JSON text (init, clock, waiting, offline, skipped, ended) and binary ' +
      'fMP4 (init segment, then one fragment per frame from a key frame). Close codes: 4001 ' +
      'session ended, 4003 permission revoked.',
    tags: ['live'],
    request: {
      params: cameraIdParam.extend({
        stream: streamKindSchema.openapi({ param: { name: 'stream', in: 'path' } }),
      }),
      query: z.object({ token: z.string().openapi({ description: 'The stream token' }) }),
    },
    responses: {
      101: { description: 'Switching to the WebSocket protocol' },
      ...errorResponses(400, 401, 403),
    },
  });
  app.get(
    '/live/:cameraId/:stream/mse',
    upgradeWebSocket(async (c) => {
      const id = cameraIdParam.safeParse({ cameraId: c.req.param('cameraId') });
      const kind = streamKindSchema.safeParse(c.req.param('stream'));
      if (!id.success || !kind.success) {
        throw invalidArgument('invalid path: expected /live/{cameraId}/{main|sub}/mse');
      }
      const cameraId = id.data.cameraId;
      const stream = kind.data;
      const grant = await admitStream(live, {
        cameraId,
        stream,
        transport: 'mse',
        token: c.req.query('token'),
        principal: (c as Context<AppEnv>).get('principal'),
        sourceAddress: clientAddress(c, trustProxy),
      });
      const hub = await live.hubForGrant(grant);
      let viewer: Viewer | undefined;
      let subscription: Subscription | undefined;
      let closed = false;
      return {
        onOpen(_event, ws) {
          const socket = ws.raw;
          if (socket === undefined) return;
          const mse = new MseViewer(socket, {
            maxBufferedBytes: live.settings.mseMaxBufferedBytes,
          });
          const terminate = (reason: StopReason): void => {
            subscription?.close();
            mse.ended(reason);
            socket.close(CLOSE_CODES[reason], reason);
          };
          live.viewers.open(grant, 'mse', terminate).then(
            (v) => {
              viewer = v;
              if (closed) {
                v.end('client_closed');
                return;
              }
              if (hub === undefined) {
                mse.onEvent({
                  type: 'stopped',
                  cause: 'offline',
                  message: 'stream not available',
                  atMs: live.clock.nowMs(),
                });
                return;
              }
              subscription = hub.subscribe(mse, { name: `live:${v.id}` });
              if (!hub.live) mse.waiting();
            },
            () => socket.close(CLOSE_CODES.error, 'audit unavailable'),
          );
        },
        onClose() {
          closed = true;
          subscription?.close();
          viewer?.end('client_closed');
        },
        onError() {
          closed = true;
          subscription?.close();
          viewer?.end('error');
        },
      };
    }),
  );
  return app;
}
