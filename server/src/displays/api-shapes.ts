/**
 * The shapes of the display API: a display as operators see it, what may be pushed to it, and the
 * input that creates or changes one. Validation messages name the key (`parseWith`).
 */
import { z } from '@hono/zod-openapi';

const cameraId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'must be a camera id');
const stream = z.enum(['main', 'sub']);

/** What an operator pushes: a camera, one of their wall views, or an instant replay. */
export const pushSchema = z
  .discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('camera'), cameraId, stream: stream.default('main') }),
    z.strictObject({ kind: z.literal('view'), viewId: z.string().min(1).max(64) }),
    z.strictObject({
      kind: z.literal('replay'),
      cameraId,
      fromMs: z.number().int().nonnegative(),
      // The reason for watching recorded video, as the playback session asks it (audited).
      reason: z.string().trim().min(3).max(500),
    }),
  ])
  .openapi('DisplayPush');
/** A push as the client sends it. */
export type PushInput = z.output<typeof pushSchema>;

/** A tour of a pushed view: cameras cycled every `seconds` (those the pusher may watch). */
const tourSchema = z.object({ cameraIds: z.array(cameraId), seconds: z.number().int() });
const tileSchema = z.object({
  cameraId: cameraId.nullable(),
  stream,
  tour: tourSchema.nullable(),
});
/** The names of the cameras shown, by id, as they were at push time (the display lists none). */
const names = z.record(z.string(), z.string());

/**
 * What a display shows, as stored and sent: a view is copied when pushed (its layout and the
 * cameras its tiles showed then, those the operator could not watch left empty), so that a later
 * change to the view does not change the wall by itself.
 */
export const contentSchema = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('none') }),
    z.object({ kind: z.literal('camera'), cameraId, stream, names }),
    z.object({
      kind: z.literal('view'),
      viewId: z.string(),
      name: z.string(),
      layout: z.string(),
      tiles: z.array(tileSchema),
      /** The whole view's tour, shown page by page over its tiles; null when none. */
      tour: tourSchema.nullable(),
      names,
    }),
    z.object({
      kind: z.literal('replay'),
      cameraId,
      fromMs: z.number().int(),
      // The instant of the push: the replay runs from `fromMs` up to it.
      toMs: z.number().int(),
      reason: z.string(),
      names,
    }),
  ])
  .openapi('DisplayContent');
/** What a display shows. */
export type DisplayContent = z.output<typeof contentSchema>;

/** A display as operators (and the display itself) see it. */
export const displaySchema = z
  .object({
    id: z.string(),
    name: z.string(),
    room: z.string(),
    agencyId: z.string(),
    /** The display account's login name; null until one is bound (managers only, else null). */
    accountUsername: z.string().nullable(),
    accountId: z.string().nullable(),
    content: contentSchema,
    pushedBy: z.string().nullable(),
    pushedMs: z.number().int().nullable(),
    updatedMs: z.number().int(),
    /** True while a browser of the display account follows its event stream. */
    online: z.boolean(),
  })
  .openapi('Display');
/** A display. */
export type Display = z.output<typeof displaySchema>;

/** Creating a display: a name, its room, optionally the display account that shows it. */
export const displayInputSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(80),
    room: z.string().trim().max(80).default(''),
    // The display account's login name; null or left out to bind one later.
    accountUsername: z.string().trim().min(1).max(200).nullable().default(null),
  })
  .openapi('DisplayInput');
/** A display input, defaults applied. */
export type DisplayInput = z.output<typeof displayInputSchema>;

/** Changing a display: any of its name, room and account. */
export const displayPatchSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(80).optional(),
    room: z.string().trim().max(80).optional(),
    accountUsername: z.string().trim().min(1).max(200).nullable().optional(),
  })
  .openapi('DisplayPatch');
/** A display patch. */
export type DisplayPatch = z.output<typeof displayPatchSchema>;
