/**
 * The re-stream's JSON shapes for the HTTP API (documented in OpenAPI): service accounts as an
 * administrator sees them (never their Digest HA1 nor a password), the form that makes one, and
 * where a video management system connects.
 */
import { z } from '@hono/zod-openapi';

/** A service account as listed: name, agency, when made and when disabled. */
export const serviceAccountSchema = z
  .object({
    id: z.string(),
    name: z.string().openapi({ example: 'cc-milestone' }),
    agencyId: z.string().openapi({ example: 'carabinieri' }),
    createdMs: z.number().int(),
    /** When it was disabled, UTC ms; null while it may sign in. */
    disabledMs: z.number().int().nullable(),
  })
  .openapi('RestreamAccount');

/** Making a service account (`POST /api/restream/accounts`); the password is never echoed. */
export const serviceAccountCreateSchema = z
  .strictObject({
    name: z
      .string()
      .trim()
      .min(1)
      .max(64)
      .openapi({ example: 'cc-milestone', description: '1-64 of a-z 0-9 . _ -' }),
    agencyId: z.string().min(1).max(64).openapi({ example: 'carabinieri' }),
    password: z.string().min(1).max(1024).openapi({ format: 'password' }),
  })
  .openapi('RestreamAccountCreate');

/** Where a VMS connects: null for an address not served (or the whole re-stream off). */
export const restreamInfoSchema = z
  .object({
    enabled: z.boolean(),
    /** `rtsp://host:port/`, or null. */
    rtsp: z.string().nullable().openapi({ example: 'rtsp://vedetta.comune.example:8554/' }),
    /** `rtsps://host:tlsPort/`, or null. */
    rtsps: z.string().nullable().openapi({ example: 'rtsps://vedetta.comune.example:8555/' }),
    /** The Digest realm the VMS is challenged with. */
    realm: z.string(),
  })
  .openapi('RestreamInfo');

/** The `{name}` of a service account in a path. */
export const accountNameParam = z.object({
  name: z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name: 'name', in: 'path' }, example: 'cc-milestone' }),
});
