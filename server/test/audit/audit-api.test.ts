import { describe, expect, it } from 'vitest';
import { verifyAuditExport } from '../../src/audit/log-export.ts';
import { forEachDatabase } from '../support/databases.ts';
import { TEST_PASSWORD } from '../support/test-app.ts';
import { agree, auditEntries, CC, createCity } from '../access/fixture.ts';

interface Page {
  entries: { seq: number; action: string; username: string | null; agencyId: string | null }[];
  nextBeforeSeq: number | null;
}

describe('audit trail over HTTP', () => {
  forEachDatabase((_db, open) => {
    it('records logins, failed logins and logouts', async () => {
      const city = await createCity(open);
      const { t } = city;
      const bad = await t.request('POST', '/api/session', {
        body: { username: 'admin', password: 'wrong password!' },
        headers: { 'x-forwarded-for': '10.1.2.3' },
      });
      expect(bad.status).toBe(401);
      const cookie = await t.login('admin', TEST_PASSWORD);
      expect((await t.request('DELETE', '/api/session', { cookie })).status).toBe(204);
      const tail = (await auditEntries(t)).slice(-3);
      expect(tail).toMatchObject([
        {
          action: 'session.login_failed',
          outcome: 'denied',
          username: 'admin',
          userId: null,
          sourceAddress: '10.1.2.3',
          reason: 'wrong username or password',
        },
        {
          action: 'session.login',
          outcome: 'granted',
          username: 'admin',
          agencyId: 'polizia-municipale',
        },
        { action: 'session.logout', outcome: 'granted', username: 'admin' },
      ]);
    });

    it('filters by user, agency, camera, action, outcome and time, newest first, in pages', async () => {
      const city = await createCity(open);
      const { t } = city;
      await agree(city);
      const auditor = await t.userCookie('auditor', { username: 'dpo' });
      const cc = await t.userCookie('operator', { agencyId: CC, username: 'cc-op' });
      const start = t.clock.nowMs();
      for (const id of ['cam-002', 'cam-005', 'cam-002']) {
        t.clock.advance(1000);
        await t.request('GET', `/api/cameras/${id}`, { cookie: cc });
      }
      const get = async (query: string) => {
        const res = await t.request('GET', `/api/audit?${query}`, { cookie: auditor });
        expect(res.status, query).toBe(200);
        return (await res.json()) as Page;
      };
      const byCamera = await get('cameraId=cam-002');
      // Two refusals of the registry read (any of several permissions), then the camera's creation.
      expect(byCamera.entries.map((e) => e.action)).toEqual([
        'access.denied',
        'access.denied',
        'camera.create',
      ]);
      expect(byCamera.entries[0]?.seq).toBeGreaterThan(byCamera.entries[1]?.seq ?? 0);
      expect((await get(`agencyId=${CC}&outcome=denied`)).entries).toHaveLength(3);
      expect((await get('action=agreement.create')).entries).toHaveLength(1);
      const byName = await get('username=CC-OP');
      expect(byName.entries.map((e) => e.action)).toEqual([
        'access.denied',
        'access.denied',
        'access.denied',
        'session.login',
      ]);
      expect(
        (await get(`fromMs=${start + 1500}&toMs=${start + 2500}&agencyId=${CC}`)).entries,
      ).toMatchObject([{ username: 'cc-op' }]);
      const first = await get('limit=2');
      expect(first.entries).toHaveLength(2);
      const second = await get(`limit=2&beforeSeq=${first.nextBeforeSeq ?? 0}`);
      expect(second.entries[0]?.seq).toBe((first.entries[1]?.seq ?? 0) - 1);
      const bad = await t.request('GET', '/api/audit?limit=5000', { cookie: auditor });
      expect(bad.status).toBe(400);
    });

    it("holds a partner's auditor to their own agency's entries", async () => {
      const city = await createCity(open);
      const { t } = city;
      await agree(city);
      const cc = await t.userCookie('operator', { agencyId: CC, username: 'cc-op' });
      await t.request('GET', '/api/cameras/cam-002', { cookie: cc });
      const ccAuditor = await t.userCookie('auditor', { agencyId: CC, username: 'cc-dpo' });
      const res = await t.request('GET', '/api/audit?agencyId=polizia-municipale&limit=500', {
        cookie: ccAuditor,
      });
      const page = (await res.json()) as Page;
      expect(page.entries.length).toBeGreaterThan(0);
      expect(new Set(page.entries.map((e) => e.agencyId))).toEqual(new Set([CC]));
    });

    it('exports CSV and signed JSON that verifies offline, and detects a changed export', async () => {
      const city = await createCity(open);
      const { t } = city;
      const auditor = await t.userCookie('auditor', { username: 'dpo' });
      const csv = await t.request('GET', '/api/audit/export?format=csv&action=camera.create', {
        cookie: auditor,
      });
      expect(csv.headers.get('content-type')).toContain('text/csv');
      expect(csv.headers.get('content-disposition')).toMatch(
        /attachment; filename="vedetta-audit-.*\.csv"/,
      );
      const lines = (await csv.text()).trimEnd().split('\r\n');
      expect(lines[0]).toBe(
        'seq,time_utc,time_ms,user_id,username,agency_id,source_address,action,camera_id,resource,from_utc,to_utc,outcome,reason,case_reference,details,prev_hash,hash',
      );
      expect(lines).toHaveLength(6);
      const json = await t.request('GET', '/api/audit/export?format=json', { cookie: auditor });
      const doc = (await json.json()) as {
        entries: { reason: string | null }[];
        keyFingerprint: string;
      };
      expect(doc.keyFingerprint).toBe(t.services.audit.key.fingerprint);
      expect(verifyAuditExport(doc)).toEqual({ ok: true, problems: [] });
      const first = doc.entries[0];
      if (first) first.reason = 'modificato';
      expect(verifyAuditExport(doc).ok).toBe(false);
      const actions = (await auditEntries(t)).map((e) => e.action);
      expect(actions.filter((a) => a === 'audit.export')).toHaveLength(2);
    });

    it('verifies the chain on request', async () => {
      const city = await createCity(open);
      const auditor = await city.t.userCookie('auditor', { username: 'dpo' });
      const res = await city.t.request('GET', '/api/audit/verification', { cookie: auditor });
      expect(await res.json()).toMatchObject({ ok: true, checkpoints: 0 });
    });
  });
});
