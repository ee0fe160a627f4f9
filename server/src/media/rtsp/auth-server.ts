/**
 * Server side of RTSP authentication (used by the camera simulator): write `WWW-Authenticate`
 * challenges, parse a client's `Authorization` header, and verify it against a password. Pure:
 * the caller issues and remembers nonces.
 */
import type { Credentials } from './auth-client.ts';
import { parseAuthItems, quote } from './auth-params.ts';
import {
  constantTimeEqual,
  digestAlgorithmOf,
  digestResponse,
  digestResponseFromHa1,
  type DigestAlgorithm,
} from './digest.ts';
import { RtspParseError } from './errors.ts';

/** What a Digest challenge says. */
export interface DigestChallengeOptions {
  realm: string;
  /** A fresh, unpredictable nonce chosen by the caller. */
  nonce: string;
  opaque?: string;
  /** Stated algorithm; omitted from the header when undefined (clients assume MD5). */
  algorithm?: DigestAlgorithm;
  /** Offer qop `auth` (default true); false gives the RFC 2069 form. */
  qop?: boolean;
  /** Tell the client its nonce was only stale. */
  stale?: boolean;
}

/** A `WWW-Authenticate` value for Digest. */
export function formatDigestChallenge(options: DigestChallengeOptions): string {
  const parts = [`realm=${quote(options.realm)}`, `nonce=${quote(options.nonce)}`];
  if (options.qop ?? true) parts.push(`qop="auth"`);
  if (options.algorithm !== undefined) parts.push(`algorithm=${options.algorithm}`);
  if (options.opaque !== undefined) parts.push(`opaque=${quote(options.opaque)}`);
  if (options.stale === true) parts.push('stale=TRUE');
  return `Digest ${parts.join(', ')}`;
}

/** A `WWW-Authenticate` value for Basic. */
export function formatBasicChallenge(realm: string): string {
  return `Basic realm=${quote(realm)}`;
}

/** Credentials sent with Basic. */
export interface BasicAuthorization {
  scheme: 'Basic';
  username: string;
  password: string;
}

/** The fields of a Digest `Authorization` header. */
export interface DigestAuthorization {
  scheme: 'Digest';
  username: string;
  realm: string;
  nonce: string;
  uri: string;
  response: string;
  algorithm: DigestAlgorithm;
  qop?: 'auth' | 'auth-int';
  /** Nonce count, 8 hexadecimal digits as sent. */
  nc?: string;
  cnonce?: string;
  opaque?: string;
}

/** A parsed `Authorization` header. */
export type Authorization = BasicAuthorization | DigestAuthorization;

function parseBasic(token68: string | undefined): BasicAuthorization {
  if (token68 === undefined || !/^[A-Za-z0-9+/]+=*$/.test(token68)) {
    throw new RtspParseError('Basic authorization without valid base64 credentials');
  }
  const text = Buffer.from(token68, 'base64').toString('utf8');
  const colon = text.indexOf(':');
  if (colon < 0) throw new RtspParseError('Basic credentials without ":"');
  return { scheme: 'Basic', username: text.slice(0, colon), password: text.slice(colon + 1) };
}

function parseDigest(p: Record<string, string>): DigestAuthorization {
  for (const key of ['username', 'realm', 'nonce', 'uri', 'response'] as const) {
    if (p[key] === undefined) throw new RtspParseError(`Digest authorization without ${key}`);
  }
  const algorithm = p.algorithm === undefined ? 'MD5' : digestAlgorithmOf(p.algorithm);
  if (algorithm === undefined) {
    throw new RtspParseError(`unsupported digest algorithm ${JSON.stringify(p.algorithm)}`);
  }
  const auth: DigestAuthorization = {
    scheme: 'Digest',
    username: p.username ?? '',
    realm: p.realm ?? '',
    nonce: p.nonce ?? '',
    uri: p.uri ?? '',
    response: (p.response ?? '').toLowerCase(),
    algorithm,
  };
  if (p.qop !== undefined) {
    const qop = p.qop.toLowerCase();
    if (qop !== 'auth' && qop !== 'auth-int') {
      throw new RtspParseError(`unsupported digest qop ${JSON.stringify(p.qop)}`);
    }
    if (p.nc === undefined || !/^[0-9a-fA-F]{8}$/.test(p.nc) || p.cnonce === undefined) {
      throw new RtspParseError('Digest authorization with qop needs nc (8 hex digits) and cnonce');
    }
    auth.qop = qop;
    auth.nc = p.nc;
    auth.cnonce = p.cnonce;
  }
  if (p.opaque !== undefined) auth.opaque = p.opaque;
  return auth;
}

