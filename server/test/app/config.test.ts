import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  ConfigError,
  databaseOptionsOf,
  loadConfig,
  parseConfigText,
  type Config,
} from '../../src/app/config.ts';

const EXAMPLE = fileURLToPath(new URL('../../../config/vedetta.example.yaml', import.meta.url));
const VEDETTA = fileURLToPath(new URL('../../bin/vedetta.mjs', import.meta.url));

function leafKeys(value: unknown, prefix = ''): string[] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => leafKeys(v, prefix ? `${prefix}.${k}` : k));
}

function problem(yaml: string): string {
  try {
    parseConfigText(yaml, 'test.yaml');
  } catch (e) {
    if (e instanceof ConfigError) return e.message;
    throw e;
  }
  throw new Error('expected a ConfigError');
}

describe('configuration', () => {
  it('loads the commented example, which documents every key', () => {
    const config = loadConfig(EXAMPLE);
    expect(config.storage.path).toBe('/var/lib/vedetta');
    expect(config.server.port).toBe(8080);
    const text = readFileSync(EXAMPLE, 'utf8');
    const withEveryKey: Config = {
      ...config,
      database: { ...config.database, path: '/x', url: 'env:X' },
      server: { ...config.server, tls: { certFile: '/c', keyFile: '/k' } },
    };
    for (const key of leafKeys(withEveryKey)) {
      const last = key.split('.').pop() ?? key;
      expect(text, `example documents ${key}`).toMatch(new RegExp(`^\\s*#?\\s*${last}:`, 'm'));
    }
  });

  it('fills defaults from a minimal file', () => {
    const config = parseConfigText('storage:\n  path: /srv/vedetta\n');
    expect(config.auth.session).toEqual({ idleMinutes: 30, absoluteHours: 12 });
    expect(config.recording.readBatchMs).toBe(250);
    expect(databaseOptionsOf(config)).toEqual({
      kind: 'sqlite',
      path: '/srv/vedetta/vedetta.sqlite',
    });
  });

  it('names the bad key and why', () => {
    expect(problem('storage:\n  path: relative/dir\n')).toBe(
      'configuration test.yaml: storage.path: must be an absolute path',
    );
    expect(problem('server:\n  port: 8080\n')).toMatch(/storage: is required/);
    expect(problem('storage: { path: /s }\nsite: { timeZone: Europe/Atlantide }\n')).toBe(
      'configuration test.yaml: site.timeZone: must be an IANA time zone such as Europe/Rome',
    );
    expect(problem('storage: { path: /s }\nserver: { prot: 80 }\n')).toMatch(
      /server\.prot: unknown key/,
    );
    expect(problem('storage: { path: /s }\nserver: { port: 70000 }\n')).toMatch(
      /server\.port: must be at most 65535/,
    );
    expect(problem('storage: { path: /s }\nrecording: { readBatchMs: 5000 }\n')).toMatch(
      /recording\.readBatchMs: must be at most 1000/,
    );
    expect(problem('storage: { path: /s }\nlog: { level: loud }\n')).toMatch(
      /log\.level: must be one of/,
    );
    expect(problem('storage: { path: /s }\ndatabase: { kind: postgres }\n')).toMatch(
      /database\.url: is required when kind is postgres/,
    );
    expect(
      problem('storage: { path: /s }\ndatabase: { kind: postgres, url: "postgres://u:pw@h/db" }\n'),
    ).toMatch(/database\.url: must not contain a password/);
    expect(problem('storage: { path: /s }\nstorage: { path: /t }\n')).toMatch(/YAML/);
    expect(
      problem(
        'storage: { path: /s }\nauth: { failedLogin: { delayMinMs: 900, delayMaxMs: 100 } }\n',
      ),
    ).toMatch(/auth\.failedLogin\.delayMaxMs: must be at least delayMinMs/);
  });

  it('resolves the database URL from a secret reference, naming the key when unset', () => {
    const config = parseConfigText(
      'storage: { path: /s }\ndatabase: { kind: postgres, url: "env:VEDETTA_TEST_DB_URL" }\n',
    );
    expect(() => databaseOptionsOf(config, { env: {} })).toThrow(
      /database\.url: environment variable VEDETTA_TEST_DB_URL is not set/,
    );
    expect(
      databaseOptionsOf(config, { env: { VEDETTA_TEST_DB_URL: 'postgres://v:s3cret-pw@h/db' } }),
    ).toEqual({ kind: 'postgres', url: 'postgres://v:s3cret-pw@h/db' });
  });

  it('makes `vedetta serve --config BAD` exit non-zero, naming the key, without starting', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vedetta-'));
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'storage:\n  path: not/absolute\nserver:\n  port: 0\n');
    const run = spawnSync(process.execPath, [VEDETTA, 'serve', '--config', bad], {
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(run.status).not.toBe(0);
    expect(run.status).not.toBeNull();
    expect(run.stderr).toContain('storage.path: must be an absolute path');
    expect(run.stdout).not.toMatch(/started/);
  });
});
