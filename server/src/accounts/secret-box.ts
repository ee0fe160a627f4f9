/**
 * Sealing of small secrets at rest (the TOTP secrets): AES-256-GCM under a key derived from the
 * installation key. The installation key is Ed25519, whose signatures are deterministic, so the
 * SHA-256 of its signature over a fixed label is a stable 32-byte key that only the holder of the
 * key file can compute; a copy of the database alone cannot open what is sealed.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { AppError } from '../app/index.ts';

/** What a sealing key is derived from: the installation key's signing. */
export interface KeySigner {
  sign(data: Uint8Array): Buffer;
}

const LABEL = 'vedetta/accounts/totp-secret-sealing/v1';

/** The 32-byte sealing key of an installation key. */
export function sealingKeyOf(key: KeySigner): Buffer {
  return createHash('sha256')
    .update(key.sign(Buffer.from(LABEL, 'utf8')))
    .digest();
}

/** `v1.<iv>.<tag>.<ciphertext>` (base64url parts) of `plain`. */
export function seal(key: Buffer, plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  const parts = [iv, cipher.getAuthTag(), body].map((b) => b.toString('base64url'));
  return `v1.${parts.join('.')}`;
}

/** The plain text of a sealed value; `internal` when it was sealed under another key. */
export function open(key: Buffer, sealed: string): string {
  const [version, iv, tag, body] = sealed.split('.');
  if (version !== 'v1' || iv === undefined || tag === undefined || body === undefined) {
    throw new AppError('internal', 'sealed secret: unknown format');
  }
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    const plain = Buffer.concat([
      decipher.update(Buffer.from(body, 'base64url')),
      decipher.final(),
    ]);
    return plain.toString('utf8');
  } catch (e) {
    throw new AppError('internal', 'sealed secret: not sealed with this installation key', {}, e);
  }
}
