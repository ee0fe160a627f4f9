import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/io.ts';
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

describe('vedetta user add', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('refuses a weak password or one containing the username, and takes a strong one', async () => {
    const data = mkdtempSync(join(tmpdir(), 'vedetta-'));
    dirs.push(data);
    const add = (password: string) =>
      vedetta(
        ['user', 'add', 'Bianchi', '--role', 'operator', '--password-stdin', '--data', data],
        `${password}\n`,
      );
    const weak = await add('aaaaaaaaaa');
    expect(weak.status).toBe(1);
    expect(weak.err).toMatch(/password: is too easy to guess/);
    const named = await add('bianchi-vetrata-molo');
    expect(named.status).toBe(1);
    expect(named.err).toMatch(/password: must not contain the username/);
    expect(await add('gabbiano vetrata ottobre molo')).toMatchObject({
      status: 0,
      out: 'user bianchi created (role operator, agency polizia-municipale)',
    });
  });
});
