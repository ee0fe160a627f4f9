import { describe, expect, it } from 'vitest';
import { isAppError } from '../../src/app/index.ts';
import { parseConfigText } from '../../src/app/config.ts';
import { silentLogger } from '../../src/app/logger.ts';
import { TEST_HASHING } from '../../src/accounts/index.ts';
import { createServices } from '../../src/main.ts';
import { forEachDatabase } from '../support/databases.ts';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../support/test-app.ts';

const SECOND = 1000;

async function attempt(t: TestApp, username: string, password: string, address = '10.1.1.1') {
  return t.request('POST', '/api/session', {
    body: { username, password },
    headers: { 'x-forwarded-for': address },
  });
}

/** Fails `n` times for `username` from `address`, each answered 401. */
async function fail(t: TestApp, username: string, address: string, n: number) {
  for (let i = 0; i < n; i++) {
    const res = await attempt(t, username, `wrong ${i} password`, address);
    expect(res.status, `failure ${i + 1}`).toBe(401);
  }
}

/** Status and Retry-After of an attempt. */
async function answer(t: TestApp, username: string, password: string, address: string) {
  const res = await attempt(t, username, password, address);
  return { status: res.status, retryAfter: res.headers.get('retry-after') };
}

const checkedAttempts = async (t: TestApp) =>
  (await t.db.selectFrom('login_attempts').select('id').execute()).length;

