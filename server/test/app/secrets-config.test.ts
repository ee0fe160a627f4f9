/**
 * `secrets.directory`: where `file:` references stored in the database may point (default
 * `<storage.path>/secrets`), validated like every key; references in the configuration file
 * itself (the administrator's, e.g. `database.url`) are not confined to it.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, databaseOptionsOf, parseConfigText } from '../../src/app/config.ts';

describe('secrets.directory', () => {
  it('defaults to <storage.path>/secrets and accepts an absolute path', () => {
    expect(parseConfigText('storage: { path: /srv/v }\n').secrets.directory).toBe('/srv/v/secrets');
    expect(
      parseConfigText('storage: { path: /srv/v }\nsecrets: { directory: /etc/vedetta/s }\n').secrets
        .directory,
    ).toBe('/etc/vedetta/s');
  });

  it('names the key when it is not an absolute path', () => {
    expect(() =>
      parseConfigText('storage: { path: /srv/v }\nsecrets: { directory: rel/s }\n', 't.yaml'),
    ).toThrow(
      new ConfigError('t.yaml', [
        { path: 'secrets.directory', message: 'must be an absolute path' },
      ]).message,
    );
  });

  it('leaves file: references of the configuration file itself unconfined', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vedetta-cfg-'));
    const file = join(dir, 'db-url');
    writeFileSync(file, 'postgres://vedetta@db.example/vedetta\n');
    const config = parseConfigText(
      `storage: { path: /srv/v }\ndatabase: { kind: postgres, url: "file:${file}" }\n`,
    );
    expect(databaseOptionsOf(config)).toEqual({
      kind: 'postgres',
      url: 'postgres://vedetta@db.example/vedetta',
    });
  });
});
