/**
 * Client side of RTSP authentication: read the server's `WWW-Authenticate` challenges and compute
 * the `Authorization` value for a request (Basic, or Digest per RFC 2617 / RFC 7616). Pure: the
 * caller supplies the client nonce and keeps the nonce count.
 */
import { parseAuthItems, quote } from './auth-params.ts';
import { digestAlgorithmOf, digestResponse, type DigestAlgorithm } from './digest.ts';
import { RtspParseError } from './errors.ts';

/** A user name and password. */
export interface Credentials {
  username: string;
  password: string;
}

/** A Basic challenge. */
export interface BasicChallenge {
  scheme: 'Basic';
  realm: string;
}

/** A Digest challenge. */
export interface DigestChallenge {
  scheme: 'Digest';
  realm: string;
  nonce: string;
  opaque?: string;
  /** Algorithm as stated by the server; undefined means MD5, not stated. */
  algorithm?: DigestAlgorithm;
  /** Qop values offered (empty: RFC 2069 form without qop). */
  qop: string[];
  /** True when the server says the previous nonce was merely stale. */
  stale: boolean;
}

/** A challenge Vedetta can answer. */
export type AuthChallenge = BasicChallenge | DigestChallenge;

/**
 * Parses one or more `WWW-Authenticate` values. Challenges of unknown schemes or digest
 * algorithms are skipped; malformed syntax throws `RtspParseError`.
 */
export function parseAuthChallenges(values: string | readonly string[]): AuthChallenge[] {
  const list = typeof values === 'string' ? [values] : values;
  const out: AuthChallenge[] = [];
  for (const value of list) {
    for (const item of parseAuthItems(value)) {
      const scheme = item.scheme.toLowerCase();
      const p = item.params;
      if (scheme === 'basic') {
        out.push({ scheme: 'Basic', realm: p.realm ?? '' });
      } else if (scheme === 'digest') {
        if (p.nonce === undefined) throw new RtspParseError('Digest challenge without nonce');
        const algorithm = p.algorithm === undefined ? undefined : digestAlgorithmOf(p.algorithm);
        if (p.algorithm !== undefined && algorithm === undefined) continue;
        const challenge: DigestChallenge = {
          scheme: 'Digest',
          realm: p.realm ?? '',
          nonce: p.nonce,
          qop: (p.qop ?? '')
            .split(',')
            .map((q) => q.trim().toLowerCase())
            .filter((q) => q.length > 0),
          stale: (p.stale ?? '').toLowerCase() === 'true',
        };
        if (algorithm !== undefined) challenge.algorithm = algorithm;
        if (p.opaque !== undefined) challenge.opaque = p.opaque;
        out.push(challenge);
      }
    }
  }
  return out;
}

const STRENGTH: Record<DigestAlgorithm, number> = {
  MD5: 1,
  'MD5-sess': 1,
  'SHA-256': 2,
  'SHA-256-sess': 2,
  'SHA-512-256': 3,
  'SHA-512-256-sess': 3,
};

/** The strongest challenge to answer: Digest (strongest algorithm) before Basic; undefined if none. */
export function pickChallenge(challenges: readonly AuthChallenge[]): AuthChallenge | undefined {
  let best: AuthChallenge | undefined;
  let bestScore = -1;
  for (const c of challenges) {
    const score = c.scheme === 'Basic' ? 0 : STRENGTH[c.algorithm ?? 'MD5'];
    if (score > bestScore) {
      best = c;
      bestScore = score;
    }
  }
  return best;
}

/** The request being authorised. */
export interface AuthRequest {
  /** RTSP method, e.g. `DESCRIBE`. */
  method: string;
  /** The request URI exactly as written in the request line. */
  uri: string;
  /** Client nonce (random, from the caller); required when the challenge offers qop. */
  cnonce?: string;
  /** Nonce count: 1 for the first request with this nonce, then 2, 3, ... */
  nc?: number;
  /** Request body, only for qop `auth-int`. */
  body?: Uint8Array;
}

/** The `Authorization` value for Basic: `Basic base64(user:password)`. */
export function basicAuthorization(credentials: Credentials): string {
  if (credentials.username.includes(':')) {
    throw new RtspParseError('a Basic user name cannot contain ":"');
  }
  const text = `${credentials.username}:${credentials.password}`;
  return `Basic ${Buffer.from(text, 'utf8').toString('base64')}`;
}

/** Formats a nonce count as the 8 hexadecimal digits Digest wants. */
export function formatNonceCount(nc: number): string {
  return (nc >>> 0).toString(16).padStart(8, '0');
}

/** The `Authorization` value answering a Digest challenge. */
export function digestAuthorization(
  challenge: DigestChallenge,
  credentials: Credentials,
  request: AuthRequest,
): string {
  let qop: 'auth' | 'auth-int' | undefined;
  if (challenge.qop.includes('auth')) qop = 'auth';
  else if (challenge.qop.includes('auth-int')) qop = 'auth-int';
  else if (challenge.qop.length > 0) {
    throw new RtspParseError(`unsupported digest qop ${challenge.qop.join(',')}`);
  }
  const nc = formatNonceCount(request.nc ?? 1);
  const response = digestResponse({
    algorithm: challenge.algorithm ?? 'MD5',
    username: credentials.username,
    realm: challenge.realm,
    password: credentials.password,
    method: request.method,
    uri: request.uri,
    nonce: challenge.nonce,
    qop,
    nc,
    cnonce: request.cnonce,
    body: request.body,
  });
  const parts = [
    `username=${quote(credentials.username)}`,
    `realm=${quote(challenge.realm)}`,
    `nonce=${quote(challenge.nonce)}`,
    `uri=${quote(request.uri)}`,
  ];
  if (qop !== undefined) {
    parts.push(`qop=${qop}`, `nc=${nc}`, `cnonce=${quote(request.cnonce ?? '')}`);
  }
  parts.push(`response=${quote(response)}`);
  if (challenge.algorithm !== undefined) parts.push(`algorithm=${challenge.algorithm}`);
  if (challenge.opaque !== undefined) parts.push(`opaque=${quote(challenge.opaque)}`);
  return `Digest ${parts.join(', ')}`;
}

/** The `Authorization` value answering any supported challenge. */
export function authorizationFor(
  challenge: AuthChallenge,
  credentials: Credentials,
  request: AuthRequest,
): string {
  return challenge.scheme === 'Basic'
    ? basicAuthorization(credentials)
    : digestAuthorization(challenge, credentials, request);
}
