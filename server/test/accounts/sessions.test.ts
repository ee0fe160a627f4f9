import { describe, expect, it } from 'vitest';
import { forEachDatabase } from '../support/databases.ts';
import { createTestApp, TEST_PASSWORD } from '../support/test-app.ts';

const MINUTE = 60_000;

describe('sessions', () => {
  forEachDatabase((_db, open) => {
    it('log in, answer GET /api/session, and end at logout', async () => {
      const t = await createTestApp(open);
      await t.services.accounts.users.create({
        username: 'Rossi',
        displayName: 'Mario Rossi',
        password: TEST_PASSWORD,
        role: 'supervisor',
        agencyId: 'polizia-municipale',
      });
      const res = await t.request('POST', '/api/session', {
        body: { username: 'rossi', password: TEST_PASSWORD },
      });
      expect(res.status).toBe(200);
      const setCookie = res.headers.get('set-cookie') ?? '';
      expect(setCookie).toMatch(/^vedetta_session=[A-Za-z0-9_-]{43};/);
      expect(setCookie).toMatch(/HttpOnly/);
      expect(setCookie).toMatch(/SameSite=Strict/);
      expect(setCookie).not.toMatch(/Secure/);
      const body = (await res.json()) as { user: Record<string, unknown> };
      expect(body.user).toMatchObject({
        username: 'rossi',
        displayName: 'Mario Rossi',
        role: 'supervisor',
        agencyId: 'polizia-municipale',
        // The header shows the agency's name, not its id.
        agencyName: (await t.services.accounts.agencies.get('polizia-municipale')).name,
      });
      expect(body.user['agencyName']).not.toBe('polizia-municipale');
      expect(body.user['permissions']).toContain('mask.lift');
      expect(body.user['permissions']).not.toContain('user.manage');

      const cookie = setCookie.split(';')[0] ?? '';
      const me = await t.request('GET', '/api/session', { cookie });
      expect(await me.json()).toEqual(body);
      expect((await t.request('DELETE', '/api/session', { cookie })).status).toBe(204);
      expect((await t.request('GET', '/api/session', { cookie })).status).toBe(401);
    });

    it('expire after the idle time without requests, on the fake clock', async () => {
      const t = await createTestApp(open); // idle 30 min, absolute 12 h by default
      const cookie = await t.userCookie('operator');
      t.clock.advance(29 * MINUTE);
      expect((await t.request('GET', '/api/session', { cookie })).status).toBe(200);
      t.clock.advance(29 * MINUTE); // 58 min after login, 29 since the last request
      expect((await t.request('GET', '/api/session', { cookie })).status).toBe(200);
      t.clock.advance(30 * MINUTE);
      const res = await t.request('GET', '/api/session', { cookie });
      expect(res.status).toBe(401);
      expect((await t.request('GET', '/api/session', { cookie })).status).toBe(401);
    });

    it('expire at the absolute limit however active they are', async () => {
      const t = await createTestApp(open, {
        config: { auth: { session: { idleMinutes: 30, absoluteHours: 2 } } },
      });
      const cookie = await t.userCookie('operator');
      for (let i = 0; i < 7; i++) {
        t.clock.advance(17 * MINUTE);
        expect((await t.request('GET', '/api/cameras', { cookie })).status, `step ${i}`).toBe(200);
      }
      t.clock.advance(2 * MINUTE); // 121 minutes after login
      expect((await t.request('GET', '/api/cameras', { cookie })).status).toBe(401);
    });

    it('end when the account is disabled', async () => {
      const t = await createTestApp(open);
      const cookie = await t.userCookie('operator', { username: 'bianchi' });
      const user = await t.services.accounts.users.findByUsername('bianchi');
      await t.services.accounts.users.setDisabled(user?.id ?? '', true);
      expect((await t.request('GET', '/api/session', { cookie })).status).toBe(401);
      const again = await t.request('POST', '/api/session', {
        body: { username: 'bianchi', password: TEST_PASSWORD },
      });
      expect(again.status).toBe(401);
    });

    it('set the Secure flag when served over TLS', async () => {
      const t = await createTestApp(open, { config: { server: { behindTlsProxy: true } } });
      await t.services.accounts.users.create({
        username: 'verdi',
        password: TEST_PASSWORD,
        role: 'operator',
        agencyId: 'polizia-municipale',
      });
      const res = await t.request('POST', '/api/session', {
        body: { username: 'verdi', password: TEST_PASSWORD },
      });
      expect(res.headers.get('set-cookie')).toMatch(/; Secure/);
    });
  });
});
