/**
 * Turns zod validation issues into short messages that name the offending key, in the form
 * `location.latitude: must be at most 90`. Used by the configuration loader and the HTTP layer,
 * so that every malformed input gets the same kind of answer.
 */
import type { z } from 'zod';
import { invalidArgument } from './errors.ts';

/** One problem with an input: the dotted path of the key and what is wrong with it. */
export interface ValidationIssue {
  path: string;
  message: string;
}

type ZodIssue = z.core.$ZodIssue;

// Our own schema messages start in lower case ("must be an absolute path"); zod's defaults start
// with one of these and are rewritten into the same style.
const DEFAULT_MESSAGE = /^(Invalid|Too big|Too small|Unrecognized key|Expected)/;

function joinPath(path: readonly PropertyKey[]): string {
  return path
    .map((p) => (typeof p === 'number' ? `[${p}]` : String(p)))
    .join('.')
    .replace(/\.\[/g, '[');
}

function friendly(issue: ZodIssue): string {
  if (!DEFAULT_MESSAGE.test(issue.message)) return issue.message;
  switch (issue.code) {
    case 'invalid_type':
      return issue.message.endsWith('received undefined')
        ? 'is required'
        : `must be ${article(issue.expected)}`;
    case 'too_big':
      return issue.origin === 'string'
        ? `must be at most ${String(issue.maximum)} characters`
        : issue.origin === 'array'
          ? `must have at most ${String(issue.maximum)} items`
          : `must be at most ${String(issue.maximum)}`;
    case 'too_small':
      return issue.origin === 'string'
        ? Number(issue.minimum) === 1
          ? 'must not be empty'
          : `must be at least ${String(issue.minimum)} characters`
        : issue.origin === 'array'
          ? `must have at least ${String(issue.minimum)} items`
          : `must be at least ${String(issue.minimum)}`;
    case 'invalid_value':
      return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'invalid_format':
      return `must be a valid ${issue.format}`;
    default:
      return issue.message;
  }
}

function article(expected: string): string {
  return /^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`;
}

/** Flattens zod issues into `{ path, message }` pairs; unknown keys become one pair each. */
export function describeIssues(issues: readonly ZodIssue[]): ValidationIssue[] {
  const out: ValidationIssue[] = [];
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        out.push({ path: joinPath([...issue.path, key]), message: 'unknown key' });
      }
    } else {
      out.push({ path: joinPath(issue.path), message: friendly(issue) });
    }
  }
  return out;
}

/** One line for a list of issues: `name: is required; location.latitude: must be at most 90`. */
export function issuesText(issues: readonly ValidationIssue[]): string {
  return issues.map((i) => (i.path === '' ? i.message : `${i.path}: ${i.message}`)).join('; ');
}

/**
 * Parses untrusted input with a zod schema; throws `invalid_argument` naming every bad key
 * (`invalid camera: location.latitude: must be at most 90`), with the issues as details.
 */
export function parseWith<T>(schema: z.ZodType<T>, input: unknown, what: string): T {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issues = describeIssues(result.error.issues);
  throw invalidArgument(`invalid ${what}: ${issuesText(issues)}`, { issues });
}
