/**
 * Secret references. A secret (a database password, a camera's credentials, a key) is never
 * written in the configuration or the database: they hold a reference, `env:NAME` (an
 * environment variable) or `file:/absolute/path` (a file whose content, trimmed, is the secret).
 * Resolving a reference registers the value with the logger, so that it never reaches a log line.
 */
import { readFileSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import { AppError } from './errors.ts';
import { registerSecret } from './logger.ts';

/** A reference to a secret: `env:NAME` or `file:/absolute/path`. */
export type SecretRef = `env:${string}` | `file:${string}`;

const ENV_REF = /^env:[A-Za-z_][A-Za-z0-9_]*$/;

/** Why `value` is not a valid secret reference, or `undefined` when it is one. */
export function secretRefProblem(value: string): string | undefined {
  if (value.startsWith('env:')) {
    return ENV_REF.test(value) ? undefined : 'env: must be followed by a variable name';
  }
  if (value.startsWith('file:')) {
    return isAbsolute(value.slice(5)) ? undefined : 'file: must be followed by an absolute path';
  }
  return 'must be a secret reference: env:NAME or file:/absolute/path';
}

/** Where secrets are read from; tests pass their own environment. */
export interface SecretSources {
  env?: NodeJS.ProcessEnv;
}

/**
 * Reads the secret a reference points to and registers it for log redaction. Throws
 * `invalid_argument` (naming the reference, never the value) when it is malformed, unset or
 * unreadable.
 */
export function resolveSecretRef(ref: string, sources: SecretSources = {}): string {
  const problem = secretRefProblem(ref);
  if (problem !== undefined) throw new AppError('invalid_argument', `secret reference: ${problem}`);
  let value: string;
  if (ref.startsWith('env:')) {
    const name = ref.slice(4);
    const v = (sources.env ?? process.env)[name];
    if (v === undefined || v === '') {
      throw new AppError('invalid_argument', `environment variable ${name} is not set`, { ref });
    }
    value = v;
  } else {
    const path = ref.slice(5);
    try {
      value = readFileSync(path, 'utf8').trim();
    } catch (e) {
      throw new AppError('invalid_argument', `cannot read secret file ${path}`, { ref }, e);
    }
    if (value === '')
      throw new AppError('invalid_argument', `secret file ${path} is empty`, { ref });
  }
  registerSecret(value);
  return value;
}
