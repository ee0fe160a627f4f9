/**
 * The camera's JSON shape and its rules, shared by the HTTP API (which documents it in OpenAPI),
 * the CLI and the registry service. Rules: stream URLs are rtsp(s) without credentials (those go
 * in `credentialsRef`); coordinates in range; retention over 3 days needs a written
 * justification; urban-security cameras keep recordings at most 7 days. A `file:` credentials
 * reference must also lie inside the secrets directory: the registry checks that (it knows the
 * directory), not these static shapes. Stream URLs and `credentialsRef` are shown only to those
 * who may manage the camera (`cameraViewSchema`).
 */
import { z } from '@hono/zod-openapi';
import { secretRefProblem } from '../app/index.ts';
import { JUSTIFICATION_ABOVE_DAYS, retentionIssues } from './retention-policy.ts';

// The retention rules live in one place (retention/policy.ts); re-exported for existing callers.
export { URBAN_SECURITY_MAX_RETENTION_DAYS, JUSTIFICATION_ABOVE_DAYS } from './retention-policy.ts';

/** Ids of cameras and groups: lower-case slugs such as `cam-001`. */
export const slugSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'must be a lower-case slug (a-z, 0-9, -), at most 64 long')
  .openapi({ example: 'cam-001' });

/** A camera stream URL: rtsp:// or rtsps://, without credentials. */
export const streamUrlSchema = z
  .string()
  .max(2048)
  .superRefine((value, ctx) => {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      ctx.addIssue({ code: 'custom', message: 'must be a URL such as rtsp://host:554/path' });
      return;
    }
    if (url.protocol !== 'rtsp:' && url.protocol !== 'rtsps:') {
      ctx.addIssue({ code: 'custom', message: 'must be an rtsp:// or rtsps:// URL' });
    } else if (url.username !== '' || url.password !== '') {
      ctx.addIssue({
        code: 'custom',
        message:
          'must not contain credentials; put them in credentialsRef (env:NAME or file:/path)',
      });
    }
  })
  .openapi({ example: 'rtsp://10.0.0.11:554/stream1' });

/** A secret reference (`env:NAME` or `file:/path`) to a camera's `username:password`. */
export const secretRefSchema = z
  .string()
  .max(1024)
  .superRefine((value, ctx) => {
    const problem = secretRefProblem(value);
    if (problem !== undefined) ctx.addIssue({ code: 'custom', message: problem });
  })
  .openapi({ example: 'env:CAM_001_CREDENTIALS' });

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
  .refine(
    (d) =>
      !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) &&
      new Date(`${d}T00:00:00Z`).toISOString().startsWith(d),
    {
      message: 'must be a real calendar date',
    },
  );

const tag = z.string().trim().min(1).max(40);
const name = z.string().trim().min(1).max(200);
const purpose = z.enum(['urban_security', 'traffic', 'waste']);
const signageStatus = z.enum(['placed', 'planned', 'missing']);
const codecHint = z.enum(['h264', 'h265']);
const latitude = z.number().min(-90).max(90).openapi({ example: 44.1025 });
const longitude = z.number().min(-180).max(180).openapi({ example: 9.8241 });
const retentionDays = z.number().int().min(1).max(365);
const justification = z.string().trim().min(1).max(2000);
const recordedStreams = z
  .array(z.enum(['main', 'sub']))
  .min(1)
  .max(2)
  .nullable()
  .openapi({
    description:
      'The streams recorded: ["main"] or ["main","sub"]; null: both when the camera has a ' +
      'sub-stream, the main stream otherwise.',
    example: ['main', 'sub'],
  });

const profileToken = z.string().trim().min(1).max(64);
const deviceText = z.string().trim().min(1).max(200);

/** A camera's ONVIF device: where its device service answers and its main and sub profiles. */
export const cameraOnvifSchema = z
  .strictObject({
    address: z
      .string()
      .max(2048)
      .regex(/^https?:\/\/[^\s/@]+(\/\S*)?$/, 'must be an http(s):// URL without credentials')
      .openapi({ example: 'http://10.0.4.17/onvif/device_service' }),
    profiles: z
      .strictObject({
        main: profileToken.nullable().default(null),
        sub: profileToken.nullable().default(null),
      })
      .prefault({}),
  })
  .openapi('CameraOnvif', {
    description: 'The ONVIF device of a camera added from a probe; null for other cameras.',
  });

/** What the device said it is (ONVIF GetDeviceInformation); the register shows it. */
export const cameraDeviceSchema = z
  .strictObject({
    manufacturer: deviceText.nullable().default(null),
    model: deviceText.nullable().default(null),
    firmware: deviceText.nullable().default(null),
    serial: deviceText.nullable().default(null),
  })
  .openapi('CameraDevice');

