/**
 * Digest computation (RFC 2617, RFC 7616): HA1, HA2 and the response, for MD5, SHA-256 and
 * SHA-512-256 and their `-sess` variants, qop `auth`, `auth-int` or none.
 */
import { createHash } from 'node:crypto';
import { RtspParseError } from './errors.ts';

/** Digest algorithms Vedetta can compute. */
export type DigestAlgorithm =
  'MD5' | 'MD5-sess' | 'SHA-256' | 'SHA-256-sess' | 'SHA-512-256' | 'SHA-512-256-sess';

const HASHES: Record<string, [DigestAlgorithm, string]> = {
  md5: ['MD5', 'md5'],
  'md5-sess': ['MD5-sess', 'md5'],
  'sha-256': ['SHA-256', 'sha256'],
  'sha-256-sess': ['SHA-256-sess', 'sha256'],
  'sha-512-256': ['SHA-512-256', 'sha512-256'],
  'sha-512-256-sess': ['SHA-512-256-sess', 'sha512-256'],
};

/** The canonical algorithm name for a header value (case-insensitive), or undefined if unknown. */
export function digestAlgorithmOf(name: string): DigestAlgorithm | undefined {
  return HASHES[name.trim().toLowerCase()]?.[0];
}

/** Everything the digest response depends on. */
export interface DigestInput {
  algorithm: DigestAlgorithm;
  username: string;
  realm: string;
  password: string;
  method: string;
  uri: string;
  nonce: string;
  /** `auth`, `auth-int`, or undefined for the RFC 2069 form without qop. */
  qop?: 'auth' | 'auth-int';
  /** Nonce count as 8 hexadecimal digits (required with qop). */
  nc?: string;
  /** Client nonce (required with qop and with `-sess`). */
  cnonce?: string;
  /** Request body, for `auth-int` (empty if absent). */
  body?: Uint8Array;
}

function hasher(algorithm: DigestAlgorithm): (text: string | Uint8Array) => string {
  const entry = HASHES[algorithm.toLowerCase()];
  if (entry === undefined) throw new RtspParseError(`unsupported digest algorithm ${algorithm}`);
  const name = entry[1];
  return (text) => createHash(name).update(text).digest('hex');
}

/**
 * HA1 = H(username:realm:password), what a server may store instead of the password (RFC 7616
 * section 3.4.2); lower-case hex.
 */
export function digestHa1(
  algorithm: DigestAlgorithm,
  username: string,
  realm: string,
  password: string,
): string {
  return hasher(algorithm)(`${username}:${realm}:${password}`);
}

/** Computes the `response` value of a Digest Authorization header (lower-case hex). */
export function digestResponse(input: DigestInput): string {
  const { password, username, realm, ...rest } = input;
  return digestResponseFromHa1({
    ...rest,
    ha1: digestHa1(input.algorithm, username, realm, password),
  });
}

/** `digestResponse` from a stored HA1 instead of the user name, realm and password. */
export function digestResponseFromHa1(
  input: Omit<DigestInput, 'username' | 'realm' | 'password'> & { ha1: string },
): string {
  const h = hasher(input.algorithm);
  let ha1 = input.ha1.toLowerCase();
  if (input.algorithm.endsWith('-sess')) {
    if (input.cnonce === undefined) throw new RtspParseError('digest -sess requires a cnonce');
    ha1 = h(`${ha1}:${input.nonce}:${input.cnonce}`);
  }
  const ha2 =
    input.qop === 'auth-int'
      ? h(`${input.method}:${input.uri}:${h(input.body ?? new Uint8Array(0))}`)
      : h(`${input.method}:${input.uri}`);
  if (input.qop === undefined) return h(`${ha1}:${input.nonce}:${ha2}`);
  if (input.nc === undefined || input.cnonce === undefined) {
    throw new RtspParseError('digest with qop requires nc and cnonce');
  }
  return h(`${ha1}:${input.nonce}:${input.nc}:${input.cnonce}:${input.qop}:${ha2}`);
}

/** Compares two strings in time that depends only on their lengths. */
export function constantTimeEqual(a: string, b: string): boolean {
  let diff = a.length ^ b.length;
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) diff |= (a.charCodeAt(i) || 0) ^ (b.charCodeAt(i) || 0);
  return diff === 0;
}
