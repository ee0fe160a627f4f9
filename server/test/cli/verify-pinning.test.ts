/**
 * `vedetta verify` and key pinning: a package is VERIFIED (status 0) only against a key pinned
 * from outside the package — `--public-key FILE` or `--fingerprint HEX` (the fingerprint the
 * installation publishes). Without a pin, a package whose signatures hold is not called verified:
 * status 2 and the key's fingerprint to compare, for a package fully re-signed with another key
 * (another installation's) as for the genuine one. A pin that does not match fails (status 1).
 */
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/io.ts';
import { runCli } from '../../src/cli/run.ts';
import { verifyPackage } from '../../src/export/verify/verify-package.ts';
import {
  recordAndExport,
  tempInstallation,
  type Installation,
} from '../e2e/playback-export-fixtures.ts';

const run = promisify(execFile);
const T0 = Date.UTC(2026, 2, 1, 10, 0, 0);
const UNPINNED = "which is not pinned: compare it with the installation's published fingerprint";

/** Runs `vedetta` in-process; returns status and output. */
async function vedetta(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    readStdin: () => Promise.resolve(''),
    stopSignal: () => new Promise(() => undefined),
  };
  const status = await runCli(argv, io);
  return { status, out: out.join('\n'), err: err.join('\n'), all: [...out, ...err].join('\n') };
}

/** An installation that recorded 30 s of cam-001 and exported part of it. */
async function exported(name: string): Promise<{ inst: Installation; zip: string; pem: string }> {
  const inst = await tempInstallation();
  const zip = await recordAndExport(inst, name, T0);
  const pem = path.join(inst.dir, 'published-key.pem');
  writeFileSync(pem, inst.key.publicKeyPem);
  return { inst, zip, pem };
}

describe('vedetta verify: key pinning', () => {
  let genuine: Awaited<ReturnType<typeof exported>>;
  let forged: Awaited<ReturnType<typeof exported>>;

  beforeAll(async () => {
    genuine = await exported('genuine');
    // The forger's own installation: every signature in its package (recorder statements,
    // SHA256SUMS, manifest) is made with its key, and its public-key.pem is that key.
    forged = await exported('forged');
    expect(forged.inst.key.fingerprint).not.toBe(genuine.inst.key.fingerprint);
  });

  afterAll(async () => {
    await genuine.inst.db.destroy();
    await forged.inst.db.destroy();
  });

  it('without a pin, does not say VERIFIED: status 2 and the fingerprint to compare', async () => {
    for (const p of [genuine, forged]) {
      const r = await vedetta(['verify', p.zip]);
      expect(r.status, r.all).toBe(2);
      expect(r.err).toContain(`signature valid for key ${p.inst.key.fingerprint}, ${UNPINNED}`);
      expect(r.all).not.toMatch(/VERIFIED/);
    }
    const report = await verifyPackage(forged.zip);
    expect(report.problems).toEqual([]);
    expect(report.pinned).toBe(false);
    expect(report.ok).toBe(false);
  });

  it('with the right --fingerprint, VERIFIED (status 0), however it is written', async () => {
    const fp = genuine.inst.key.fingerprint;
    for (const given of [fp, fp.toUpperCase().match(/../g)?.join(':') ?? '']) {
      const r = await vedetta(['verify', genuine.zip, '--fingerprint', given]);
      expect(r.status, r.all).toBe(0);
      expect(r.out).toMatch(/\nVERIFIED$/);
      expect(r.out).toContain(`key:     ${fp} (taken from the package, checked against`);
    }
  });

  it("with a --fingerprint that is not the package's key, fails (status 1)", async () => {
    const r = await vedetta(['verify', forged.zip, '--fingerprint', genuine.inst.key.fingerprint]);
    expect(r.status, r.all).toBe(1);
    expect(r.err).toContain(
      `FAILED:  public-key.pem: has fingerprint ${forged.inst.key.fingerprint}, not the pinned ${genuine.inst.key.fingerprint}`,
    );
    expect(r.out).toMatch(/NOT VERIFIED: 1 problem\(s\)$/);
    const bad = await vedetta(['verify', genuine.zip, '--fingerprint', 'abc']);
    expect(bad.status).toBe(2);
    expect(bad.err).toMatch(/--fingerprint must be a SHA-256 fingerprint/);
  });

  it('with --public-key, as before: the right key verifies, another fails', async () => {
    const ok = await vedetta(['verify', genuine.zip, '--public-key', genuine.pem]);
    expect(ok.status, ok.all).toBe(0);
    expect(ok.out).toMatch(/\nVERIFIED$/);
    const bad = await vedetta(['verify', forged.zip, '--public-key', genuine.pem]);
    expect(bad.status, bad.all).toBe(1);
    expect(bad.err).toContain('FAILED:  public-key.pem: is not the public key given');
  });

  it('the real command without a pin exits 2 naming the key', async () => {
    const res = await run('node', ['server/bin/vedetta.mjs', 'verify', forged.zip]).then(
      () => ({ code: 0, stdout: '', stderr: '' }),
      (e: { code: number; stdout: string; stderr: string }) => e,
    );
    expect(res.code).toBe(2);
    expect(res.stderr).toContain(`signature valid for key ${forged.inst.key.fingerprint}`);
    expect(res.stdout + res.stderr).not.toMatch(/VERIFIED/);
  });
});