/** The fields a client sends (all of a camera but its id and derived data), with defaults. */
const bodyShape = {
  name,
  streams: z.strictObject({ main: streamUrlSchema, sub: streamUrlSchema.nullable().default(null) }),
  credentialsRef: secretRefSchema.nullable().default(null),
  allowBasicOverPlainRtsp: z
    .boolean()
    .optional()
    .openapi({
      description:
        'Send Basic credentials (user and password in clear) over plain rtsp:// when the camera ' +
        'offers nothing better. Off (false) when absent: such a camera stays offline with an ' +
        'authentication error. The register and compliance report list cameras where it is on.',
    }),
  codecHint: codecHint.nullable().default(null),
  location: z.strictObject({
    latitude,
    longitude,
    address: z.string().trim().max(300).default(''),
    district: z.string().trim().max(100).default(''),
  }),
  purpose: purpose.default('urban_security'),
  signage: z
    .strictObject({ status: signageStatus, placedOn: isoDate.nullable().default(null) })
    .prefault({ status: 'missing' }),
  retentionDays: retentionDays.default(JUSTIFICATION_ABOVE_DAYS),
  retentionJustification: justification.nullable().default(null),
  enabled: z.boolean().default(true),
  tags: z.array(tag).max(32).default([]),
  groupIds: z.array(slugSchema).max(64).default([]),
  recording: z.strictObject({ streams: recordedStreams.default(null) }).prefault({}),
  onvif: cameraOnvifSchema.nullable().default(null),
  device: cameraDeviceSchema.nullable().default(null),
};

interface RuleInput {
  streams: { sub: string | null };
  recording: { streams: readonly string[] | null };
  purpose: string;
  retentionDays: number;
  retentionJustification: string | null;
  signage: { status: string; placedOn: string | null };
  tags: string[];
  groupIds: string[];
}

function cameraRules(c: RuleInput, ctx: z.core.$RefinementCtx): void {
  for (const issue of retentionIssues(c)) {
    ctx.addIssue({ code: 'custom', path: [issue.path], message: issue.message });
  }
  if (c.signage.status !== 'placed' && c.signage.placedOn !== null) {
    ctx.addIssue({
      code: 'custom',
      path: ['signage', 'placedOn'],
      message: 'must be null unless status is placed',
    });
  }
  if (new Set(c.tags).size !== c.tags.length) {
    ctx.addIssue({ code: 'custom', path: ['tags'], message: 'must not repeat a tag' });
  }
  if (new Set(c.groupIds).size !== c.groupIds.length) {
    ctx.addIssue({ code: 'custom', path: ['groupIds'], message: 'must not repeat a group' });
  }
  const recorded = c.recording.streams;
  if (recorded !== null) {
    const path = ['recording', 'streams'];
    if (!recorded.includes('main')) {
      ctx.addIssue({ code: 'custom', path, message: 'must include "main"' });
    } else if (new Set(recorded).size !== recorded.length) {
      ctx.addIssue({ code: 'custom', path, message: 'must not repeat a stream' });
    } else if (recorded.includes('sub') && c.streams.sub === null) {
      ctx.addIssue({ code: 'custom', path, message: '"sub" needs a sub-stream (streams.sub)' });
    }
  }
}

/** A camera as sent to create it (`POST`); `id` is chosen by the server when absent. */
export const cameraCreateSchema = z
  .strictObject({ id: slugSchema.optional(), ...bodyShape })
  .superRefine(cameraRules)
  .openapi('CameraInput');

/** A camera as sent to replace it (`PUT`): every field, no id (it is in the path). */
export const cameraReplaceSchema = z
  .strictObject(bodyShape)
  .superRefine(cameraRules)
  .openapi('CameraReplace');

/** A partial change (`PATCH`): top-level fields replace, nested objects merge one level. */
export const cameraPatchSchema = z
  .strictObject({
    name: name.optional(),
    streams: z
      .strictObject({ main: streamUrlSchema, sub: streamUrlSchema.nullable() })
      .partial()
      .optional(),
    credentialsRef: secretRefSchema.nullable().optional(),
    allowBasicOverPlainRtsp: z.boolean().optional(),
    codecHint: codecHint.nullable().optional(),
    location: z
      .strictObject({
        latitude,
        longitude,
        address: z.string().trim().max(300),
        district: z.string().trim().max(100),
      })
      .partial()
      .optional(),
    purpose: purpose.optional(),
    signage: z
      .strictObject({ status: signageStatus, placedOn: isoDate.nullable() })
      .partial()
      .optional(),
    retentionDays: retentionDays.optional(),
    retentionJustification: justification.nullable().optional(),
    enabled: z.boolean().optional(),
    tags: z.array(tag).max(32).optional(),
    groupIds: z.array(slugSchema).max(64).optional(),
    recording: z.strictObject({ streams: recordedStreams }).partial().optional(),
    onvif: cameraOnvifSchema.nullable().optional(),
    device: cameraDeviceSchema.nullable().optional(),
  })
  .openapi('CameraPatch');

