import { describe, expect, it } from 'vitest';
import {
  base32Decode,
  base32Encode,
  hotp,
  matchTotp,
  otpauthUri,
  totpCode,
  totpStep,
} from './totp.ts';

// RFC 6238 Appendix B: the SHA-1 key is the ASCII of "12345678901234567890".
const KEY = Buffer.from('12345678901234567890', 'ascii');
const VECTORS: [number, string][] = [
  [59, '94287082'],
  [1111111109, '07081804'],
  [1111111111, '14050471'],
  [1234567890, '89005924'],
  [2000000000, '69279037'],
  [20000000000, '65353130'],
];

describe('TOTP (RFC 6238, HMAC-SHA1)', () => {
  it('gives the RFC 6238 Appendix B codes (8 digits there; 6 are their last six)', () => {
    for (const [seconds, code] of VECTORS) {
      expect(hotp(KEY, totpStep(seconds * 1000), 8)).toBe(code);
      expect(totpCode(base32Encode(KEY), seconds * 1000)).toBe(code.slice(2));
    }
  });

  it('gives the RFC 4226 Appendix D HOTP values', () => {
    const expected = ['755224', '287082', '359152', '969429', '338314'];
    expected.forEach((code, counter) => expect(hotp(KEY, counter)).toBe(code));
  });

  it('round-trips base32 and refuses what is not base32', () => {
    expect(base32Encode(KEY)).toBe('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
    expect(base32Decode('gezd gnbv gy3t qojq gezd gnbv gy3t qojq')?.equals(KEY)).toBe(true);
    expect(base32Decode('not base32!')).toBeUndefined();
  });

  it('accepts one step of skew either side, and a step only after the last used one', () => {
    const secret = base32Encode(KEY);
    const now = 1234567890_000;
    const step = totpStep(now);
    expect(matchTotp(secret, totpCode(secret, now), now, null)).toBe(step);
    expect(matchTotp(secret, totpCode(secret, now - 30_000), now, null)).toBe(step - 1);
    expect(matchTotp(secret, totpCode(secret, now + 30_000), now, null)).toBe(step + 1);
    expect(matchTotp(secret, totpCode(secret, now - 60_000), now, null)).toBeUndefined();
    expect(matchTotp(secret, totpCode(secret, now), now, step)).toBeUndefined();
    expect(matchTotp(secret, 'abcdef', now, null)).toBeUndefined();
  });

  it('writes the otpauth URI authenticator apps read', () => {
    expect(otpauthUri('Vedetta', 'rossi', 'ABC')).toBe(
      'otpauth://totp/Vedetta%3Arossi?secret=ABC&issuer=Vedetta&algorithm=SHA1&digits=6&period=30',
    );
  });
});
