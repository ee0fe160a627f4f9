/**
 * The bookmark API's JSON shapes (zod, documented in OpenAPI). Times are UTC ms in bodies; an
 * instant has `toMs` equal to `fromMs`.
 */
import { z } from '@hono/zod-openapi';

/** Most cameras one bookmark marks. */
export const BOOKMARK_MAX_CAMERAS = 16;

const time = z.number().int().min(0);
const cameraIds = z
  .array(z.string().min(1).max(64))
  .min(1, 'at least one camera is required')
  .max(BOOKMARK_MAX_CAMERAS, `at most ${BOOKMARK_MAX_CAMERAS} cameras`);
const title = z.string().trim().min(1, 'must not be empty').max(120);
const note = z.string().max(2000);
const caseReference = z.string().trim().min(1).max(100).nullable();

/** `POST /api/bookmarks`. */
export const bookmarkCreateSchema = z
  .strictObject({
    cameraIds,
    fromMs: time,
    /** Equal to `fromMs` (or left out) for an instant. */
    toMs: time.optional(),
    title,
    note: note.optional(),
    caseReference: caseReference.optional(),
  })
  .refine((b) => b.toMs === undefined || b.toMs >= b.fromMs, {
    message: 'must not be before fromMs',
    path: ['toMs'],
  })
  .openapi('BookmarkCreate');

/** What a create request holds. */
export type BookmarkCreate = z.infer<typeof bookmarkCreateSchema>;

/** `PATCH /api/bookmarks/{id}`: any of the fields. */
export const bookmarkPatchSchema = z
  .strictObject({
    cameraIds: cameraIds.optional(),
    fromMs: time.optional(),
    toMs: time.optional(),
    title: title.optional(),
    note: note.optional(),
    caseReference: caseReference.optional(),
  })
  .openapi('BookmarkPatch');

/** What a patch request holds. */
export type BookmarkPatch = z.infer<typeof bookmarkPatchSchema>;

/** A bookmark as the API returns it. */
export const bookmarkSchema = z
  .object({
    id: z.string(),
    cameraIds: z.array(z.string()),
    fromMs: z.number().int(),
    toMs: z.number().int(),
    title: z.string(),
    note: z.string(),
    caseReference: z.string().nullable(),
    authorId: z.string(),
    authorName: z.string(),
    agencyId: z.string(),
    createdMs: z.number().int(),
    updatedMs: z.number().int(),
    /** True only when legal holds in force cover the whole range on every camera. */
    protectedFromRetention: z.boolean(),
    /** Whether the caller may change or delete it. */
    editable: z.boolean(),
  })
  .openapi('Bookmark');

/** A bookmark as the API returns it. */
export type Bookmark = z.infer<typeof bookmarkSchema>;
