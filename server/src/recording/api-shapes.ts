/**
 * The JSON shapes of the recording API (`/api/cameras/{id}/status`, `/api/cameras/{id}/segments`),
 * as zod schemas registered in the OpenAPI document.
 */
import { z } from '@hono/zod-openapi';

const iso = z.string().openapi({ example: '2026-03-01T10:00:00.000Z' });
const causeSchema = z.enum(['offline', 'stall', 'loss', 'restart', 'disk', 'error']);

/** Recorded against expected time over a window. */
export const completenessSchema = z
  .object({
    from: iso,
    to: iso.openapi({ description: 'End of the measured window: now, for the current hour/day' }),
    expectedSeconds: z.number().openapi({ description: 'Time the camera was to be recorded' }),
    recordedSeconds: z.number(),
    ratio: z
      .number()
      .nullable()
      .openapi({ description: 'recorded / expected; null if none expected' }),
  })
  .openapi('Completeness');

/** A gap: expected but not recorded. */
export const gapSchema = z
  .object({
    start: iso,
    end: iso.nullable().openapi({ description: 'null while the gap is open' }),
    startMs: z.number().int(),
    endMs: z.number().int().nullable(),
    cause: causeSchema,
    message: z.string(),
  })
  .openapi('RecordingGap');

/** `GET /api/cameras/{id}/status`. */
export const cameraStatusSchema = z
  .object({
    cameraId: z.string(),
    live: z
      .object({
        state: z.enum(['idle', 'connecting', 'online', 'reconnecting', 'offline']),
        since: iso,
        lastError: z.object({ cause: causeSchema, message: z.string(), at: iso }).nullable(),
        bitrateBps: z.number(),
        fps: z.number(),
        framesTotal: z.number().int(),
        packetsLost: z.number().int(),
        lossEvents: z.number().int(),
        stalls: z.number().int(),
        reconnects: z.number().int(),
        wallSource: z.enum(['arrival', 'sender-report']).nullable(),
        video: z
          .object({
            codec: z.string(),
            codecString: z.string(),
            width: z.number().int(),
            height: z.number().int(),
          })
          .nullable(),
      })
      .nullable()
      .openapi({ description: 'Ingest of the main stream; null when the camera is not ingested' }),
    recording: z.object({
      state: z.enum(['recording', 'waiting', 'error', 'stopped', 'not_recorded']),
      lastError: z.object({ message: z.string(), at: iso }).nullable(),
      openGap: gapSchema.nullable(),
      clockDriftMs: z.number().int(),
      hour: completenessSchema,
      day: completenessSchema.openapi({
        description: 'The current day, from local midnight in site.timeZone',
      }),
      sub: z
        .object({
          state: z.enum(['recording', 'waiting', 'error', 'stopped', 'not_recorded']),
          hour: completenessSchema,
          day: completenessSchema,
        })
        .nullable()
        .openapi({
          description:
            'Recording of the sub-stream (state, completeness this hour and today); null when the sub-stream is not recorded. The fields above are the main stream.',
        }),
    }),
  })
  .openapi('CameraStatus');

/** One recorded segment. */
export const segmentSchema = z
  .object({
    id: z.number().int(),
    start: iso,
    end: iso,
    startMs: z.number().int(),
    endMs: z.number().int(),
    durationMs: z.number(),
    sizeBytes: z.number().int(),
    frameCount: z.number().int(),
    codec: z.enum(['h264', 'h265']),
    codecString: z.string(),
    width: z.number().int(),
    height: z.number().int(),
    state: z.enum(['writing', 'complete']),
    closedBy: z.enum(['writer', 'repair']).nullable(),
    sha256: z.string().nullable().openapi({
      description:
        'SHA-256 of the whole file: segments signed with statement v1 only; null since v2',
    }),
    fragmentsSha256: z.string().nullable().openapi({
      description:
        'The segment digest: chain of the init and fragment SHA-256s (signed); null while writing',
    }),
    signature: z.string().nullable().openapi({ description: 'Ed25519, base64, of the statement' }),
    keyFingerprint: z.string().nullable(),
  })
  .openapi('RecordedSegment');

/** `GET /api/cameras/{id}/segments`. */
export const segmentListSchema = z
  .object({
    cameraId: z.string(),
    stream: z.enum(['main', 'sub']),
    from: iso,
    to: iso,
    segments: z.array(segmentSchema),
    gaps: z.array(gapSchema),
  })
  .openapi('RecordedRange');
