/**
 * API tokens for machines, over HTTP on both databases: an administrator makes a token for a
 * service account with a scope; the secret is shown once and works as `Authorization: Bearer`,
 * only within the scope (and the account's own rights); every use is audited with the token's
 * name; expiry, revocation and a disabled account end it; a partner's user manager sees only their
 * agency's tokens; a token cannot make tokens; a bad token is refused without falling back.
 */
import { describe, expect, it } from 'vitest';
import { forEachDatabase } from '../support/databases.ts';
import { TEST_PASSWORD } from '../support/test-app.ts';
import { agree, auditEntries, CC, createCity, DAY } from '../access/fixture.ts';

interface Made {
  token: { id: string; name: string; permissions: string[]; expiresMs: number };
  secret: string;
}

describe('API tokens', () => {
  forEachDatabase((_db, open) => {
    it('act as their account within their scope, audited, until revoked or expired', async () => {
      const city = await createCity(open);
      const { t, admin } = city;
      const robot = await t.services.accounts.users.create({
        username: 'scraper',
        password: 'a long machine password 1234',
        role: 'operator',
        agencyId: 'polizia-municipale',
      });
      const bearer = (secret: string) => ({ authorization: `Bearer ${secret}` });

      // The scope must be within what the account holds.
      const beyond = await t.request('POST', '/api/tokens', {
        cookie: admin,
        body: { name: 'Troppo', userId: robot.id, permissions: ['user.manage'], days: 30 },
      });
      expect(beyond.status).toBe(400);
      expect(await beyond.text()).toContain('does not hold user.manage');

      const res = await t.request('POST', '/api/tokens', {
        cookie: admin,
        body: {
          name: 'Scraper sala server',
          userId: robot.id,
          permissions: ['live.view'],
          days: 30,
        },
      });
      expect(res.status, await res.clone().text()).toBe(201);
      const made = (await res.json()) as Made;
      expect(made.secret).toMatch(/^vdt_[A-Za-z0-9_-]{43}$/);
      expect(made.token.expiresMs).toBe(t.clock.nowMs() + 30 * DAY);
      // Never shown again, never stored.
      const listedTokens = await t.request('GET', '/api/tokens', { cookie: admin });
      expect(await listedTokens.text()).not.toContain(made.secret);
      const rows = await t.db.selectFrom('api_tokens').selectAll().execute();
      expect(JSON.stringify(rows)).not.toContain(made.secret);

      // Acts as the account: the cameras are listed; beyond the scope, refused.
      const cams = await t.request('GET', '/api/cameras', { headers: bearer(made.secret) });
      expect(cams.status).toBe(200);
      const who = await t.request('GET', '/api/session', { headers: bearer(made.secret) });
      expect(((await who.json()) as { user: { permissions: string[] } }).user.permissions).toEqual([
        'live.view',
      ]);
      const playback = await t.request('POST', '/api/playback/sessions', {
        headers: bearer(made.secret),
        body: {
          cameras: ['cam-001'],
          from: new Date(t.clock.nowMs() - 60_000).toISOString(),
          to: new Date(t.clock.nowMs()).toISOString(),
          reason: 'verifica',
        },
      });
      expect(playback.status).toBe(403);
      // A token cannot make tokens, even one whose account could.
      const own = await t.request('GET', '/api/tokens', { headers: bearer(made.secret) });
      expect(own.status).toBe(403);

      // Every use audited with the token's name.
      const uses = (await auditEntries(t)).filter((e) => e.action === 'token.use');
      const details = (d: string | null): unknown => JSON.parse(d ?? '{}');
      expect(uses.map((e) => [e.username, e.outcome, details(e.details)])).toEqual([
        [
          'scraper',
          'granted',
          expect.objectContaining({
            token: 'Scraper sala server',
            path: '/api/cameras',
            status: 200,
          }),
        ],
        ['scraper', 'granted', expect.objectContaining({ path: '/api/session' })],
        [
          'scraper',
          'denied',
          expect.objectContaining({ path: '/api/playback/sessions', status: 403 }),
        ],
        ['scraper', 'denied', expect.objectContaining({ path: '/api/tokens', status: 403 })],
      ]);
      expect((await auditEntries(t)).some((e) => e.action === 'token.create')).toBe(true);

      // A wrong or malformed token is refused, even with a valid cookie alongside.
      for (const header of ['Bearer vdt_nope', 'Bearer', 'Basic abc']) {
        const r = await t.request('GET', '/api/cameras', {
          cookie: admin,
          headers: { authorization: header },
        });
        expect(r.status).toBe(401);
        expect(await r.text()).toContain('API token');
      }

      // Revoked: refused at once.
      const revoked = await t.request('DELETE', `/api/tokens/${made.token.id}`, { cookie: admin });
      expect(revoked.status).toBe(200);
      expect(
        (await t.request('GET', '/api/cameras', { headers: bearer(made.secret) })).status,
      ).toBe(401);
      expect((await auditEntries(t)).some((e) => e.action === 'token.revoke')).toBe(true);

      // Expired: refused.
      const second = (await (
        await t.request('POST', '/api/tokens', {
          cookie: admin,
          body: { name: 'Breve', userId: robot.id, permissions: ['live.view'], days: 1 },
        })
      ).json()) as Made;
      expect(
        (await t.request('GET', '/api/cameras', { headers: bearer(second.secret) })).status,
      ).toBe(200);
      // The wall clock a day on (timers untouched: a day of periodic sweeps would only cost time).
      t.clock.setWall(t.clock.nowMs() + DAY);
      expect(
        (await t.request('GET', '/api/cameras', { headers: bearer(second.secret) })).status,
      ).toBe(401);

      // A disabled account's tokens stop working (the administrator signs in again: a day
      // passed).
      const again = await t.login('admin', TEST_PASSWORD);
      const third = (await (
        await t.request('POST', '/api/tokens', {
          cookie: again,
          body: { name: 'Terzo', userId: robot.id, permissions: ['live.view'], days: 10 },
        })
      ).json()) as Made;
      const disabled = await t.request('PATCH', `/api/users/${robot.id}`, {
        cookie: again,
        body: { disabled: true },
      });
      expect(disabled.status).toBe(200);
      expect(
        (await t.request('GET', '/api/cameras', { headers: bearer(third.secret) })).status,
      ).toBe(401);
    });

    it("keep a partner's user manager to their own agency", async () => {
      const city = await createCity(open);
      const { t, admin } = city;
      await agree(city);
      const ccAdmin = await t.userCookie('administrator', { agencyId: CC, username: 'cc-admin' });
      const ccRobot = await t.services.accounts.users.create({
        username: 'cc-vms',
        password: 'a long machine password 1234',
        role: 'operator',
        agencyId: CC,
      });
      const cityRobot = await t.services.accounts.users.create({
        username: 'city-vms',
        password: 'a long machine password 1234',
        role: 'operator',
        agencyId: 'polizia-municipale',
      });
      const make = (cookie: string, userId: string) =>
        t.request('POST', '/api/tokens', {
          cookie,
          body: { name: 'VMS', userId, permissions: ['live.view'], days: 30 },
        });
      expect((await make(ccAdmin, cityRobot.id)).status).toBe(404);
      const ccToken = (await (await make(ccAdmin, ccRobot.id)).json()) as Made;
      const cityToken = (await (await make(admin, cityRobot.id)).json()) as Made;

      const names = async (cookie: string) =>
        (
          (await (await t.request('GET', '/api/tokens', { cookie })).json()) as {
            tokens: { id: string }[];
          }
        ).tokens.map((x) => x.id);
      expect(await names(ccAdmin)).toEqual([ccToken.token.id]);
      expect((await names(admin)).sort()).toEqual([ccToken.token.id, cityToken.token.id].sort());
      expect(
        (await t.request('DELETE', `/api/tokens/${cityToken.token.id}`, { cookie: ccAdmin }))
          .status,
      ).toBe(404);
      // The partner's token sees only what the agreement grants.
      const cams = await t.request('GET', '/api/cameras', {
        headers: { authorization: `Bearer ${ccToken.secret}` },
      });
      const ids = ((await cams.json()) as { cameras: { id: string }[] }).cameras.map((c) => c.id);
      expect(ids.sort()).toEqual(['cam-001', 'cam-003', 'cam-004']);
    });
  });
});
