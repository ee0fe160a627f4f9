/**
 * Password hashing with argon2id. The hash is a PHC string that carries its own parameters, so
 * hashes made with lighter parameters (tests) still verify under the defaults.
 */
import argon2 from 'argon2';

/** argon2id cost parameters. */
export interface HashingParams {
  /** Memory in KiB. */
  memoryCost: number;
  /** Passes over memory. */
  timeCost: number;
  parallelism: number;
}

/** Production parameters (OWASP-recommended range for argon2id). */
export const DEFAULT_HASHING: HashingParams = { memoryCost: 65536, timeCost: 3, parallelism: 4 };

/** Cheap parameters for tests; still argon2id. */
export const TEST_HASHING: HashingParams = { memoryCost: 1024, timeCost: 1, parallelism: 1 };

/** Shortest password accepted. */
export const MIN_PASSWORD_LENGTH = 10;
/** Longest password accepted (and verified: a longer one is a mismatch without hashing). */
export const MAX_PASSWORD_LENGTH = 1024;

/** Hashes a password with argon2id. */
export function hashPassword(
  password: string,
  params: HashingParams = DEFAULT_HASHING,
): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id, ...params });
}

/** True when `password` matches `hash`. A malformed hash is a mismatch, not an error. */
export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  if (password.length > MAX_PASSWORD_LENGTH) return false;
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}
