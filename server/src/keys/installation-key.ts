/**
 * The installation's Ed25519 key: it signs recorded segments ("unchanged since recorded"),
 * audit checkpoints and evidence exports ("unchanged since exported"). The private key lives in a
 * file outside the database (mode 0600), so that a copy of the database alone cannot forge a
 * signature. Signatures are plain Ed25519 over the given bytes, checkable with
 * `openssl pkeyutl -verify -pubin -inkey public.pem -rawin -in DATA -sigfile SIG`.
 */
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign as cryptoSign,
  verify as cryptoVerify,
  type KeyObject,
} from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../app/index.ts';

/** File names inside the key directory. */
export const PRIVATE_KEY_FILE = 'installation-ed25519.pem';
export const PUBLIC_KEY_FILE = 'installation-ed25519.pub.pem';

/** A public Ed25519 key and what identifies it. */
export interface PublicKeyInfo {
  /** SubjectPublicKeyInfo, PEM. */
  readonly publicKeyPem: string;
  /** Lowercase hex SHA-256 of the DER SubjectPublicKeyInfo. */
  readonly fingerprint: string;
  /** Verifies a plain Ed25519 signature of `data`. */
  verify(data: Uint8Array, signature: Uint8Array): boolean;
}

/** The installation key: a public key that can also sign. */
export interface InstallationKey extends PublicKeyInfo {
  /** Plain Ed25519 signature (64 bytes) of `data`. */
  sign(data: Uint8Array): Buffer;
}

/** Lowercase hex SHA-256 fingerprint of a public key (over its DER SubjectPublicKeyInfo). */
export function fingerprintOf(publicKey: KeyObject): string {
  return createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex');
}

/**
 * A fingerprint as a person may type or paste it, in the canonical form (64 lowercase hex digits,
 * as `fingerprint` and `vedetta keys show` give it): upper case, and colons, spaces or dashes
 * between the digits, are accepted. Undefined when it is not a SHA-256 fingerprint.
 */
export function parseFingerprint(text: string): string | undefined {
  const hex = text.replace(/[\s:-]/g, '').toLowerCase();
  return /^[0-9a-f]{64}$/.test(hex) ? hex : undefined;
}

/** Wraps a public key (PEM) for verification only, e.g. in the offline export verifier. */
export function publicKeyFromPem(pem: string): PublicKeyInfo {
  let key: KeyObject;
  try {
    key = createPublicKey(pem);
  } catch (e) {
    throw new AppError('invalid_argument', 'public key: not a PEM public key', undefined, e);
  }
  if (key.asymmetricKeyType !== 'ed25519') {
    throw new AppError(
      'invalid_argument',
      `public key: expected ed25519, got ${key.asymmetricKeyType ?? 'unknown'}`,
    );
  }
  return publicInfo(key);
}

function publicInfo(publicKey: KeyObject): PublicKeyInfo {
  return {
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    fingerprint: fingerprintOf(publicKey),
    verify: (data, signature) => {
      try {
        return cryptoVerify(null, data, publicKey, signature);
      } catch {
        return false;
      }
    },
  };
}

function fromPrivate(privateKey: KeyObject): InstallationKey {
  return {
    ...publicInfo(createPublicKey(privateKey)),
    sign: (data) => cryptoSign(null, data, privateKey),
  };
}

/**
 * Loads the installation key from `dir`, creating it (and the directory) on first use.
 * The private key file is written atomically with mode 0600; the public key beside it.
 */
export function loadOrCreateInstallationKey(dir: string): InstallationKey {
  const privatePath = join(dir, PRIVATE_KEY_FILE);
  if (existsSync(privatePath)) {
    let key: KeyObject;
    try {
      key = createPrivateKey(readFileSync(privatePath));
    } catch (e) {
      throw new AppError(
        'failed_precondition',
        `installation key ${privatePath} is unreadable`,
        undefined,
        e,
      );
    }
    if (key.asymmetricKeyType !== 'ed25519') {
      throw new AppError(
        'failed_precondition',
        `installation key ${privatePath} is not an Ed25519 key`,
      );
    }
    return fromPrivate(key);
  }
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const { privateKey } = generateKeyPairSync('ed25519');
  const tmp = `${privatePath}.tmp`;
  writeFileSync(tmp, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
  chmodSync(tmp, 0o600);
  renameSync(tmp, privatePath);
  const key = fromPrivate(privateKey);
  writeFileSync(join(dir, PUBLIC_KEY_FILE), key.publicKeyPem, { mode: 0o644 });
  return key;
}
