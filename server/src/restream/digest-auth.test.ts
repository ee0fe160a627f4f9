import { describe, expect, it } from 'vitest';
import { FakeClock } from '../app/index.ts';
import { authorizationFor, digestHa1, parseAuthChallenges, pickChallenge } from '../media/index.ts';
import { DigestAuthenticator } from './digest-auth.ts';
import type { ServiceAccountSecret } from './service-accounts.ts';

const account = { id: 'a1', name: 'cc-vms', agencyId: 'cc', createdMs: 0, disabledMs: null };
const secret: ServiceAccountSecret = {
  account,
  realm: 'Vedetta',
  ha1: digestHa1('MD5', 'cc-vms', 'Vedetta', 'a long enough password'),
};

function answer(challenge: string, password: string, method = 'DESCRIBE'): string {
  const c = pickChallenge(parseAuthChallenges(challenge));
  if (c === undefined) throw new Error('no challenge');
  return authorizationFor(
    c,
    { username: 'cc-vms', password },
    { method, uri: 'rtsp://h/cam-001/main', cnonce: 'abc', nc: 1 },
  );
}

describe('DigestAuthenticator', () => {
  const clock = new FakeClock(1_700_000_000_000);
  const auth = new DigestAuthenticator('Vedetta', clock, (name) =>
    Promise.resolve(name === 'cc-vms' ? secret : undefined),
  );

  it('accepts the right answer from the stored HA1, refuses a wrong one', async () => {
    const challenge = auth.challenge();
    expect(challenge).toMatch(
      /^Digest realm="Vedetta", nonce="[0-9a-f]+\.[0-9a-f]{32}", qop="auth", algorithm=MD5$/,
    );
    expect(await auth.check('DESCRIBE', answer(challenge, 'a long enough password'))).toEqual({
      kind: 'ok',
      account,
    });
    expect(await auth.check('DESCRIBE', answer(challenge, 'wrong'))).toEqual({
      kind: 'wrong',
      name: 'cc-vms',
    });
    // The digest covers the method.
    expect((await auth.check('PLAY', answer(challenge, 'a long enough password'))).kind).toBe(
      'wrong',
    );
    expect(await auth.check('DESCRIBE', undefined)).toEqual({ kind: 'missing' });
    expect(await auth.check('DESCRIBE', 'Digest username=')).toEqual({ kind: 'malformed' });
  });

  it('calls an expired nonce stale (the client answers again without asking its user)', async () => {
    const challenge = auth.challenge();
    clock.advance(5 * 60_000 + 1);
    const outcome = await auth.check('DESCRIBE', answer(challenge, 'a long enough password'));
    expect(outcome).toEqual({ kind: 'stale', name: 'cc-vms' });
    expect(auth.challenge(true)).toContain('stale=TRUE');
  });

  it('refuses a nonce it did not issue', async () => {
    const other = new DigestAuthenticator('Vedetta', clock, () => Promise.resolve(secret));
    const outcome = await auth.check(
      'DESCRIBE',
      answer(other.challenge(), 'a long enough password'),
    );
    expect(outcome.kind).toBe('wrong');
  });
});
