import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/io.ts';
import { installationConfig, openInstallationDb } from '../../src/cli/installation.ts';
import { runCli } from '../../src/cli/run.ts';

/** Runs a command line in-process with the given standard input; returns status and output. */
async function vedetta(argv: string[], stdin = '') {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    readStdin: () => Promise.resolve(stdin),
    stopSignal: () => new Promise(() => undefined),
  };
  const status = await runCli(argv, io);
  return { status, out: out.join('\n'), err: err.join('\n') };
}

describe('vedetta commands', () => {
  const dirs: string[] = [];
  const dataDir = () => {
    const d = mkdtempSync(join(tmpdir(), 'vedetta-'));
    dirs.push(d);
    return d;
  };
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('answers a malformed command line with a usage error and status 2', async () => {
    for (const argv of [
      [],
      ['fly'],
      ['demo', '--colour', 'red'],
      ['demo', '--port', 'eighty'],
      ['serve'],
      ['db', 'rollback'],
      ['user', 'add', 'rossi', '--role', 'operator', '--data', '/tmp/x'],
      ['user', 'add', '--role', 'operator', '--password-stdin', '--data', '/tmp/x'],
      ['camera', 'list'],
      ['camera', 'list', '--data', '/a', '--config', '/b'],
    ]) {
      const r = await vedetta(argv);
      expect(r.status, argv.join(' ')).toBe(2);
      expect(r.err, argv.join(' ')).toMatch(/^vedetta: .+\nusage: vedetta/);
    }
  });

  it('migrates, adds a user from stdin, and manages cameras in a data folder', async () => {
    const data = dataDir();
    expect(await vedetta(['db', 'migrate', '--data', data])).toMatchObject({
      status: 0,
      out: expect.stringMatching(/applied: 0001-foundation/) as unknown,
    });
    expect((await vedetta(['db', 'migrate', '--data', data])).out).toBe('database is up to date');

    const short = await vedetta(
      ['user', 'add', 'rossi', '--role', 'operator', '--password-stdin', '--data', data],
      'short\n',
    );
    expect(short.status).toBe(1);
    expect(short.err).toMatch(/password: must be at least 10 characters/);
    const added = await vedetta(
      ['user', 'add', 'Rossi', '--role', 'supervisor', '--password-stdin', '--data', data],
      'a long enough password\n',
    );
    expect(added).toMatchObject({
      status: 0,
      out: 'user rossi created (role supervisor, agency polizia-municipale)',
    });
    const badRole = await vedetta(
      ['user', 'add', 'bianchi', '--role', 'sheriff', '--password-stdin', '--data', data],
      'a long enough password\n',
    );
    expect(badRole.status).toBe(1);
    expect(badRole.err).toMatch(/role/);

    const file = join(data, 'cam.json');
    writeFileSync(
      file,
      JSON.stringify({
        id: 'cam-042',
        name: 'Piazza Brin',
        streams: { main: 'rtsp://10.0.0.42/main' },
        location: { latitude: 44.1092, longitude: 9.8244, district: 'Umbertino' },
      }),
    );
    expect((await vedetta(['camera', 'add', '--file', file, '--data', data])).out).toBe(
      'camera cam-042 added (Piazza Brin)',
    );
    const fromStdin = await vedetta(
      ['camera', 'add', '--data', data],
      JSON.stringify({
        name: 'X',
        streams: { main: 'rtsp://u:p@h/s' },
        location: { latitude: 1, longitude: 2 },
      }),
    );
    expect(fromStdin.status).toBe(1);
    expect(fromStdin.err).toMatch(/streams\.main: must not contain credentials/);
    expect((await vedetta(['camera', 'list', '--data', data])).out).toMatch(
      /^cam-042\ton \tUmbertino\tPiazza Brin$/,
    );
    const patched = await vedetta(
      ['camera', 'patch', 'cam-042', '--data', data],
      JSON.stringify({ enabled: false }),
    );
    expect(patched.status).toBe(0);
    const shown = JSON.parse(
      (await vedetta(['camera', 'show', 'cam-042', '--data', data])).out,
    ) as {
      enabled: boolean;
    };
    expect(shown.enabled).toBe(false);
    expect((await vedetta(['camera', 'remove', 'cam-042', '--data', data])).status).toBe(0);
    const missing = await vedetta(['camera', 'remove', 'cam-042', '--data', data]);
    expect(missing).toMatchObject({ status: 1, err: 'vedetta: camera cam-042 not found' });

    // Every change made from the command line is in the audit trail, which still verifies.
    const config = installationConfig('test', { data });
    const db = await openInstallationDb(config);
    try {
      const entries = await db
        .selectFrom('audit_entries')
        .select(['action', 'resource', 'username', 'source_address'])
        .orderBy('seq')
        .execute();
      expect(entries.map((e) => `${e.action} ${e.resource}`)).toEqual([
        `user.create ${entries[0]?.resource ?? ''}`,
        'camera.create camera:cam-042',
        'camera.update camera:cam-042',
        'camera.delete camera:cam-042',
      ]);
      expect(entries[0]?.resource).toMatch(/^user:/);
      expect(
        entries.every((e) => e.username?.startsWith('cli:') && e.source_address === 'local-cli'),
      ).toBe(true);
    } finally {
      await db.destroy();
    }
    expect((await vedetta(['audit', 'verify', '--data', data])).status).toBe(0);
  });

  it('reports a malformed configuration naming the key, with status 1', async () => {
    const dir = dataDir();
    const config = join(dir, 'vedetta.yaml');
    writeFileSync(config, 'storage:\n  path: /srv/v\nserver:\n  port: -1\n');
    const r = await vedetta(['db', 'migrate', '--config', config]);
    expect(r.status).toBe(1);
    expect(r.err).toBe(`vedetta: configuration ${config}: server.port: must be at least 0`);
  });
});