const cameraFields = {
  id: slugSchema,
  name: z.string(),
  streams: z.object({ main: z.string(), sub: z.string().nullable() }),
  credentialsRef: z.string().nullable(),
  allowBasicOverPlainRtsp: z.boolean(),
  codecHint: codecHint.nullable(),
  location: z.object({
    latitude: z.number(),
    longitude: z.number(),
    address: z.string(),
    district: z.string(),
  }),
  purpose,
  signage: z.object({ status: signageStatus, placedOn: z.string().nullable() }),
  retentionDays: z.number().int(),
  retentionJustification: z.string().nullable(),
  enabled: z.boolean(),
  tags: z.array(z.string()),
  groupIds: z.array(z.string()),
  recording: z.object({ streams: z.array(z.enum(['main', 'sub'])).nullable() }),
  onvif: z
    .object({
      address: z.string(),
      profiles: z.object({ main: z.string().nullable(), sub: z.string().nullable() }),
    })
    .nullable(),
  device: z
    .object({
      manufacturer: z.string().nullable(),
      model: z.string().nullable(),
      firmware: z.string().nullable(),
      serial: z.string().nullable(),
    })
    .nullable(),
};

/** A camera as the registry holds it (every field). */
export const cameraSchema = z.object(cameraFields);

/**
 * A camera as the API returns it. `streams` and `credentialsRef` (where the camera is on the
 * network and where its password is kept) are present only for a caller who holds
 * `camera.manage` on that camera; `hasSubStream` is always there, and so is `callerPermissions`
 * (what the caller may do on that camera).
 */
export const cameraViewSchema = z
  .object({
    ...cameraFields,
    streams: cameraFields.streams.optional().openapi({
      description: 'Stream URLs; only for callers with camera.manage on this camera.',
    }),
    credentialsRef: cameraFields.credentialsRef.optional().openapi({
      description: 'Secret reference of the credentials; only for callers with camera.manage.',
    }),
    recording: cameraFields.recording.optional().openapi({
      description:
        'Which streams are recorded, as configured (null: the default); only for callers with camera.manage.',
    }),
    onvif: cameraFields.onvif.optional().openapi({
      description: "The ONVIF device's address and profiles; only for callers with camera.manage.",
    }),
    hasSubStream: z.boolean().openapi({ description: 'True when the camera has a sub stream.' }),
    recordedStreams: z.array(z.enum(['main', 'sub'])).openapi({
      description:
        'The streams recorded (the configuration with its default applied): a playback grid plays "sub" where it is recorded.',
    }),
    callerPermissions: z.array(z.string()).openapi({
      description:
        'The camera permissions the caller holds on this camera (e.g. live.view), so that a client asks only for what it may see.',
    }),
  })
  .openapi('Camera');

/** The streams of a camera that are recorded: the configured ones, or both when it has a sub-stream. */
export function recordedStreamsOf(camera: {
  streams: { sub: string | null };
  recording: { streams: readonly ('main' | 'sub')[] | null };
}): ('main' | 'sub')[] {
  const configured = camera.recording.streams;
  if (configured !== null) return configured.includes('sub') ? ['main', 'sub'] : ['main'];
  return camera.streams.sub !== null ? ['main', 'sub'] : ['main'];
}

/** A camera in the registry. */
export type Camera = z.output<typeof cameraSchema>;
/** A camera as one caller may see it (see `cameraViewSchema`). */
export type CameraView = z.output<typeof cameraViewSchema>;
/** A validated camera body (everything but the id). */
export type CameraBody = z.output<typeof cameraReplaceSchema>;
/** A validated creation request. */
export type CameraCreate = z.output<typeof cameraCreateSchema>;
/** A validated partial change. */
export type CameraPatch = z.output<typeof cameraPatchSchema>;

/** A camera group as the API returns it. */
export const cameraGroupSchema = z
  .object({
    id: slugSchema,
    name: z.string(),
    description: z.string(),
    cameraIds: z.array(z.string()),
  })
  .openapi('CameraGroup');

/** A group as sent to create it. */
export const cameraGroupCreateSchema = z
  .strictObject({
    id: slugSchema.optional(),
    name,
    description: z.string().trim().max(2000).default(''),
    cameraIds: z.array(slugSchema).max(1000).default([]),
  })
  .openapi('CameraGroupInput');

/** A partial change to a group; `cameraIds` replaces the membership. */
export const cameraGroupPatchSchema = z
  .strictObject({
    name: name.optional(),
    description: z.string().trim().max(2000).optional(),
    cameraIds: z.array(slugSchema).max(1000).optional(),
  })
  .openapi('CameraGroupPatch');

/** A camera group. */
export type CameraGroup = z.output<typeof cameraGroupSchema>;
/** A validated group creation request. */
export type CameraGroupCreate = z.output<typeof cameraGroupCreateSchema>;
/** A validated group change. */
export type CameraGroupPatch = z.output<typeof cameraGroupPatchSchema>;
