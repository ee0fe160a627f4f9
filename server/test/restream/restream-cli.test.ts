/**
 * `vedetta restream account add|list|disable` in a data folder: the password from standard
 * input (stored as Digest HA1 only), clear errors, usage errors with status 2, and the audit.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/io.ts';
import { installationConfig, openInstallationDb } from '../../src/cli/installation.ts';
import { runCli } from '../../src/cli/run.ts';

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

const PASSWORD = 'Tre tigri contro tre tigri 2026';

describe('vedetta restream account', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('adds, lists and disables service accounts, audited', async () => {
    const data = mkdtempSync(join(tmpdir(), 'vedetta-'));
    dirs.push(data);
    expect((await vedetta(['db', 'migrate', '--data', data])).status).toBe(0);
    expect(
      (await vedetta(['agency', 'add', 'carabinieri', '--name', 'Carabinieri', '--data', data]))
        .status,
    ).toBe(0);
    const add = ['restream', 'account', 'add', 'cc-milestone', '--agency', 'carabinieri'];
    expect(
      await vedetta([...add, '--password-stdin', '--data', data], `${PASSWORD}\n`),
    ).toMatchObject({
      status: 0,
      out: 'restream account cc-milestone created (agency carabinieri)',
    });
    const again = await vedetta([...add, '--password-stdin', '--data', data], `${PASSWORD}\n`);
    expect(again).toMatchObject({
      status: 1,
      err: 'vedetta: restream account cc-milestone already exists',
    });
    const noAgency = await vedetta(
      [
        'restream',
        'account',
        'add',
        'x-vms',
        '--agency',
        'nessuno',
        '--password-stdin',
        '--data',
        data,
      ],
      `${PASSWORD}\n`,
    );
    expect(noAgency).toMatchObject({
      status: 1,
      err: 'vedetta: restream account agency: no agency nessuno',
    });
    const weak = await vedetta(
      [
        'restream',
        'account',
        'add',
        'y-vms',
        '--agency',
        'carabinieri',
        '--password-stdin',
        '--data',
        data,
      ],
      'short\n',
    );
    expect(weak.status).toBe(1);
    expect(weak.err).toMatch(/password refused: too_short/);
    const badName = await vedetta(
      [
        'restream',
        'account',
        'add',
        'Bad Name!',
        '--agency',
        'carabinieri',
        '--password-stdin',
        '--data',
        data,
      ],
      `${PASSWORD}\n`,
    );
    expect(badName.err).toMatch(/restream account name: 1 to 64 of a-z/);

    expect(await vedetta(['restream', 'account', 'list', '--data', data])).toMatchObject({
      status: 0,
      out: 'cc-milestone\tcarabinieri\tenabled',
    });
    expect(
      await vedetta(['restream', 'account', 'disable', 'cc-milestone', '--data', data]),
    ).toMatchObject({
      status: 0,
    });
    expect((await vedetta(['restream', 'account', 'list', '--data', data])).out).toMatch(
      /^cc-milestone\tcarabinieri\tdisabled \d{4}-/,
    );
    expect((await vedetta(['restream', 'account', 'disable', 'nobody', '--data', data])).err).toBe(
      'vedetta: restream account nobody not found',
    );

    // Never the password: HA1 for the realm; and both changes are in the audit trail.
    const db = await openInstallationDb(installationConfig('test', { data }));
    try {
      const row = await db.selectFrom('restream_accounts').selectAll().executeTakeFirstOrThrow();
      expect(row.digest_ha1).toMatch(/^[0-9a-f]{32}$/);
      expect(JSON.stringify(row)).not.toContain(PASSWORD);
      const actions = await db
        .selectFrom('audit_entries')
        .select(['action', 'resource'])
        .where('action', 'like', 'restream.%')
        .orderBy('seq')
        .execute();
      expect(actions.map((a) => a.action)).toEqual([
        'restream.account_create',
        'restream.account_disable',
      ]);
    } finally {
      await db.destroy();
    }
    expect(readFileSync(join(data, 'vedetta.sqlite')).includes(Buffer.from(PASSWORD))).toBe(false);
  });

  it('answers a malformed command line with the usage and status 2', async () => {
    for (const argv of [
      ['restream'],
      ['restream', 'accounts', 'list', '--data', '/tmp/x'],
      ['restream', 'account', 'remove', 'x', '--data', '/tmp/x'],
      ['restream', 'account', 'add', 'x', '--agency', 'cc', '--data', '/tmp/x'],
      ['restream', 'account', 'add', 'x', '--password-stdin', '--data', '/tmp/x'],
      ['restream', 'account', 'disable', '--data', '/tmp/x'],
      ['restream', 'account', 'list'],
    ]) {
      const r = await vedetta(argv);
      expect(r.status, argv.join(' ')).toBe(2);
      expect(r.err, argv.join(' ')).toMatch(/^vedetta: .+\nusage: vedetta/);
    }
  });
});
