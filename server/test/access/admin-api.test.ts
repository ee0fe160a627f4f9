import { describe, expect, it } from 'vitest';
import { TEST_PASSWORD } from '../support/test-app.ts';
import { forEachDatabase } from '../support/databases.ts';
import { auditEntries, CC, createCity, terms } from './fixture.ts';

interface ErrorBody {
  error: { kind: string; message: string };
}

describe('administration API', () => {
  forEachDatabase((_db, open) => {
    it('validates agreements and names the bad field', async () => {
      const city = await createCity(open);
      const { t } = city;
      const cases: [Record<string, unknown>, number, string][] = [
        [{ granteeAgencyId: 'nessuna' }, 400, 'granteeAgencyId: agency nessuna does not exist'],
        [{ granteeAgencyId: 'polizia-municipale' }, 400, 'granteeAgencyId: the owner agency'],
        [{ permissions: ['camera.manage'] }, 400, 'permissions: camera.manage cannot be granted'],
        [{ cameraIds: [], groupIds: [] }, 400, 'cameraIds: name at least one camera'],
        [{ cameraIds: ['cam-404'] }, 400, 'cameraIds: unknown cameras cam-404'],
        [{ groupIds: ['grp-x'] }, 400, 'groupIds: unknown groups grp-x'],
        [{ legalInstrumentDate: '2025-02-30' }, 400, 'legalInstrumentDate: must be a date'],
        [{ validUntilMs: 5 }, 400, 'validUntilMs: must be after validFromMs'],
        [{ legalInstrument: '' }, 400, 'legalInstrument'],
        [{ extra: 1 }, 400, 'extra'],
      ];
      for (const [over, status, message] of cases) {
        const res = await t.request('POST', '/api/agreements', {
          cookie: city.admin,
          body: terms(t, over),
        });
        expect(res.status, JSON.stringify(over)).toBe(status);
        expect(((await res.json()) as ErrorBody).error.message).toContain(message);
      }
    });

    it('creates, changes and lists agreements with their legal instrument, and audits it', async () => {
      const city = await createCity(open);
      const { t } = city;
      const created = await t.request('POST', '/api/agreements', {
        cookie: city.admin,
        body: terms(t),
      });
      expect(created.status).toBe(201);
      const a = (await created.json()) as { id: string };
      expect(a).toMatchObject({
        grantorAgencyId: 'polizia-municipale',
        granteeAgencyId: CC,
        legalInstrument: "Protocollo d'intesa prot. 1234/2025",
        legalInstrumentDate: '2025-03-01',
        status: 'active',
        inForce: true,
        permissions: ['live.view', 'playback.view', 'export.create'],
        cameraIds: ['cam-001'],
        groupIds: ['grp-porto'],
      });
      const changed = await t.request('PUT', `/api/agreements/${a.id}`, {
        cookie: city.admin,
        body: terms(t, { permissions: ['live.view'], cameraIds: ['cam-002'], groupIds: [] }),
      });
      expect(await changed.json()).toMatchObject({
        permissions: ['live.view'],
        cameraIds: ['cam-002'],
      });
      const list = await t.request('GET', `/api/agreements?granteeAgencyId=${CC}`, {
        cookie: city.admin,
      });
      expect(((await list.json()) as { agreements: unknown[] }).agreements).toHaveLength(1);
      const actions = (await auditEntries(t)).map((e) => e.action);
      expect(actions).toEqual(expect.arrayContaining(['agreement.create', 'agreement.update']));
    });

    it('manages custom roles with a look-back limit that bounds playback', async () => {
      const city = await createCity(open);
      const { t } = city;
      const bad = await t.request('POST', '/api/roles', {
        cookie: city.admin,
        body: { name: 'x', permissions: ['live.watch'] },
      });
      expect(((await bad.json()) as ErrorBody).error.message).toBe(
        'permissions: unknown live.watch',
      );
      const builtin = await t.request('PUT', '/api/roles/operator', {
        cookie: city.admin,
        body: { permissions: [] },
      });
      expect(builtin.status).toBe(409);
      const res = await t.request('POST', '/api/roles', {
        cookie: city.admin,
        body: {
          name: 'notte',
          description: 'Turno di notte',
          permissions: ['live.view', 'playback.view'],
          playbackLookbackMs: 86_400_000,
        },
      });
      expect(res.status).toBe(201);
      await t.services.accounts.users.create({
        username: 'notte1',
        password: TEST_PASSWORD,
        role: 'notte',
        agencyId: 'polizia-municipale',
      });
      const cookie = await t.login('notte1', TEST_PASSWORD);
      const now = t.clock.nowMs();
      const seg = (from: number) =>
        `/api/cameras/cam-001/segments?from=${new Date(from).toISOString()}&to=${new Date(now).toISOString()}`;
      expect((await t.request('GET', seg(now - 3_600_000), { cookie })).status).toBe(200);
      expect((await t.request('GET', seg(now - 2 * 86_400_000), { cookie })).status).toBe(403);
      const inUse = await t.request('DELETE', '/api/roles/notte', { cookie: city.admin });
      expect(inUse.status).toBe(409);
      const roles = await t.request('GET', '/api/roles', { cookie: city.admin });
      const names = ((await roles.json()) as { roles: { name: string }[] }).roles.map(
        (r) => r.name,
      );
      expect(names).toEqual(['administrator', 'supervisor', 'operator', 'auditor', 'notte']);
    });

    it('lets a partner user manager reach only their own agency', async () => {
      const city = await createCity(open);
      const { t } = city;
      const ccAdmin = await t.userCookie('administrator', { agencyId: CC, username: 'cc-admin' });
      await t.userCookie('operator', { agencyId: CC, username: 'cc-op' });
      const pm = await t.services.accounts.users.findByUsername('admin');
      const list = await t.request('GET', '/api/users', { cookie: ccAdmin });
      const users = ((await list.json()) as { users: { username: string }[] }).users;
      expect(users.map((u) => u.username).sort()).toEqual(['cc-admin', 'cc-op']);
      const other = await t.request('GET', `/api/users/${pm?.id ?? ''}`, { cookie: ccAdmin });
      const none = await t.request('GET', '/api/users/no-such-user', { cookie: ccAdmin });
      expect([other.status, none.status]).toEqual([403, 403]);
      const outside = await t.request('POST', '/api/users', {
        cookie: ccAdmin,
        body: {
          username: 'x1',
          password: TEST_PASSWORD,
          role: 'operator',
          agencyId: 'polizia-municipale',
        },
      });
      expect(outside.status).toBe(403);
      const inside = await t.request('POST', '/api/users', {
        cookie: ccAdmin,
        body: { username: 'cc-op2', password: TEST_PASSWORD, role: 'operator', agencyId: CC },
      });
      expect(inside.status).toBe(201);
      const agencies = await t.request('GET', '/api/agencies', { cookie: ccAdmin });
      expect(await agencies.json()).toEqual({
        agencies: [{ id: CC, name: 'Carabinieri - Comando Provinciale', kind: 'partner' }],
      });
      expect(
        (
          await t.request('POST', '/api/roles', {
            cookie: ccAdmin,
            body: { name: 'r', permissions: [] },
          })
        ).status,
      ).toBe(403);
      expect((await t.request('GET', '/api/agreements', { cookie: ccAdmin })).status).toBe(403);
    });

    it('changes an account: role, display name, disabled (which ends its sessions), password', async () => {
      const city = await createCity(open);
      const { t } = city;
      const cookie = await t.userCookie('operator', { username: 'rossi' });
      const u = await t.services.accounts.users.findByUsername('rossi');
      const res = await t.request('PATCH', `/api/users/${u?.id ?? ''}`, {
        cookie: city.admin,
        body: { role: 'supervisor', displayName: 'Mario Rossi' },
      });
      expect(await res.json()).toMatchObject({ role: 'supervisor', displayName: 'Mario Rossi' });
      const who = await t.request('GET', '/api/session', { cookie });
      expect(await who.json()).toMatchObject({ user: { role: 'supervisor' } });
      await t.request('PATCH', `/api/users/${u?.id ?? ''}`, {
        cookie: city.admin,
        body: { disabled: true },
      });
      expect((await t.request('GET', '/api/session', { cookie })).status).toBe(401);
      const entries = (await auditEntries(t)).filter((e) => e.action === 'user.update');
      expect(entries.map((e) => JSON.parse(e.details ?? '{}') as unknown)).toEqual([
        expect.objectContaining({
          changes: {
            role: { from: 'operator', to: 'supervisor' },
            displayName: { from: 'rossi', to: 'Mario Rossi' },
          },
        }),
        expect.objectContaining({ changes: { disabled: true } }),
      ]);
    });
  });
});
