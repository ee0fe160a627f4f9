/** Validation entry points: each parses with a shared schema and throws `invalid_argument`. */
import type { z } from '@hono/zod-openapi';
import { invalidArgument, describeIssues, issuesText } from '../app/index.ts';
import {
  holdCreateSchema,
  holdExtendSchema,
  holdReleaseSchema,
  type HoldCreate,
  type HoldExtend,
  type HoldRelease,
} from './api-shapes.ts';

function parseWith<T>(schema: z.ZodType<T>, input: unknown, what: string): T {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issues = describeIssues(result.error.issues);
  throw invalidArgument(`invalid ${what}: ${issuesText(issues)}`, { issues });
}

/** Validates a hold request. */
export const parseHoldCreate = (input: unknown): HoldCreate =>
  parseWith(holdCreateSchema, input, 'legal hold');
/** Validates an extension. */
export const parseHoldExtend = (input: unknown): HoldExtend =>
  parseWith(holdExtendSchema, input, 'legal hold extension');
/** Validates a release. */
export const parseHoldRelease = (input: unknown): HoldRelease =>
  parseWith(holdReleaseSchema, input, 'legal hold release');
