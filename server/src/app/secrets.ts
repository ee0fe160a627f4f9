/**
 * Secret references. A secret (a database password, a camera's credentials, a key) is never
 * written in the configuration or the database: they hold a reference, `env:NAME` (an
 * environment variable) or `file:/absolute/path` (a file whose content, trimmed, is the secret).
 * Resolving a reference registers the value with the logger, so that it never reaches a log line.
 *
 * Where a `file:` reference may point depends on who wrote it. References in the configuration
 * file (`database.url`, `metrics.token`) are the administrator's, who can read any file anyway:
 * they may name any path. References stored in the database (a camera's `credentialsRef`) can be
 * written by whoever holds `camera.manage` over the API, so they are confined to the secrets
 * directory (`secrets.directory`): resolved with every symbolic link followed, the file must lie
 * inside it, both when the reference is saved and each time it is read (`SecretSources.fileDirectory`).
 */
import { closeSync, constants, fstatSync, openSync, readFileSync, realpathSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { AppError } from './errors.ts';
import { registerSecret } from './logger.ts';

/** A reference to a secret: `env:NAME` or `file:/absolute/path`. */
export type SecretRef = `env:${string}` | `file:${string}`;

const ENV_REF = /^env:[A-Za-z_][A-Za-z0-9_]*$/;
/** A secret file larger than this is refused (a secret is a line, not a document). */
const MAX_SECRET_FILE_BYTES = 64 * 1024;

/** Where secrets are read from; tests pass their own environment. */
export interface SecretSources {
  env?: NodeJS.ProcessEnv;
  /**
   * When set, a `file:` reference must resolve, symbolic links followed, to a regular file inside
   * this directory; anything else is refused. Set for references read from the database; left
   * unset for the administrator's own configuration file.
   */
  fileDirectory?: string;
}

/**
 * The real path of `path` (symbolic links followed), also for a path that does not exist yet:
 * the real path of its deepest existing ancestor with the rest appended.
 */
function realPathOf(path: string): string {
  const absolute = resolve(path);
  try {
    return realpathSync(absolute);
  } catch {
    const parent = dirname(absolute);
    if (parent === absolute) return absolute;
    return join(realPathOf(parent), basename(absolute));
  }
}

/** True when `child` is strictly inside `dir` (both real paths). */
function isInside(dir: string, child: string): boolean {
  const rel = relative(dir, child);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

/**
 * Why `value` is not a valid secret reference, or `undefined` when it is one. With
 * `fileDirectory`, a `file:` reference must also resolve inside that directory (a file that does
 * not exist yet is judged by its real parent folder; it is checked again when read).
 */
export function secretRefProblem(
  value: string,
  limits: Pick<SecretSources, 'fileDirectory'> = {},
): string | undefined {
  if (value.startsWith('env:')) {
    return ENV_REF.test(value) ? undefined : 'env: must be followed by a variable name';
  }
  if (value.startsWith('file:')) {
    const path = value.slice(5);
    if (!isAbsolute(path)) return 'file: must be followed by an absolute path';
    const dir = limits.fileDirectory;
    if (dir !== undefined && !isInside(realPathOf(dir), realPathOf(path))) {
      return `file references must be inside ${dir}`;
    }
    return undefined;
  }
  return 'must be a secret reference: env:NAME or file:/absolute/path';
}

/**
 * Reads a secret file confined to `dir`: the real path must be inside the directory's real path
 * and be a regular file; it is opened without following a link in its last component, so that a
 * link swapped in after the check is not followed either.
 */
function readConfinedFile(path: string, dir: string, ref: string): string {
  let real: string;
  try {
    real = realpathSync(path);
  } catch (e) {
    throw new AppError('invalid_argument', `cannot read secret file ${path}`, { ref }, e);
  }
  if (!isInside(realPathOf(dir), real)) {
    throw new AppError('invalid_argument', `secret file ${path} is not inside ${dir}`, { ref });
  }
  let fd: number;
  try {
    fd = openSync(real, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
  } catch (e) {
    throw new AppError('invalid_argument', `cannot read secret file ${path}`, { ref }, e);
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile() || stat.size > MAX_SECRET_FILE_BYTES) {
      throw new AppError(
        'invalid_argument',
        `secret file ${path} is not a regular file of at most ${MAX_SECRET_FILE_BYTES} bytes`,
        { ref },
      );
    }
    return readFileSync(fd, 'utf8');
  } finally {
    closeSync(fd);
  }
}

/**
 * Reads the secret a reference points to and registers it for log redaction. Throws
 * `invalid_argument` (naming the reference, never the value) when it is malformed, unset,
 * unreadable, or (with `sources.fileDirectory`) a file outside the secrets directory.
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
    if (sources.fileDirectory !== undefined) {
      value = readConfinedFile(path, sources.fileDirectory, ref).trim();
    } else {
      try {
        value = readFileSync(path, 'utf8').trim();
      } catch (e) {
        throw new AppError('invalid_argument', `cannot read secret file ${path}`, { ref }, e);
      }
    }
    if (value === '')
      throw new AppError('invalid_argument', `secret file ${path} is empty`, { ref });
  }
  registerSecret(value);
  return value;
}
