/**
 * RTSP Digest authentication of service accounts (RFC 2617 / RFC 7616, MD5, qop `auth`): the
 * challenge, and the check of an `Authorization` header against the account's stored HA1. Nonces
 * are stateless — a time stamp signed with a per-process key — valid for `nonceTtlMs`; an expired
 * nonce with a right answer is `stale` (the client answers the new challenge without asking its
 * user again). Basic is never accepted: it would send the password in clear over RTSP.
 */
import { createHmac, randomBytes } from 'node:crypto';
import type { Clock } from '../app/index.ts';
import {
  formatDigestChallenge,
  parseAuthorization,
  RtspParseError,
  verifyDigestWithHa1,
} from '../media/index.ts';
import type { ServiceAccount, ServiceAccountSecret } from './service-accounts.ts';

/** The outcome of checking a request's credentials. */
export type DigestOutcome =
  | { kind: 'ok'; account: ServiceAccount }
  /** No `Authorization` header: the client has not tried yet. */
  | { kind: 'missing' }
  /** Well-formed but not the account's answer (or no such account, or Basic). */
  | { kind: 'wrong'; name: string | undefined }
  /** The right answer to a nonce that has expired: challenge again with `stale=true`. */
  | { kind: 'stale'; name: string }
  | { kind: 'malformed' };

/** Default nonce lifetime: five minutes. */
export const DEFAULT_NONCE_TTL_MS = 5 * 60_000;

/** Issues challenges and checks answers. */
export class DigestAuthenticator {
  private readonly key = randomBytes(32);

  constructor(
    private readonly realm: string,
    private readonly clock: Clock,
    private readonly lookup: (name: string) => Promise<ServiceAccountSecret | undefined>,
    private readonly nonceTtlMs = DEFAULT_NONCE_TTL_MS,
  ) {}

  private sign(stamp: string): string {
    return createHmac('sha256', this.key).update(stamp).digest('hex').slice(0, 32);
  }

  private nonce(): string {
    const stamp = Math.floor(this.clock.nowMs()).toString(16);
    return `${stamp}.${this.sign(stamp)}`;
  }

  /** 'fresh', 'stale' (ours, expired), or 'foreign' (not ours at all). */
  private nonceState(nonce: string): 'fresh' | 'stale' | 'foreign' {
    const [stamp = '', sig = '', ...rest] = nonce.split('.');
    if (rest.length > 0 || !/^[0-9a-f]{1,13}$/.test(stamp) || sig !== this.sign(stamp)) {
      return 'foreign';
    }
    const age = this.clock.nowMs() - parseInt(stamp, 16);
    return age >= -60_000 && age <= this.nonceTtlMs ? 'fresh' : 'stale';
  }

  /** The `WWW-Authenticate` value of a 401 answer. */
  challenge(stale = false): string {
    return formatDigestChallenge({
      realm: this.realm,
      nonce: this.nonce(),
      algorithm: 'MD5',
      stale,
    });
  }

  /** Checks the `Authorization` header of a request with `method`. */
  async check(method: string, header: string | undefined): Promise<DigestOutcome> {
    if (header === undefined) return { kind: 'missing' };
    let auth;
    try {
      auth = parseAuthorization(header);
    } catch (err) {
      if (err instanceof RtspParseError) return { kind: 'malformed' };
      throw err;
    }
    if (auth.scheme !== 'Digest') return { kind: 'wrong', name: auth.username };
    const state = this.nonceState(auth.nonce);
    if (state === 'foreign') return { kind: 'wrong', name: auth.username };
    const secret = await this.lookup(auth.username);
    if (secret === undefined || secret.realm !== this.realm) {
      return { kind: 'wrong', name: auth.username };
    }
    const ok = verifyDigestWithHa1(auth, {
      method,
      ha1: secret.ha1,
      ha1Algorithm: 'MD5',
      realm: this.realm,
      nonce: auth.nonce,
    });
    if (!ok) return { kind: 'wrong', name: auth.username };
    if (state === 'stale') return { kind: 'stale', name: auth.username };
    return { kind: 'ok', account: secret.account };
  }
}
