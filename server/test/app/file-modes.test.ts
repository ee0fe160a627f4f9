/**
 * What Vedetta writes is not for other users of the machine: started on a fresh folder, the data
 * folder is 0750, the secrets folder 0700 and the SQLite database with its -wal and -shm files
 * 0600; started on a folder or database someone opened up, it warns naming the path.
 */
import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/app/config.ts';
import { createLogger } from '../../src/app/logger.ts';
import { startVedetta, type Vedetta } from '../../src/compose/start.ts';

const modeOf = (path: string) => statSync(path).mode & 0o777;

const running: Vedetta[] = [];
const dirs: string[] = [];

afterEach(async () => {
  await Promise.all(running.splice(0).map((v) => v.close()));
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** Starts Vedetta on `data`, collecting its warnings. */
async function start(
  data: string,
): Promise<{ vedetta: Vedetta; warnings: Record<string, unknown>[] }> {
  const warnings: Record<string, unknown>[] = [];
  const logger = createLogger({
    level: 'warn',
    destination: {
      write: (line: string) => void warnings.push(JSON.parse(line) as Record<string, unknown>),
    },
  });
  const config = parseConfig({
    storage: { path: data },
    server: { host: '127.0.0.1', port: 0 },
    log: { level: 'warn' },
  });
  const vedetta = await startVedetta({ config, logger, env: {} });
  running.push(vedetta);
  return { vedetta, warnings };
}

const looseWarnings = (warnings: Record<string, unknown>[]) =>
  warnings.filter((w) => String(w['msg']).includes('open to other users'));

describe('file modes at start', () => {
  it('creates the data folder 0750, the secrets folder 0700 and the database files 0600', async () => {
    const root = mkdtempSync(join(tmpdir(), 'vedetta-modes-'));
    dirs.push(root);
    const data = join(root, 'data');
    const { vedetta, warnings } = await start(data);
    const db = join(data, 'vedetta.sqlite');
    expect(modeOf(data).toString(8)).toBe('750');
    expect(modeOf(join(data, 'secrets')).toString(8)).toBe('700');
    for (const file of [db, `${db}-wal`, `${db}-shm`]) {
      expect(modeOf(file).toString(8), file).toBe('600');
    }
    // Whatever else start-up wrote (keys, recordings) is not for other users either.
    await vedetta.services.audit.flush();
    for (const name of ['keys', 'recordings']) {
      const path = join(data, name);
      let mode: number | undefined;
      try {
        mode = modeOf(path);
      } catch {
        continue;
      }
      expect(mode & 0o007, path).toBe(0);
    }
    expect(looseWarnings(warnings)).toEqual([]);
  });

  it('warns when the data folder or a database file is open to other users', async () => {
    const root = mkdtempSync(join(tmpdir(), 'vedetta-modes-'));
    dirs.push(root);
    const data = join(root, 'data');
    mkdirSync(data);
    chmodSync(data, 0o755);
    const first = await start(data);
    await first.vedetta.close();
    running.splice(0);
    const db = join(data, 'vedetta.sqlite');
    chmodSync(db, 0o644);

    const { warnings } = await start(data);
    const loose = looseWarnings(warnings);
    expect(loose.map((w) => [w['path'], w['mode'], w['expected']])).toEqual([
      [data, '0755', '0750'],
      [db, '0644', '0600'],
      // SQLite gives the write-ahead log and its index the database's mode.
      [`${db}-wal`, '0644', '0600'],
      [`${db}-shm`, '0644', '0600'],
    ]);
    expect(String(loose[0]?.['msg'])).toMatch(/data folder \(storage\.path\)/);
    expect(String(loose[1]?.['msg'])).toMatch(/database file/);
    // Vedetta says so; it does not change a mode someone chose.
    expect(modeOf(data).toString(8)).toBe('755');
  });
});
