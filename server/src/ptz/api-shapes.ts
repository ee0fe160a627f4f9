/** The shapes of the PTZ API (`/api/cameras/{id}/ptz/...`). */
import { z } from '@hono/zod-openapi';

const speed = z.number().min(-1).max(1);

/** `POST .../ptz/move`: continuous move velocities, each -1…1 (zoom > 0 zooms in). */
export const moveSchema = z
  .strictObject({ pan: speed.default(0), tilt: speed.default(0), zoom: speed.default(0) })
  .openapi('PtzMove');

/** `POST .../ptz/presets` and `PUT .../ptz/presets/{token}`: a preset's name. */
export const presetInputSchema = z
  .strictObject({ name: z.string().trim().min(1, 'must not be empty').max(64) })
  .openapi('PtzPresetInput');

/** A preset. */
export const presetSchema = z.object({ token: z.string(), name: z.string() }).openapi('PtzPreset');

/** `POST .../ptz/control`: take control; `queue` to wait in line when it is busy. */
export const takeSchema = z.strictObject({ queue: z.boolean().default(false) }).openapi('PtzTake');

/** Who controls a camera, and the caller's place. */
export const statusSchema = z
  .object({
    cameraId: z.string(),
    /** The caller's PTZ priority. */
    priority: z.number().int(),
    holder: z
      .object({
        you: z.boolean(),
        name: z.string(),
        agencyId: z.string(),
        agencyName: z.string(),
        sinceMs: z.number().int(),
        /** When the session lapses unless a command comes. */
        untilMs: z.number().int(),
      })
      .nullable(),
    waiting: z.number().int(),
    queuePosition: z.number().int().nullable(),
    /** The preset the camera was last sent to; null after a free move or home. */
    preset: z.string().nullable(),
    /** True when the camera was moved off its home position (masks are drawn for home). */
    awayFromHome: z.boolean(),
    homeReturnMinutes: z.number().int().nullable(),
  })
  .openapi('PtzStatus');

/** Who controls a camera. */
export type PtzStatus = z.infer<typeof statusSchema>;