/** Parses an `Authorization` value (Basic or Digest); throws `RtspParseError` otherwise. */
export function parseAuthorization(value: string): Authorization {
  const items = parseAuthItems(value);
  const [item] = items;
  if (item === undefined || items.length !== 1) {
    throw new RtspParseError('Authorization must hold exactly one scheme');
  }
  const scheme = item.scheme.toLowerCase();
  if (scheme === 'basic') return parseBasic(item.token68);
  if (scheme === 'digest') return parseDigest(item.params);
  throw new RtspParseError(`unsupported authorization scheme ${JSON.stringify(item.scheme)}`);
}

/** What the server expects of a Digest answer. */
export interface DigestVerification {
  /** Method of the request being checked. */
  method: string;
  /** The password of `auth.username` (looked up by the caller). */
  password: string;
  /** Realm the server announced. */
  realm: string;
  /** Nonce the server issued (the caller decides whether it is still valid). */
  nonce: string;
  /** Request body, for qop `auth-int`. */
  body?: Uint8Array;
}

/**
 * True if a Digest answer matches the password, realm and nonce. The digest covers `auth.uri`;
 * the caller may also check that it names the requested resource.
 */
export function verifyDigestAuthorization(
  auth: DigestAuthorization,
  expected: DigestVerification,
): boolean {
  if (!constantTimeEqual(auth.realm, expected.realm)) return false;
  if (!constantTimeEqual(auth.nonce, expected.nonce)) return false;
  if (auth.algorithm.endsWith('-sess') && auth.cnonce === undefined) return false;
  const response = digestResponse({
    algorithm: auth.algorithm,
    username: auth.username,
    realm: auth.realm,
    password: expected.password,
    method: expected.method,
    uri: auth.uri,
    nonce: auth.nonce,
    qop: auth.qop,
    nc: auth.nc,
    cnonce: auth.cnonce,
    body: expected.body,
  });
  return constantTimeEqual(response, auth.response);
}

/** What the server expects of a Digest answer when it stores HA1, not the password. */
export interface DigestHa1Verification {
  /** Method of the request being checked. */
  method: string;
  /** H(username:realm:password) of `auth.username` for `realm`, hex (looked up by the caller). */
  ha1: string;
  /** The algorithm HA1 was computed with; answers with any other are refused. */
  ha1Algorithm: DigestAlgorithm;
  /** Realm the server announced. */
  realm: string;
  /** Nonce the server issued (the caller decides whether it is still valid). */
  nonce: string;
}

/**
 * True if a Digest answer matches a stored HA1, the realm and the nonce (qop `auth` or none;
 * `auth-int` is refused, as the body is not known here).
 */
export function verifyDigestWithHa1(
  auth: DigestAuthorization,
  expected: DigestHa1Verification,
): boolean {
  if (!constantTimeEqual(auth.realm, expected.realm)) return false;
  if (!constantTimeEqual(auth.nonce, expected.nonce)) return false;
  if (auth.qop === 'auth-int') return false;
  const base = auth.algorithm.replace(/-sess$/, '');
  if (base !== expected.ha1Algorithm) return false;
  if (auth.algorithm.endsWith('-sess') && auth.cnonce === undefined) return false;
  const response = digestResponseFromHa1({
    algorithm: auth.algorithm,
    ha1: expected.ha1,
    method: expected.method,
    uri: auth.uri,
    nonce: auth.nonce,
    qop: auth.qop,
    nc: auth.nc,
    cnonce: auth.cnonce,
  });
  return constantTimeEqual(response, auth.response);
}

/** True if Basic credentials match the expected user name and password. */
export function verifyBasicAuthorization(auth: BasicAuthorization, expected: Credentials): boolean {
  const user = constantTimeEqual(auth.username, expected.username);
  const pass = constantTimeEqual(auth.password, expected.password);
  return user && pass;
}
