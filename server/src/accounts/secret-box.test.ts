import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadOrCreateInstallationKey } from '../keys/index.ts';
import { open, seal, sealingKeyOf } from './secret-box.ts';

const keyIn = () => loadOrCreateInstallationKey(mkdtempSync(join(tmpdir(), 'vedetta-key-')));

describe('sealing of TOTP secrets', () => {
  it('derives a stable key from the installation key and opens only with it', () => {
    const installation = keyIn();
    const key = sealingKeyOf(installation);
    expect(sealingKeyOf(installation).equals(key)).toBe(true);
    const sealed = seal(key, 'JBSWY3DPEHPK3PXP');
    expect(sealed).not.toContain('JBSWY3DPEHPK3PXP');
    expect(seal(key, 'JBSWY3DPEHPK3PXP')).not.toBe(sealed);
    expect(open(key, sealed)).toBe('JBSWY3DPEHPK3PXP');
    expect(() => open(sealingKeyOf(keyIn()), sealed)).toThrow(/not sealed with this/);
    expect(() => open(key, 'v2.a.b.c')).toThrow(/unknown format/);
  });
});
