import { describe, expect, it } from 'vitest';
import { forEachDatabase } from '../support/databases.ts';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../support/test-app.ts';

const MINUTE = 60_000;

async function attempt(t: TestApp, username: string, password: string, address = '10.1.1.1') {
  return t.request('POST', '/api/session', {
    body: { username, password },
    headers: { 'x-forwarded-for': address },
  });
}

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

    it('lock an account after too many failures, even for the right password, until the window passes', async () => {
      const t = await createTestApp(open); // 5 per account per 15 minutes
      await t.userCookie('operator', { username: 'gialli' });
      t.clock.advance(1000);
      for (let i = 0; i < 5; i++) {
        expect((await attempt(t, 'gialli', `wrong ${i} password`, `10.0.0.${i}`)).status).toBe(401);
      }
      const locked = await attempt(t, 'gialli', TEST_PASSWORD, '10.9.9.9');
      expect(locked.status).toBe(429);
      expect(locked.headers.get('retry-after')).toBe('900');
      expect(await locked.json()).toMatchObject({ error: { kind: 'resource_exhausted' } });
      expect(t.delays).toHaveLength(6);
      t.clock.advance(16 * MINUTE);
      expect((await attempt(t, 'gialli', TEST_PASSWORD, '10.9.9.9')).status).toBe(200);
    });

    it('block an address that tries many accounts', async () => {
      const t = await createTestApp(open, {
        config: { auth: { failedLogin: { maxPerAddress: 3, maxPerAccount: 10 } } },
      });
      await t.userCookie('operator', { username: 'blu' });
      for (const name of ['a1', 'a2', 'a3']) {
        expect((await attempt(t, name, 'whatever pass', '192.0.2.7')).status).toBe(401);
      }
      expect((await attempt(t, 'blu', TEST_PASSWORD, '192.0.2.7')).status).toBe(429);
      expect((await attempt(t, 'blu', TEST_PASSWORD, '192.0.2.8')).status).toBe(200);
    });

    it('reset the account count after a successful login', async () => {
      const t = await createTestApp(open, {
        config: { auth: { failedLogin: { maxPerAccount: 3, maxPerAddress: 100 } } },
      });
      await t.userCookie('operator', { username: 'viola' });
      for (let round = 0; round < 3; round++) {
        for (let i = 0; i < 2; i++) {
          t.clock.advance(1000);
          expect((await attempt(t, 'viola', 'not the password')).status).toBe(401);
        }
        t.clock.advance(1000);
        expect((await attempt(t, 'viola', TEST_PASSWORD)).status).toBe(200);
      }
    });
  });
});
