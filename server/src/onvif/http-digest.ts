/**
 * HTTP Digest access authentication (RFC 7616) for devices that put HTTP authentication in front
 * of (or instead of) WS-Security: reading `WWW-Authenticate: Digest` challenges and answering
 * with MD5 or SHA-256 (and their `-sess` forms), `qop=auth` when offered.
 */
import { createHash, randomBytes } from 'node:crypto';

/** One Digest challenge's parameters. */
export interface DigestChallenge {
  readonly realm: string;
  readonly nonce: string;
  readonly opaque: string | null;
  /** `MD5`, `MD5-sess`, `SHA-256`, `SHA-256-sess` (upper-cased as written in RFC 7616). */
  readonly algorithm: DigestAlgorithm;
  /** True when the server offered `qop=auth`. */
  readonly qopAuth: boolean;
}

/** The algorithms answered. */
export type DigestAlgorithm = 'MD5' | 'MD5-sess' | 'SHA-256' | 'SHA-256-sess';

const ALGORITHMS: Record<string, DigestAlgorithm> = {
  MD5: 'MD5',
  'MD5-SESS': 'MD5-sess',
  'SHA-256': 'SHA-256',
  'SHA-256-SESS': 'SHA-256-sess',
};

/** Reads `key=value` and `key="quoted"` pairs from a challenge's parameter list. */
function params(text: string): Map<string, string> {
  const out = new Map<string, string>();
  const re = /([A-Za-z0-9_-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]*))/g;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const key = (m[1] ?? '').toLowerCase();
    const value = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : (m[3] ?? '');
    if (!out.has(key)) out.set(key, value);
  }
  return out;
}

/**
 * The Digest challenges among `WWW-Authenticate` header values (one value may hold several
 * challenges; schemes other than Digest are skipped). Unknown algorithms are skipped too.
 */
export function parseDigestChallenges(values: readonly string[]): DigestChallenge[] {
  const out: DigestChallenge[] = [];
  for (const value of values) {
    // Split before each auth scheme: a token followed by a space and a key=value.
    const parts = value.split(/,?\s*(?=\b(?:Digest|Basic|Bearer|Negotiate|NTLM)\s)/i);
    for (const part of parts) {
      const m = /^\s*Digest\s+(.*)$/is.exec(part);
      if (m === null) continue;
      const p = params(m[1] ?? '');
      const nonce = p.get('nonce');
      const algorithm = ALGORITHMS[(p.get('algorithm') ?? 'MD5').toUpperCase()];
      if (nonce === undefined || algorithm === undefined) continue;
      const qop = (p.get('qop') ?? '').split(',').map((q) => q.trim().toLowerCase());
      out.push({
        realm: p.get('realm') ?? '',
        nonce,
        opaque: p.get('opaque') ?? null,
        algorithm,
        qopAuth: qop.includes('auth'),
      });
    }
  }
  // The strongest first: SHA-256 before MD5.
  return out.sort(
    (a, b) => Number(b.algorithm.startsWith('SHA')) - Number(a.algorithm.startsWith('SHA')),
  );
}

function hash(algorithm: DigestAlgorithm, text: string): string {
  return createHash(algorithm.startsWith('SHA') ? 'sha256' : 'md5')
    .update(text, 'utf8')
    .digest('hex');
}

const quote = (s: string): string => `"${s.replace(/(["\\])/g, '\\$1')}"`;

/** The `Authorization` header answering `challenge` for `method` on `uri` (path and query). */
export function digestAuthorization(
  challenge: DigestChallenge,
  request: { method: string; uri: string; username: string; password: string },
  cnonce: string = randomBytes(8).toString('hex'),
  nc = 1,
): string {
  const { algorithm, realm, nonce } = challenge;
  let ha1 = hash(algorithm, `${request.username}:${realm}:${request.password}`);
  if (algorithm.endsWith('-sess')) ha1 = hash(algorithm, `${ha1}:${nonce}:${cnonce}`);
  const ha2 = hash(algorithm, `${request.method}:${request.uri}`);
  const ncText = nc.toString(16).padStart(8, '0');
  const response = challenge.qopAuth
    ? hash(algorithm, `${ha1}:${nonce}:${ncText}:${cnonce}:auth:${ha2}`)
    : hash(algorithm, `${ha1}:${nonce}:${ha2}`);
  const fields = [
    `username=${quote(request.username)}`,
    `realm=${quote(realm)}`,
    `nonce=${quote(nonce)}`,
    `uri=${quote(request.uri)}`,
    `algorithm=${algorithm}`,
    `response=${quote(response)}`,
  ];
  if (challenge.qopAuth) fields.push('qop=auth', `nc=${ncText}`, `cnonce=${quote(cnonce)}`);
  if (challenge.opaque !== null) fields.push(`opaque=${quote(challenge.opaque)}`);
  return `Digest ${fields.join(', ')}`;
}