describe('failed logins', () => {
  forEachDatabase((_db, open) => {
    it('are answered after a random delay, the same for unknown users and wrong passwords', async () => {
      const t = await createTestApp(open, {
        config: { auth: { failedLogin: { delayMinMs: 300, delayMaxMs: 900 } } },
      });
      await t.userCookie('operator', { username: 'neri' });
      expect(t.delays).toEqual([]);
      const wrong = await attempt(t, 'neri', 'wrong password!');
      const nobody = await attempt(t, 'nessuno', 'wrong password!');
      expect(wrong.status).toBe(401);
      expect(nobody.status).toBe(401);
      expect(await wrong.json()).toEqual(await nobody.json());
      expect(t.delays).toHaveLength(2);
      for (const d of t.delays) {
        expect(d).toBeGreaterThanOrEqual(300);
        expect(d).toBeLessThanOrEqual(900);
      }
      expect((await attempt(t, 'neri', TEST_PASSWORD)).status).toBe(200);
      expect(t.delays).toHaveLength(2);
      const rows = await t.db.selectFrom('login_attempts').selectAll().execute();
      const summary = rows.map((r) => `${r.username}:${r.succeeded}`).sort();
      expect(summary).toEqual(['neri:0', 'neri:1', 'neri:1', 'nessuno:0']);
    });

    it('hold back one address with growing waits, while the right password from another works', async () => {
      const t = await createTestApp(open); // 5 free, then 2 s doubling
      await t.userCookie('operator', { username: 'gialli' });
      const attacker = '10.0.0.66';
      await fail(t, 'gialli', attacker, 6); // the sixth was checked, and starts a 2 s wait
      const waited: string[] = [];
      for (let round = 0; round < 4; round++) {
        const held = await answer(t, 'gialli', TEST_PASSWORD, attacker);
        expect(held.status).toBe(429);
        waited.push(held.retryAfter ?? '');
        // The owner, elsewhere, signs in at once.
        expect((await attempt(t, 'gialli', TEST_PASSWORD, '10.9.9.9')).status).toBe(200);
        t.clock.advance(Number(held.retryAfter) * SECOND);
        await fail(t, 'gialli', attacker, 1);
      }
      expect(waited).toEqual(['2', '4', '8', '16']);
      const res = await attempt(t, 'gialli', TEST_PASSWORD, attacker);
      expect(await res.json()).toMatchObject({
        error: { kind: 'resource_exhausted', details: { retryAfterSeconds: 32 } },
      });
    });

    it('check no password inside a wait, and cap the wait', async () => {
      const t = await createTestApp(open, {
        config: {
          auth: {
            failedLogin: { freePerAccountAndAddress: 1, firstWaitSeconds: 20, maxWaitMinutes: 1 },
          },
        },
      });
      await t.userCookie('operator', { username: 'rosa' });
      const waits: string[] = [];
      await fail(t, 'rosa', '10.0.0.7', 2);
      for (let i = 0; i < 4; i++) {
        const before = await checkedAttempts(t);
        const held = await answer(t, 'rosa', TEST_PASSWORD, '10.0.0.7');
        expect(held.status).toBe(429);
        expect(await checkedAttempts(t)).toBe(before); // refused unchecked, not counted
        waits.push(held.retryAfter ?? '');
        t.clock.advance(Number(held.retryAfter) * SECOND);
        await fail(t, 'rosa', '10.0.0.7', 1);
      }
      expect(waits).toEqual(['20', '40', '60', '60']);
    });

    it('hold back an address that tries many usernames', async () => {
      const t = await createTestApp(open, {
        config: { auth: { failedLogin: { freePerAddress: 3, freePerAccountAndAddress: 10 } } },
      });
      await t.userCookie('operator', { username: 'blu' });
      for (const name of ['a1', 'a2', 'a3', 'a4']) await fail(t, name, '192.0.2.7', 1);
      expect(await answer(t, 'blu', TEST_PASSWORD, '192.0.2.7')).toEqual({
        status: 429,
        retryAfter: '2',
      });
      expect((await attempt(t, 'blu', TEST_PASSWORD, '192.0.2.8')).status).toBe(200);
      t.clock.advance(2 * SECOND);
      expect((await attempt(t, 'blu', TEST_PASSWORD, '192.0.2.7')).status).toBe(200);
    });

    it('forget the failures of a username and address after a success from there', async () => {
      const t = await createTestApp(open, {
        config: { auth: { failedLogin: { freePerAccountAndAddress: 3 } } },
      });
      await t.userCookie('operator', { username: 'viola' });
      for (let round = 0; round < 3; round++) {
        await fail(t, 'viola', '10.1.1.1', 3);
        expect((await attempt(t, 'viola', TEST_PASSWORD)).status).toBe(200);
      }
    });

    it('forget failures older than the window', async () => {
      const t = await createTestApp(open, {
        config: { auth: { failedLogin: { windowMinutes: 10, freePerAccountAndAddress: 2 } } },
      });
      await t.userCookie('operator', { username: 'ocra' });
      await fail(t, 'ocra', '10.0.0.9', 3);
      expect((await answer(t, 'ocra', TEST_PASSWORD, '10.0.0.9')).status).toBe(429);
      t.clock.advance(10 * 60 * SECOND);
      await fail(t, 'ocra', '10.0.0.9', 1); // the first of a new count: no wait
      expect((await attempt(t, 'ocra', TEST_PASSWORD, '10.0.0.9')).status).toBe(200);
    });

    it('hold a burst sent at once to the free failures', async () => {
      const t = await createTestApp(open); // 5 free per username and address
      await t.userCookie('operator', { username: 'burst' });
      const answers = await Promise.all(
        Array.from({ length: 20 }, (_, i) => attempt(t, 'burst', `wrong ${i} pw`, '10.6.6.6')),
      );
      const statuses = answers.map((r) => r.status);
      expect(statuses.filter((s) => s !== 401 && s !== 429)).toEqual([]);
      expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(6);
      expect(await checkedAttempts(t)).toBeLessThanOrEqual(6 + 1); // + the user's own login
    });

    it('still hold back after a restart', async () => {
      const t = await createTestApp(open);
      await t.userCookie('operator', { username: 'verde' });
      await fail(t, 'verde', '10.0.0.5', 6); // the sixth starts a wait
      // A new server on the same database.
      const again = createServices({
        db: t.db,
        clock: t.clock,
        logger: silentLogger(),
        config: t.config,
        hashing: TEST_HASHING,
        loginDelay: () => Promise.resolve(),
      });
      const login = (address: string) =>
        again.accounts.login.login({ username: 'verde', password: TEST_PASSWORD, address });
      const refused = await login('10.0.0.5').then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(isAppError(refused, 'resource_exhausted')).toBe(true);
      expect((await login('10.0.0.6')).principal.username).toBe('verde');
    });
  });
});

describe('auth.failedLogin configuration', () => {
  const problem = (failedLogin: string) => {
    try {
      parseConfigText(`storage: { path: /s }\nauth: { failedLogin: ${failedLogin} }\n`);
      return '';
    } catch (e) {
      return e instanceof Error ? e.message : String(e);
    }
  };

  it('names the keys that replaced the lock-out limits, and checks the waits', () => {
    expect(problem('{ maxPerAccount: 5 }')).toMatch(
      /auth\.failedLogin\.maxPerAccount: replaced by auth\.failedLogin\.freePerAccountAndAddress/,
    );
    expect(problem('{ maxPerAddress: 20 }')).toMatch(
      /auth\.failedLogin\.maxPerAddress: replaced by auth\.failedLogin\.freePerAddress/,
    );
    expect(problem('{ firstWaitSeconds: 120, maxWaitMinutes: 1 }')).toMatch(
      /auth\.failedLogin\.maxWaitMinutes: must be at least firstWaitSeconds/,
    );
    expect(problem('{ freePerAddress: 0 }')).toMatch(/auth\.failedLogin\.freePerAddress/);
    expect(problem('{ alarmFailures: 3, windowMinutes: 30 }')).toBe('');
  });
});
