/**
 * Checkpoints: signed statements "the chain up to entry `seq` has hash `hash`", made with the
 * installation's Ed25519 key. A checkpoint pins everything before it: an attacker who rewrites
 * the database cannot recompute the chain without the key, which lives outside the database.
 */
import type { InstallationKey, PublicKeyInfo } from '../keys/index.ts';

/** The tag that starts every checkpoint statement. */
export const CHECKPOINT_ENCODING = 'vedetta-audit-checkpoint-v1';

/** A signed checkpoint as stored. */
export interface AuditCheckpoint {
  /** Sequence of the last entry covered. */
  readonly seq: number;
  /** Hash of that entry. */
  readonly entryHash: string;
  /** When the checkpoint was made, UTC ms. */
  readonly timeMs: number;
  /** Fingerprint of the key that signed (lowercase hex SHA-256 of its SPKI). */
  readonly keyFingerprint: string;
  /** Ed25519 signature of `checkpointStatement(...)`, base64. */
  readonly signature: string;
}

/** The exact bytes a checkpoint's signature covers. */
export function checkpointStatement(
  c: Pick<AuditCheckpoint, 'seq' | 'entryHash' | 'timeMs' | 'keyFingerprint'>,
): Buffer {
  return Buffer.from(
    `${CHECKPOINT_ENCODING}\nseq=${c.seq}\nentry_hash=${c.entryHash}\ntime_ms=${c.timeMs}\nkey=${c.keyFingerprint}\n`,
    'utf8',
  );
}

/** Makes and signs a checkpoint for the chain ending at (`seq`, `entryHash`). */
export function signCheckpoint(
  key: InstallationKey,
  seq: number,
  entryHash: string,
  timeMs: number,
): AuditCheckpoint {
  const unsigned = { seq, entryHash, timeMs, keyFingerprint: key.fingerprint };
  return { ...unsigned, signature: key.sign(checkpointStatement(unsigned)).toString('base64') };
}

/** True when the checkpoint was signed by `key` and says what it claims. */
export function checkpointSignatureValid(key: PublicKeyInfo, c: AuditCheckpoint): boolean {
  if (c.keyFingerprint !== key.fingerprint) return false;
  return key.verify(checkpointStatement(c), Buffer.from(c.signature, 'base64'));
}
