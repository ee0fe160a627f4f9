import { describe, expect, it } from 'vitest';
import type { AccessChange } from '../../src/access/access-events.ts';
import { authorize } from '../../src/permissions/authorize.ts';
import { isAccessDenied } from '../../src/permissions/denied.ts';
import { forEachDatabase } from '../support/databases.ts';
import { agree, auditEntries, CC, createCity, listed } from './fixture.ts';

describe('a Carabinieri operator', () => {
  forEachDatabase((_db, open) => {
    it('sees exactly the cameras of the active agreement, and nothing outside it', async () => {
      const city = await createCity(open);
      const { t } = city;
      const cc = await t.userCookie('operator', { agencyId: CC, username: 'cc-op' });
      expect(await listed(t, cc)).toEqual([]);
      await agree(city);
      expect(await listed(t, cc)).toEqual(['cam-001', 'cam-003', 'cam-004']);
      const owner = await t.userCookie('operator', { username: 'pm-op' });
      expect(await listed(t, owner)).toEqual([
        'cam-001',
        'cam-002',
        'cam-003',
        'cam-004',
        'cam-005',
      ]);

      for (const id of ['cam-001', 'cam-003']) {
        expect((await t.request('GET', `/api/cameras/${id}`, { cookie: cc })).status).toBe(200);
        expect((await t.request('GET', `/api/cameras/${id}/status`, { cookie: cc })).status).toBe(
          200,
        );
      }
      const range = 'from=2026-03-01T08:00:00Z&to=2026-03-01T09:00:00Z';
      const inside = await t.request('GET', `/api/cameras/cam-004/segments?${range}`, {
        cookie: cc,
      });
      expect(inside.status).toBe(200);

      // Outside the agreement, existing or not, the answer is the same refusal.
      const refusals: Response[] = [];
      for (const path of [
        '/api/cameras/cam-002',
        '/api/cameras/cam-999',
        '/api/cameras/cam-005/status',
        '/api/cameras/cam-999/status',
        `/api/cameras/cam-002/segments?${range}`,
      ]) {
        refusals.push(await t.request('GET', path, { cookie: cc }));
      }
      const bodies = await Promise.all(refusals.map((r) => r.json()));
      expect(refusals.map((r) => r.status)).toEqual([403, 403, 403, 403, 403]);
      expect(bodies[0]).toEqual(bodies[1]);
      expect(bodies[2]).toEqual(bodies[3]);

      const groups = await t.request('GET', '/api/camera-groups', { cookie: cc });
      expect(await groups.json()).toMatchObject({
        groups: [{ id: 'grp-porto', cameraIds: ['cam-003', 'cam-004'] }],
      });
    });

    it('loses every camera when the agreement expires (fake clock)', async () => {
      const city = await createCity(open);
      const { t } = city;
      await agree(city, { validUntilMs: t.clock.nowMs() + 600_000 });
      const cc = await t.userCookie('operator', { agencyId: CC, username: 'cc-op' });
      expect(await listed(t, cc)).toEqual(['cam-001', 'cam-003', 'cam-004']);
      t.clock.advance(600_000 - 1000);
      expect(await listed(t, cc)).toEqual(['cam-001', 'cam-003', 'cam-004']);
      t.clock.advance(1000);
      expect(await listed(t, cc)).toEqual([]);
      expect((await t.request('GET', '/api/cameras/cam-001', { cookie: cc })).status).toBe(403);
    });

    it('loses the cameras at once on suspension and revocation, and subscribers are told', async () => {
      const city = await createCity(open);
      const { t } = city;
      const id = await agree(city);
      const cc = await t.userCookie('operator', { agencyId: CC, username: 'cc-op' });
      const principal = await t.services.accounts.sessions.resolve(
        decodeURIComponent(cc.split('=')[1] ?? ''),
      );
      if (!principal) throw new Error('no session');
      const changes: AccessChange[] = [];
      t.services.access.onAccessChanged((c) => changes.push(c));

      const suspend = await t.request('POST', `/api/agreements/${id}/suspend`, {
        cookie: city.admin,
        body: { reason: 'verifica in corso' },
      });
      expect(suspend.status).toBe(200);
      expect(changes).toMatchObject([
        { reason: 'agreement_suspended', agencyId: CC, agreementId: id },
      ]);
      expect(await t.services.access.stillAllowed(principal, 'cam-001', 'live.view')).toBe(false);
      expect(await listed(t, cc)).toEqual([]);

      await t.request('POST', `/api/agreements/${id}/resume`, { cookie: city.admin });
      expect(await t.services.access.stillAllowed(principal, 'cam-001', 'live.view')).toBe(true);
      expect(await listed(t, cc)).toEqual(['cam-001', 'cam-003', 'cam-004']);

      const revoke = await t.request('POST', `/api/agreements/${id}/revoke`, {
        cookie: city.admin,
        body: { reason: 'protocollo scaduto' },
      });
      expect(revoke.status).toBe(200);
      expect(changes.map((c) => c.reason)).toEqual([
        'agreement_suspended',
        'agreement_changed',
        'agreement_revoked',
      ]);
      expect(await t.services.access.stillAllowed(principal, 'cam-001', 'live.view')).toBe(false);
      expect(await listed(t, cc)).toEqual([]);
      const again = await t.request('POST', `/api/agreements/${id}/resume`, { cookie: city.admin });
      expect(again.status).toBe(409);
    });

    it('is told by the watch when an agreement expires, so open streams close', async () => {
      const city = await createCity(open);
      const { t } = city;
      await agree(city, { validUntilMs: t.clock.nowMs() + 10_000 });
      const access = t.services.access;
      access.start(1000);
      try {
        const expired = new Promise<AccessChange>((resolve) => {
          const off = access.onAccessChanged((c) => {
            if (c.reason === 'agreement_validity') {
              off();
              resolve(c);
            }
          });
        });
        await access.pollNow(); // the watch has read the agreements
        t.clock.advance(10_000);
        await access.pollNow();
        const change = await expired;
        expect(change.atMs).toBeGreaterThanOrEqual(t.clock.nowMs() - 2000);
      } finally {
        access.stop();
      }
    });

    it('without export.create is refused, through authorize and the camera access call', async () => {
      const city = await createCity(open);
      const { t } = city;
      await agree(city);
      const role = await t.request('POST', '/api/roles', {
        cookie: city.admin,
        body: { name: 'cc-osservatore', permissions: ['live.view', 'playback.view'] },
      });
      expect(role.status).toBe(201);
      const cookie = await t.userCookie('cc-osservatore', { agencyId: CC, username: 'cc-obs' });
      const principal = await t.services.accounts.sessions.resolve(
        decodeURIComponent(cookie.split('=')[1] ?? ''),
      );
      if (!principal) throw new Error('no session');
      expect(() =>
        authorize(principal, 'export.create', { kind: 'camera', id: 'cam-001' }),
      ).toThrow(/permission denied/);
      const refused = await t.services.access
        .checkCamera({
          principal,
          cameraId: 'cam-001',
          permission: 'export.create',
          sourceAddress: '10.9.9.9',
          fromMs: t.clock.nowMs() - 60_000,
          toMs: t.clock.nowMs(),
          reason: 'rapina',
          caseReference: 'RG 77/2026',
        })
        .catch((e: unknown) => e);
      expect(isAccessDenied(refused)).toBe(true);
      const viaRoute = await t.request('POST', '/api/exports', {
        cookie,
        body: {
          cameras: ['cam-001'],
          from: new Date(t.clock.nowMs() - 600_000).toISOString(),
          to: new Date(t.clock.nowMs() - 300_000).toISOString(),
          reason: 'rapina in via Chiodo',
          caseReference: 'RG 77/2026',
          recipient: 'Procura di La Spezia',
        },
      });
      expect(viaRoute.status).toBe(403);
      const entries = await auditEntries(t);
      const refusals = entries.filter(
        (e) => e.action === 'export.create' && e.outcome === 'denied',
      );
      expect(refusals).toHaveLength(2);
      expect(refusals[0]).toMatchObject({
        action: 'export.create',
        outcome: 'denied',
        userId: principal.userId,
        agencyId: CC,
        cameraId: 'cam-001',
        reason: 'role_lacks_permission',
        sourceAddress: '10.9.9.9',
      });
    });

    it('must give a reason and a case reference for playback, and both are audited', async () => {
      const city = await createCity(open);
      const { t } = city;
      await agree(city);
      const cookie = await t.userCookie('operator', { agencyId: CC, username: 'cc-op' });
      const principal = await t.services.accounts.sessions.resolve(
        decodeURIComponent(cookie.split('=')[1] ?? ''),
      );
      if (!principal) throw new Error('no session');
      const ask = (reason: string | null, caseReference: string | null) =>
        t.services.access.checkCamera({
          principal,
          cameraId: 'cam-003',
          permission: 'playback.view',
          sourceAddress: '10.9.9.9',
          fromMs: t.clock.nowMs() - 3_600_000,
          toMs: t.clock.nowMs(),
          reason,
          caseReference,
        });
      await expect(ask(null, 'RG 1/2026')).rejects.toThrow(/reason: required/);
      await expect(ask('furto di bicicletta', null)).rejects.toThrow(/caseReference: required/);
      const granted = await ask('furto di bicicletta', 'RG 1/2026');
      expect(granted.entry).toMatchObject({
        action: 'playback.view',
        outcome: 'granted',
        cameraId: 'cam-003',
        reason: 'furto di bicicletta',
        caseReference: 'RG 1/2026',
      });
      const denied = (await auditEntries(t)).filter((e) => e.outcome === 'denied');
      expect(denied.map((e) => e.reason)).toEqual([
        expect.stringContaining('reason: required'),
        expect.stringContaining('caseReference: required'),
      ]);
    });

    it('finds every refusal in the audit trail', async () => {
      const city = await createCity(open);
      const { t } = city;
      await agree(city);
      const cc = await t.userCookie('operator', { agencyId: CC, username: 'cc-op' });
      const attempts: [string, string, string | null][] = [
        ['GET', '/api/cameras/cam-002', 'cam-002'],
        ['GET', '/api/cameras/cam-005/status', 'cam-005'],
        ['GET', '/api/users', null],
        ['GET', '/api/agreements', null],
        ['GET', '/api/audit', null],
        ['POST', '/api/cameras', null],
      ];
      const before = (await auditEntries(t)).length;
      for (const [method, path] of attempts) {
        const body =
          method === 'POST'
            ? {
                name: 'x',
                streams: { main: 'rtsp://1.2.3.4/x' },
                location: { latitude: 1, longitude: 1 },
              }
            : undefined;
        expect((await t.request(method, path, { cookie: cc, body })).status, path).toBe(403);
      }
      const denied = (await auditEntries(t)).slice(before).filter((e) => e.outcome === 'denied');
      expect(denied).toHaveLength(attempts.length);
      for (const [i, [method, path, cameraId]] of attempts.entries()) {
        expect(denied[i]).toMatchObject({ username: 'cc-op', agencyId: CC, cameraId });
        expect(JSON.parse(denied[i]?.details ?? '{}')).toMatchObject({ method, path });
      }
    });
  });
});
