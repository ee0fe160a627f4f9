import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  loadOrCreateInstallationKey,
  parseFingerprint,
  publicKeyFromPem,
  PRIVATE_KEY_FILE,
  PUBLIC_KEY_FILE,
} from './installation-key.ts';

describe('installation key', () => {
  it('is created once, kept private, and loaded again unchanged', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'vedetta-key-')), 'keys');
    const first = loadOrCreateInstallationKey(dir);
    expect(statSync(join(dir, PRIVATE_KEY_FILE)).mode & 0o777).toBe(0o600);
    const again = loadOrCreateInstallationKey(dir);
    expect(again.fingerprint).toBe(first.fingerprint);
    expect(again.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(readFileSync(join(dir, PUBLIC_KEY_FILE), 'utf8')).toBe(first.publicKeyPem);
  });

  it('signs so that the public key alone verifies, and a changed byte does not', () => {
    const key = loadOrCreateInstallationKey(mkdtempSync(join(tmpdir(), 'vedetta-key-')));
    const data = Buffer.from('segment sha256 and range');
    const sig = key.sign(data);
    expect(sig.length).toBe(64);
    const pub = publicKeyFromPem(key.publicKeyPem);
    expect(pub.fingerprint).toBe(key.fingerprint);
    expect(pub.verify(data, sig)).toBe(true);
    const changed = Buffer.from(data);
    changed[0] = (changed[0] ?? 0) ^ 1;
    expect(pub.verify(changed, sig)).toBe(false);
  });

  it('produces signatures that openssl verifies', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vedetta-key-'));
    const key = loadOrCreateInstallationKey(dir);
    const data = Buffer.from('{"manifest":true}\n');
    writeFileSync(join(dir, 'data'), data);
    writeFileSync(join(dir, 'sig'), key.sign(data));
    const out = execFileSync('openssl', [
      'pkeyutl',
      '-verify',
      '-pubin',
      '-inkey',
      join(dir, PUBLIC_KEY_FILE),
      '-rawin',
      '-in',
      join(dir, 'data'),
      '-sigfile',
      join(dir, 'sig'),
    ]).toString();
    expect(out).toMatch(/Signature Verified Successfully/);
  });

  it('reads a fingerprint as pasted (case, colons, spaces) and refuses what is not one', () => {
    const fp = 'ab'.repeat(32);
    expect(parseFingerprint(fp)).toBe(fp);
    expect(parseFingerprint(` ${fp.toUpperCase().match(/../g)?.join(':') ?? ''}\n`)).toBe(fp);
    expect(parseFingerprint(fp.slice(2))).toBeUndefined();
    expect(parseFingerprint(`${fp.slice(2)}zz`)).toBeUndefined();
  });

  it('refuses a public key that is not Ed25519 or not PEM', () => {
    expect(() => publicKeyFromPem('hello')).toThrow(/not a PEM public key/);
  });
});
