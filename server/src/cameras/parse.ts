/**
 * Validation entry points for callers that hold untrusted data (the CLI, seeding, the service
 * itself): each parses with the shared schema and throws `invalid_argument` naming every bad key.
 */
import { parseWith } from '../app/index.ts';
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
