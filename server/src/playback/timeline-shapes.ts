/**
 * The shape of `GET /api/timeline`'s answer: per camera its recorded spans, gaps (with causes),
 * legal holds and camera events (motion, tamper, inputs), in UTC ms.
 */
import { z } from '@hono/zod-openapi';

/** A camera event on the timeline: an interval of motion, tampering or a digital input. */
const cameraEventShape = z
  .object({
    id: z.string(),
    kind: z.enum(['motion', 'tamper', 'input']),
    from: z.number(),
    to: z.number().nullable().openapi({ description: 'Null while the state holds' }),
    endCause: z
      .enum(['camera', 'lost', 'stopped', 'unknown'])
      .nullable()
      .openapi({
        description:
          'camera: the camera said it ended; lost/stopped: the subscription was lost or the ' +
          'server stopped, ended at the last pull that worked; unknown: found open after a crash',
      }),
    triggers: z.number().openapi({ description: 'Activations merged into the interval' }),
    topic: z.string(),
    source: z.record(z.string(), z.string()),
  })
  .openapi('CameraEvent');

/** The timeline answer. */
export const timelineSchema = z
  .object({
    from: z.string(),
    to: z.string(),
    cameras: z.array(
      z.object({
        id: z.string(),
        spans: z.array(z.tuple([z.number(), z.number()])),
        gaps: z.array(
          z.object({
            from: z.number(),
            to: z.number(),
            cause: z.string(),
            message: z.string(),
            open: z.boolean(),
          }),
        ),
        holds: z.array(
          z.object({
            id: z.string(),
            from: z.number(),
            to: z.number(),
            authority: z.string(),
            reference: z.string(),
          }),
        ),
        events: z.array(cameraEventShape),
      }),
    ),
    eventsMore: z
      .boolean()
      .openapi({ description: 'True when more camera events matched than were answered' }),
  })
  .openapi('Timeline');
