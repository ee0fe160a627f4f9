/**
 * The view API's JSON shapes (zod, documented in OpenAPI). A view's `tiles` are exactly as many
 * as its layout shows; `hiddenTiles` are the places after them, kept from a larger layout so that
 * growing back shows them again (null for an empty place).
 */
import { z } from '@hono/zod-openapi';
import { LAYOUTS, MAX_TILES, tileCountOf } from './layouts.ts';

/** Shortest interval of a tour, seconds. */
export const MIN_TOUR_SECONDS = 5;

const cameraId = z.string().min(1).max(64).openapi({ example: 'cam-001' });

/** A tour: cameras cycled every `seconds`. */
export const tourSchema = z
  .strictObject({
    cameraIds: z.array(cameraId).min(1).max(64),
    seconds: z
      .number()
      .int()
      .min(MIN_TOUR_SECONDS, `must be at least ${MIN_TOUR_SECONDS} seconds`)
      .max(3600)
      .openapi({ example: 10 }),
  })
  .openapi('ViewTour');

/** A tour. */
export type Tour = z.infer<typeof tourSchema>;

/** One tile: its camera (null: empty), the stream, and optionally a tour of its own. */
export const tileSchema = z
  .strictObject({
    cameraId: cameraId.nullable(),
    stream: z.enum(['main', 'sub']).default('sub'),
    tour: tourSchema.nullable().optional(),
  })
  .openapi('ViewTile');

/** A tile as sent. */
export type TileInput = z.input<typeof tileSchema>;
/** A tile as parsed. */
export type Tile = z.infer<typeof tileSchema>;

/** `POST /api/views` and `PUT /api/views/{id}`: the whole view. */
export const viewInputSchema = z
  .strictObject({
    name: z.string().trim().min(1, 'must not be empty').max(80).openapi({ example: 'Centro' }),
    /** Folder path, segments separated by "/"; empty for the top level. */
    folder: z
      .string()
      .trim()
      .max(200)
      .regex(/^[^/](.*[^/])?$|^$/, 'must not start or end with "/"')
      .default(''),
    layout: z.enum(LAYOUTS).openapi({ example: '1' }),
    tiles: z.array(tileSchema).min(1).max(MAX_TILES),
    hiddenTiles: z
      .array(tileSchema.nullable())
      .max(MAX_TILES - 1)
      .default([]),
    sharing: z.enum(['personal', 'agency', 'role']).default('personal'),
    /** The role it is shared with, when `sharing` is `role`. */
    role: z.string().min(1).max(64).nullable().default(null),
    tour: tourSchema.nullable().default(null),
  })
  .superRefine((v, ctx) => {
    const n = tileCountOf(v.layout);
    if (v.tiles.length !== n) {
      ctx.addIssue({
        code: 'custom',
        path: ['tiles'],
        message: `layout ${v.layout} has ${n} tiles, got ${v.tiles.length}`,
      });
    }
    if (v.tiles.length + v.hiddenTiles.length > MAX_TILES) {
      ctx.addIssue({
        code: 'custom',
        path: ['hiddenTiles'],
        message: `at most ${MAX_TILES} places in all`,
      });
    }
    if (v.sharing === 'role' && v.role === null) {
      ctx.addIssue({ code: 'custom', path: ['role'], message: 'is required to share with a role' });
    }
    if (v.sharing !== 'role' && v.role !== null) {
      ctx.addIssue({ code: 'custom', path: ['role'], message: 'only when sharing with a role' });
    }
  })
  .openapi('ViewInput');

/** What a create or replace request holds, parsed. */
export type ViewInput = z.infer<typeof viewInputSchema>;

/** A view as the API returns it. */
export const viewSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    folder: z.string(),
    layout: z.enum(LAYOUTS),
    tiles: z.array(tileSchema),
    hiddenTiles: z.array(tileSchema.nullable()),
    sharing: z.enum(['personal', 'agency', 'role']),
    role: z.string().nullable(),
    tour: tourSchema.nullable(),
    ownerId: z.string(),
    ownerName: z.string(),
    agencyId: z.string(),
    createdMs: z.number().int(),
    updatedMs: z.number().int(),
    /** Whether the caller may change or delete it (else "save as" a copy). */
    editable: z.boolean(),
    /**
     * Cameras of the view the caller may not watch live now (an agreement suspended, a camera
     * removed): their tiles say so, and the ids stay in the view for when access returns.
     */
    unavailableCameraIds: z.array(z.string()),
  })
  .openapi('View');

/** A view as the API returns it. */
export type View = z.infer<typeof viewSchema>;
