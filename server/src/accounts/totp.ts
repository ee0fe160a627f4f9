/**
 * TOTP (RFC 6238) over HOTP (RFC 4226), HMAC-SHA1: pure functions, no I/O. Vedetta's codes have
 * 6 digits and a 30-second step; a code of the step before or after is accepted too (clock skew).
 * Secrets are 20 random bytes, written in base32 (RFC 4648, no padding) as authenticator apps
 * expect them.
 */
import { createHmac, randomBytes } from 'node:crypto';

/** Seconds per time step. */
export const TOTP_STEP_SECONDS = 30;
/** Digits in a code. */
export const TOTP_DIGITS = 6;
/** Steps either side of now whose codes are still accepted. */
export const TOTP_SKEW_STEPS = 1;

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** Base32 (RFC 4648) of `bytes`, upper case, without padding. */
export function base32Encode(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  return out;
}

/** The bytes of a base32 text (case, spaces and padding ignored); undefined when it is not one. */
export function base32Decode(text: string): Buffer | undefined {
  const clean = text.replace(/[\s=]/g, '').toUpperCase();
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const ch of clean) {
    const index = BASE32.indexOf(ch);
    if (index < 0) return undefined;
    value = ((value << 5) | index) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** A new random secret (20 bytes, the HMAC-SHA1 block's natural size), in base32. */
export function newTotpSecret(): string {
  return base32Encode(randomBytes(20));
}

/** The HOTP value (RFC 4226) of `key` at `counter`, `digits` long, with leading zeros. */
export function hotp(key: Uint8Array, counter: number, digits = TOTP_DIGITS): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac('sha1', key).update(message).digest();
  const offset = (mac[mac.length - 1] ?? 0) & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 10 ** digits).padStart(digits, '0');
}

/** The time step of a wall time in milliseconds. */
export function totpStep(nowMs: number): number {
  return Math.floor(nowMs / 1000 / TOTP_STEP_SECONDS);
}

/** The TOTP code of a base32 secret at a wall time. */
export function totpCode(secret: string, nowMs: number, digits = TOTP_DIGITS): string {
  return hotp(base32Decode(secret) ?? Buffer.alloc(0), totpStep(nowMs), digits);
}

/**
 * The time step whose code `code` is, within ±`TOTP_SKEW_STEPS` of now and later than
 * `afterStep` (a step already used is not accepted again); undefined when none matches.
 */
export function matchTotp(
  secret: string,
  code: string,
  nowMs: number,
  afterStep: number | null,
): number | undefined {
  const typed = code.replace(/\s/g, '');
  if (!/^\d{6}$/.test(typed)) return undefined;
  const key = base32Decode(secret);
  if (!key) return undefined;
  const now = totpStep(nowMs);
  for (let step = now - TOTP_SKEW_STEPS; step <= now + TOTP_SKEW_STEPS; step++) {
    if (afterStep !== null && step <= afterStep) continue;
    if (hotp(key, step) === typed) return step;
  }
  return undefined;
}

/** The `otpauth://` URI an authenticator app reads from the QR code. */
export function otpauthUri(issuer: string, account: string, secret: string): string {
  const label = encodeURIComponent(`${issuer}:${account}`);
  const params = new URLSearchParams({
    secret,
    issuer,
    algorithm: 'SHA1',
    digits: String(TOTP_DIGITS),
    period: String(TOTP_STEP_SECONDS),
  });
  return `otpauth://totp/${label}?${params.toString()}`;
}
