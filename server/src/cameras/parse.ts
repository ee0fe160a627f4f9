/**
 * Validation entry points for callers that hold untrusted data (the CLI, seeding, the service
 * itself): each parses with the shared schema and throws `invalid_argument` naming every bad key.
 */
import type { z } from '@hono/zod-openapi';
import { invalidArgument, describeIssues, issuesText } from '../app/index.ts';
import {
  cameraCreateSchema,
  cameraGroupCreateSchema,
  cameraGroupPatchSchema,
  cameraPatchSchema,
  cameraReplaceSchema,
  type CameraBody,
  type CameraCreate,
  type CameraGroupCreate,
  type CameraGroupPatch,
  type CameraPatch,
} from './api-shapes.ts';

function parseWith<T>(schema: z.ZodType<T>, input: unknown, what: string): T {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issues = describeIssues(result.error.issues);
  throw invalidArgument(`invalid ${what}: ${issuesText(issues)}`, { issues });
}

/** Validates a camera creation request. */
export const parseCameraCreate = (input: unknown): CameraCreate =>
  parseWith(cameraCreateSchema, input, 'camera');
/** Validates a full camera body (replace). */
export const parseCameraBody = (input: unknown): CameraBody =>
  parseWith(cameraReplaceSchema, input, 'camera');
/** Validates a partial camera change. */
export const parseCameraPatch = (input: unknown): CameraPatch =>
  parseWith(cameraPatchSchema, input, 'camera change');
/** Validates a group creation request. */
export const parseGroupCreate = (input: unknown): CameraGroupCreate =>
  parseWith(cameraGroupCreateSchema, input, 'camera group');
/** Validates a partial group change. */
export const parseGroupPatch = (input: unknown): CameraGroupPatch =>
  parseWith(cameraGroupPatchSchema, input, 'camera group change');
