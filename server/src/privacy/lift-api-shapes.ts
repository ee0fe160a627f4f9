/** The JSON body of a mask lift (`POST /api/cameras/{id}/mask-lift`). */
import { z } from '@hono/zod-openapi';

/** Why the masks are lifted: a case reference or motive, required. */
export const liftReasonSchema = z
  .strictObject({
    reason: z
      .string()
      .trim()
      .min(1, 'must say why the masks are lifted (case reference or motive)')
      .max(500)
      .openapi({ example: 'RGNR 1234/2026 - identificazione autore' }),
  })
  .openapi('MaskLiftInput');
