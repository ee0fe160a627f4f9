/** Validation entry points: each parses with a shared schema and throws `invalid_argument`. */
import { parseWith } from '../app/index.ts';
import {
  holdCreateSchema,
  holdExtendSchema,
  holdReleaseSchema,
  type HoldCreate,
  type HoldExtend,
  type HoldRelease,
} from './api-shapes.ts';

/** Validates a hold request. */
export const parseHoldCreate = (input: unknown): HoldCreate =>
  parseWith(holdCreateSchema, input, 'legal hold');
/** Validates an extension. */
export const parseHoldExtend = (input: unknown): HoldExtend =>
  parseWith(holdExtendSchema, input, 'legal hold extension');
/** Validates a release. */
export const parseHoldRelease = (input: unknown): HoldRelease =>
  parseWith(holdReleaseSchema, input, 'legal hold release');
