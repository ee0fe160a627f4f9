/**
 * Authentication of the simulated cameras: Digest (MD5, qop auth) or Basic, one user for every
 * mount. Nonces are stateless: a timestamp signed with a per-server key, valid for ten minutes,
 * so that no nonce table grows with the number of clients.
 */
import { createHmac, randomBytes } from 'node:crypto';
import type { Clock } from '../app/index.ts';
import {
  RtspParseError,
  formatBasicChallenge,
  formatDigestChallenge,
  parseAuthorization,
  verifyBasicAuthorization,
  verifyDigestAuthorization,
} from '../media/index.ts';

/** The credentials the simulated cameras require. */
export interface SimAuthConfig {
  username: string;
  password: string;
  scheme: 'digest' | 'basic';
}

/** The realm the simulated cameras announce. */
export const SIM_REALM = 'Vedetta Simulator';
const NONCE_TTL_MS = 10 * 60_000;

/** The outcome of checking a request's credentials. */
export type AuthOutcome = 'ok' | 'missing' | 'wrong' | 'malformed' | 'stale';

/** Issues challenges and checks `Authorization` headers. */
export class RtspAuthenticator {
  private readonly key = randomBytes(16);

  constructor(
    private readonly config: SimAuthConfig,
    private readonly clock: Clock,
  ) {}

  private sign(stamp: string): string {
    return createHmac('sha256', this.key).update(stamp).digest('hex').slice(0, 24);
  }

  /** A fresh nonce: `<time in hex>.<signature>`. */
  private nonce(): string {
    const stamp = Math.floor(this.clock.nowMs()).toString(16);
    return `${stamp}.${this.sign(stamp)}`;
  }

  private nonceValid(nonce: string): boolean | 'stale' {
    const [stamp = '', sig = ''] = nonce.split('.');
    if (!/^[0-9a-f]{1,13}$/.test(stamp) || sig !== this.sign(stamp)) return false;
    const age = this.clock.nowMs() - parseInt(stamp, 16);
    return age >= -60_000 && age <= NONCE_TTL_MS ? true : 'stale';
  }

  /** The `WWW-Authenticate` value of a 401 answer. */
  challenge(stale = false): string {
    return this.config.scheme === 'basic'
      ? formatBasicChallenge(SIM_REALM)
      : formatDigestChallenge({ realm: SIM_REALM, nonce: this.nonce(), stale });
  }

  /** Checks the `Authorization` header of a request. */
  check(method: string, header: string | undefined): AuthOutcome {
    if (header === undefined) return 'missing';
    let auth;
    try {
      auth = parseAuthorization(header);
    } catch (err) {
      if (err instanceof RtspParseError) return 'malformed';
      throw err;
    }
    if (auth.username !== this.config.username) return 'wrong';
    if (auth.scheme === 'Basic') {
      if (this.config.scheme !== 'basic') return 'wrong';
      return verifyBasicAuthorization(auth, this.config) ? 'ok' : 'wrong';
    }
    if (this.config.scheme !== 'digest') return 'wrong';
    const fresh = this.nonceValid(auth.nonce);
    if (fresh === false) return 'wrong';
    const ok = verifyDigestAuthorization(auth, {
      method,
      password: this.config.password,
      realm: SIM_REALM,
      nonce: auth.nonce,
    });
    if (!ok) return 'wrong';
    return fresh === 'stale' ? 'stale' : 'ok';
  }
}
