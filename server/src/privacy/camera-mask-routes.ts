/**
 * `GET /api/cameras/{id}/onvif/masks`: the camera's own privacy masks (ONVIF Media2), in
 * Vedetta's picture space, compared with Vedetta's masks; for whoever may manage the camera's
 * masks (`camera.manage`). 404 for an unknown camera or one not added from ONVIF
 * (`details.key` `privacy.cameraMasks.notOnvif`); 502 when the camera cannot be reached or fails
 * (`details.key` `privacy.cameraMasks.unreachable`, `details.reason` the ONVIF failure) — the one
 * route that answers 502: the error is the camera's, not this server's (503 would say Vedetta is
 * unavailable).
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { isAppError } from '../app/index.ts';
import type { AppEnv, RouteKit } from '../http/index.ts';
import { actorOf, errorResponses, jsonResponse } from '../http/index.ts';
import { CAMERA_UNREACHABLE_KEY } from './camera-masks.ts';
import type { PrivacyServices } from './create.ts';
import { MASK_VERDICTS } from './mask-compare.ts';

const tags = ['privacy masks'];
const idParam = z.object({
  id: z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name: 'id', in: 'path' }, example: 'cam-001' }),
});
const point = z.tuple([z.number(), z.number()]);

const reportSchema = z
  .object({
    cameraId: z.string(),
    readMs: z.number().openapi({ description: 'When the camera was read (ms since the epoch)' }),
    verdict: z.enum(MASK_VERDICTS).openapi({
      description:
        'match | camera_hides_less (a Vedetta mask not hidden by the camera) | camera_hides_more ' +
        '(a camera mask beyond Vedetta’s) | differs (both) | camera_has_none | not_supported. ' +
        'Differences under 5 % of a mask’s own area do not count.',
    }),
    unsupportedReason: z.enum(['no_media2', 'not_supported']).nullable(),
    cameraMasks: z.array(
      z.object({
        token: z.string(),
        points: z.array(point).openapi({ description: '[x, y] in [0, 1], origin top-left' }),
        type: z.string().openapi({ example: 'Color' }),
        enabled: z.boolean(),
      }),
    ),
    comparison: z
      .object({
        verdict: z.enum(MASK_VERDICTS),
        vedetta: z.array(
          z.object({
            id: z.string(),
            label: z.string(),
            areaShare: z.number(),
            coveredShare: z
              .number()
              .openapi({ description: 'Share of this mask the camera hides too' }),
            covered: z.boolean(),
          }),
        ),
        camera: z.array(
          z.object({
            token: z.string(),
            areaShare: z.number(),
            extraShare: z
              .number()
              .openapi({ description: 'Share of this camera mask no Vedetta mask hides' }),
            hidesMore: z.boolean(),
          }),
        ),
        disabledCameraMasks: z.number().int(),
        uncoveredCount: z.number().int(),
        extraCount: z.number().int(),
        tolerance: z.number(),
      })
      .nullable(),
  })
  .openapi('CameraMaskReport');

/** The 502 answer: the `Error` body with the key and the ONVIF failure. */
const unreachableSchema = z
  .object({
    error: z.object({
      kind: z.literal('unavailable'),
      message: z.string(),
      details: z.object({
        key: z.literal(CAMERA_UNREACHABLE_KEY),
        reason: z
          .string()
          .optional()
          .openapi({ description: 'unreachable, timeout, authentication, fault, protocol, …' }),
      }),
    }),
  })
  .openapi('CameraUnreachable');

const route = createRoute({
  method: 'get',
  path: '/cameras/{id}/onvif/masks',
  summary: "The camera's own privacy masks (ONVIF Media2), compared with Vedetta's",
  tags,
  request: { params: idParam },
  responses: {
    200: jsonResponse(reportSchema, "The camera's masks and the comparison"),
    ...errorResponses(400, 401, 403, 404),
    502: jsonResponse(unreachableSchema, 'The camera could not be reached, or it failed'),
  },
});

/** What the route is built from. */
export interface CameraMaskRoutesDeps extends RouteKit {
  privacy: PrivacyServices;
}

/** The camera-side mask route. */
export function cameraMaskRoutes(ctx: CameraMaskRoutesDeps): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>();
  app.openapi(route, async (c) => {
    const { id } = c.req.valid('param');
    try {
      const report = await ctx.privacy.cameraMasks.check(actorOf(c, ctx.http.trustProxy), id);
      return c.json(report, 200);
    } catch (e) {
      if (isAppError(e, 'unavailable') && e.details?.['key'] === CAMERA_UNREACHABLE_KEY) {
        const reason = e.details['reason'];
        const details = {
          key: CAMERA_UNREACHABLE_KEY,
          ...(typeof reason === 'string' ? { reason } : {}),
        };
        return c.json(
          { error: { kind: 'unavailable' as const, message: e.message, details } },
          502,
        );
      }
      throw e;
    }
  });
  return app;
}
