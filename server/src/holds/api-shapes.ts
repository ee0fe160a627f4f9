/**
 * The legal hold's JSON shapes and their rules, shared by the HTTP API (which documents them in
 * OpenAPI) and the hold service (which validates whatever calls it). Times are UTC ms.
 */
import { z } from '@hono/zod-openapi';

const camId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'must be a camera id (lower-case slug)')
  .openapi({ example: 'cam-001' });
const ms = z.number().int().min(0).max(8_640_000_000_000_000);
const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max);

/**
 * The longest range one hold may cover: 31 days. A hold answers a request about an incident, so
 * its range is hours or days; a longer one is split into several holds, each with its reference.
 */
export const HOLD_MAX_SPAN_MS = 31 * 86_400_000;

/** A hold as asked for (`POST /api/holds`). */
export const holdCreateSchema = z
  .strictObject({
    cameraIds: z
      .array(camId)
      .min(1, 'must name at least one camera')
      .max(200)
      .refine((ids) => new Set(ids).size === ids.length, 'must not repeat a camera'),
    fromMs: ms.openapi({ example: 1772355600000 }),
    toMs: ms.openapi({ example: 1772359200000 }),
    authority: text(200).openapi({ example: 'Procura della Repubblica di La Spezia' }),
    reference: text(200).openapi({ example: 'RGNR 1234/2026' }),
    description: text(2000).openapi({ example: 'Furto in Via del Prione, richiesta del PM' }),
    /**
     * When the hold lapses by itself; null (the default) keeps it until released, which needs
     * `untilReleasedReason`.
     */
    expiresMs: ms.nullable().default(null),
    /** Why the hold has no expiry (e.g. "until the proceeding ends"): needed without, refused with one. */
    untilReleasedReason: text(2000)
      .optional()
      .openapi({ example: 'Fino a revoca del PM: procedimento in corso' }),
  })
  .refine((h) => h.toMs > h.fromMs, { path: ['toMs'], message: 'must be after fromMs' })
  .refine((h) => h.toMs - h.fromMs <= HOLD_MAX_SPAN_MS, {
    path: ['toMs'],
    message: 'the range must not exceed 31 days; place one hold per incident',
  })
  .refine((h) => h.expiresMs !== null || h.untilReleasedReason !== undefined, {
    path: ['untilReleasedReason'],
    message: 'needed when expiresMs is null: give an expiry or say why the hold has none',
  })
  .refine((h) => h.expiresMs === null || h.untilReleasedReason === undefined, {
    path: ['untilReleasedReason'],
    message: 'only for a hold without an expiry (expiresMs null)',
  })
  .openapi('LegalHoldInput', {
    example: {
      cameraIds: ['cam-001'],
      fromMs: 1772355600000,
      toMs: 1772359200000,
      authority: 'Procura della Repubblica di La Spezia',
      reference: 'RGNR 1234/2026',
      description: 'Furto in Via del Prione, richiesta del PM',
      expiresMs: null,
      untilReleasedReason: 'Fino a revoca del PM: procedimento in corso',
    },
  });

/** A new expiry (`POST /api/holds/{id}/extend`): later than the current one, or null. */
export const holdExtendSchema = z
  .strictObject({ expiresMs: ms.nullable(), reason: text(2000).optional() })
  .openapi('LegalHoldExtend');

/** Why a hold is released (`POST /api/holds/{id}/release`). */
export const holdReleaseSchema = z.strictObject({ reason: text(2000) }).openapi('LegalHoldRelease');

/** Where a hold stands at a given time. */
export const holdStatusSchema = z.enum(['active', 'expired', 'released']);

/** A hold as the API returns it. */
export const holdSchema = z
  .object({
    id: z.string(),
    cameraIds: z.array(z.string()),
    fromMs: z.number(),
    toMs: z.number(),
    authority: z.string(),
    reference: z.string(),
    description: z.string(),
    expiresMs: z.number().nullable(),
    /** Why it was placed without an expiry; null when it had one (or predates the rule). */
    untilReleasedReason: z.string().nullable(),
    status: holdStatusSchema,
    placed: z.object({
      atMs: z.number(),
      userId: z.string(),
      username: z.string(),
      agencyId: z.string(),
    }),
    released: z.object({ atMs: z.number(), userId: z.string(), reason: z.string() }).nullable(),
  })
  .openapi('LegalHold');

/** A validated hold request. */
export type HoldCreate = z.output<typeof holdCreateSchema>;
/** A validated extension. */
export type HoldExtend = z.output<typeof holdExtendSchema>;
/** A validated release. */
export type HoldRelease = z.output<typeof holdReleaseSchema>;
/** A hold. */
export type LegalHold = z.output<typeof holdSchema>;
/** Where a hold stands. */
export type HoldStatus = z.output<typeof holdStatusSchema>;
