/**
 * Loads the one configuration file (YAML), validates it against `configSchema` and turns secret
 * references into values. Any problem is a `ConfigError` that names the key and why
 * (`storage.path: must be an absolute path`); nothing starts half-configured.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { AppError, isAppError } from './errors.ts';
import { configSchema, type Config } from './config-schema.ts';
import { resolveSecretRef, type SecretSources } from './secrets.ts';
import { describeIssues, issuesText, type ValidationIssue } from './validation.ts';

export type { Config, SessionConfig, FailedLoginConfig } from './config-schema.ts';

/** Which database to open. */
export type DatabaseOptions =
  | { kind: 'sqlite'; /** File path, or `:memory:`. */ path: string }
  | { kind: 'postgres'; /** `postgres://user@host:port/db`. */ url: string; poolSize?: number };

/** A configuration that cannot be used: every issue names its key. */
export class ConfigError extends AppError {
  readonly issues: readonly ValidationIssue[];

  constructor(source: string, issues: readonly ValidationIssue[]) {
    super('invalid_argument', `configuration ${source}: ${issuesText(issues)}`, { issues });
    this.name = 'ConfigError';
    this.issues = issues;
  }
}

/** Validates an already-parsed configuration object (`source` names it in messages). */
export function parseConfig(raw: unknown, source = 'configuration'): Config {
  const result = configSchema.safeParse(raw ?? {});
  if (!result.success) throw new ConfigError(source, describeIssues(result.error.issues));
  return result.data;
}

/** Parses YAML text into a validated configuration. */
export function parseConfigText(text: string, source = 'configuration'): Config {
  const doc = parseDocument(text, { uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new ConfigError(
      source,
      doc.errors.map((e) => ({
        path: '',
        message: `YAML syntax: ${e.message.split('\n')[0] ?? ''}`,
      })),
    );
  }
  return parseConfig(doc.toJS(), source);
}

/** Reads and validates the configuration file at `path`, and checks that its secrets resolve. */
export function loadConfig(path: string, sources: SecretSources = {}): Config {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new ConfigError(path, [
      { path: '', message: `cannot read file (${(e as Error).message})` },
    ]);
  }
  const config = parseConfigText(text, path);
  databaseOptionsOf(config, sources, path);
  return config;
}

/**
 * How to open the database this configuration names. Resolves `database.url` when it is a
 * secret reference; a reference that does not resolve is a `ConfigError` naming the key.
 */
export function databaseOptionsOf(
  config: Config,
  sources: SecretSources = {},
  source = 'configuration',
): DatabaseOptions {
  const db = config.database;
  if (db.kind === 'sqlite') {
    return { kind: 'sqlite', path: db.path ?? join(config.storage.path, 'vedetta.sqlite') };
  }
  const url = db.url ?? '';
  if (!url.startsWith('env:') && !url.startsWith('file:')) return { kind: 'postgres', url };
  try {
    return { kind: 'postgres', url: resolveSecretRef(url, sources) };
  } catch (e) {
    if (isAppError(e))
      throw new ConfigError(source, [{ path: 'database.url', message: e.message }]);
    throw e;
  }
}
