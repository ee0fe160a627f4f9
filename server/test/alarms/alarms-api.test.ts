/**
 * The alarm console over HTTP: a camera offline opens an alarm that clears but stays open until
 * someone closes it; acknowledge, assign, comment and close follow the state rules and are
 * audited; an operator's report (segnalazione) is validated; who may read and handle what (the
 * auditor reads, a partner sees only the alarms of cameras they may watch and handles them only
 * where the agreement grants `alarm.handle`); guessing at an account shows up as an alarm.
 */
import { describe, expect, it } from 'vitest';
import { agree, auditEntries, CC, createCity } from '../access/fixture.ts';
import { forEachDatabase } from '../support/databases.ts';
import { act, cameraStates, listAlarms } from './alarms-fixture.ts';

const MIN = 60_000;

describe('alarm console API', () => {
  forEachDatabase((_name, open) => {
    it('opens an alarm for a camera offline, clears it, and keeps it until closed; audited', async () => {
      const { t } = await createCity(open);
      const op = await t.userCookie('operator', { username: 'rossi' });
      const other = await t.userCookie('operator', { username: 'bianchi' });
      const cams = cameraStates(t, ['cam-001', 'cam-002']);
      cams.offline.add('cam-001');
      await cams.poll();

      const [alarm] = await listAlarms(t, op);
      expect(alarm).toMatchObject({
        kind: 'camera_offline',
        priority: 'high',
        source: 'system',
        state: 'new',
        cameraIds: ['cam-001'],
        params: { cameraId: 'cam-001' },
        clearedMs: null,
        occurrences: 1,
        handleable: true,
      });
      const id = alarm?.id ?? '';

      // Not closed while the camera is still offline; acknowledged once, not twice.
      const early = await act(t, op, `/${id}/close`);
      expect(early.status).toBe(409);
      expect(early.json.error?.message).toMatch(/condition holds/);
      expect((await act(t, op, `/${id}/acknowledge`)).json).toMatchObject({
        state: 'acknowledged',
        acknowledgedBy: 'rossi',
      });
      const twice = await act(t, other, `/${id}/acknowledge`);
      expect(twice.status).toBe(409);
      expect(twice.json.error?.message).toBe(`alarm ${id} is already acknowledged`);

      // The camera comes back: the alarm is cleared, and stays on the console.
      t.clock.advance(5 * MIN);
      cams.offline.delete('cam-001');
      await cams.poll();
      const [cleared] = await listAlarms(t, op);
      expect(cleared).toMatchObject({ id, state: 'acknowledged', clearedMs: t.clock.nowMs() });
      // Offline again while still open: the same alarm, raised again.
      cams.offline.add('cam-001');
      await cams.poll();
      cams.offline.delete('cam-001');
      await cams.poll();
      expect(await listAlarms(t, op)).toEqual([
        expect.objectContaining({ id, occurrences: 2, clearedMs: t.clock.nowMs() }),
      ]);

      const users = await t.request('GET', '/api/alarms/assignees', { cookie: op });
      const { users: mine } = (await users.json()) as { users: { id: string; username: string }[] };
      expect(mine.map((u) => u.username)).toEqual(['admin', 'bianchi', 'rossi']);
      const bianchi = mine.find((u) => u.username === 'bianchi')?.id;
      const ccUser = await t.services.accounts.users.create({
        username: 'cc-op',
        password: 'correct horse battery staple',
        role: 'operator',
        agencyId: CC,
      });
      const foreign = await act(t, op, `/${id}/assign`, { userId: ccUser.id });
      expect(foreign.status).toBe(400);
      expect(foreign.json.error?.message).toMatch(
        /userId: .* is not an active user of your agency/,
      );
      expect((await act(t, op, `/${id}/assign`, { userId: bianchi })).json).toMatchObject({
        assignee: { id: bianchi, name: 'bianchi' },
      });
      expect(
        (await act(t, other, `/${id}/comments`, { text: 'Tecnico avvisato' })).json,
      ).toMatchObject({ commentCount: 1 });
      const empty = await act(t, other, `/${id}/comments`, { text: '  ' });
      expect(empty.status).toBe(400);
      expect(empty.json.error?.message).toMatch(/text: must not be empty/);

      t.clock.advance(MIN);
      const closed = await act(t, other, `/${id}/close`, { note: 'Alimentazione ripristinata' });
      expect(closed.status).toBe(200);
      expect(closed.json).toMatchObject({ state: 'closed', closedBy: 'bianchi', commentCount: 2 });
      expect(closed.json.comments?.map((c) => [c.authorName, c.text])).toEqual([
        ['bianchi', 'Tecnico avvisato'],
        ['bianchi', 'Alimentazione ripristinata'],
      ]);
      for (const path of ['close', 'acknowledge', 'comments']) {
        const again = await act(t, op, `/${id}/${path}`, path === 'comments' ? { text: 'x' } : {});
        expect([path, again.status, again.json.error?.message]).toEqual([
          path,
          409,
          `alarm ${id} is closed`,
        ]);
      }

      // History: gone from the open list, found among all and by text.
      expect(await listAlarms(t, op)).toEqual([]);
      expect((await listAlarms(t, op, '?state=all')).map((a) => a.id)).toEqual([id]);
      expect((await listAlarms(t, op, '?state=closed&q=econnrefused')).map((a) => a.id)).toEqual([
        id,
      ]);
      expect(await listAlarms(t, op, '?state=all&camera=cam-002')).toEqual([]);

      const audit = (await auditEntries(t)).filter((e) => e.action.startsWith('alarm.'));
      expect(audit.map((e) => [e.action, e.username, e.cameraId, e.resource])).toEqual([
        ['alarm.acknowledge', 'rossi', 'cam-001', `alarm:${id}`],
        ['alarm.assign', 'rossi', 'cam-001', `alarm:${id}`],
        ['alarm.comment', 'bianchi', 'cam-001', `alarm:${id}`],
        ['alarm.close', 'bianchi', 'cam-001', `alarm:${id}`],
      ]);
      cams.stop();
    });

    it("takes an operator's report, validated and audited", async () => {
      const { t } = await createCity(open);
      const op = await t.userCookie('operator', { username: 'rossi' });
      const now = t.clock.nowMs();
      const bad = async (body: Record<string, unknown>) => {
        const res = await t.request('POST', '/api/alarms', { cookie: op, body });
        return [res.status, ((await res.json()) as { error: { message: string } }).error.message];
      };
      const report = { cameraId: 'cam-002', atMs: now - 2 * MIN, note: 'Rissa davanti al bar' };
      expect(await bad({ ...report, note: '' })).toEqual([400, expect.stringMatching(/note/)]);
      expect(await bad({ ...report, atMs: now + 10 * MIN })).toEqual([
        400,
        'invalid report: atMs: must not be in the future',
      ]);
      expect(await bad({ ...report, priority: 'urgent' })).toEqual([
        400,
        expect.stringMatching(/priority/),
      ]);
      expect(await bad({ ...report, extra: 1 })).toEqual([400, expect.stringMatching(/extra/)]);
      expect(await bad({ ...report, cameraId: 'cam-999' })).toEqual([
        404,
        'camera cam-999 not found',
      ]);

      const res = await t.request('POST', '/api/alarms', {
        cookie: op,
        body: { ...report, priority: 'high' },
      });
      expect(res.status, await res.clone().text()).toBe(201);
      const made = (await res.json()) as { id: string };
      expect(made).toMatchObject({
        kind: 'operator_report',
        source: 'operator',
        priority: 'high',
        state: 'new',
        cameraIds: ['cam-002'],
        eventMs: now - 2 * MIN,
        message: 'Rissa davanti al bar',
        raisedBy: 'rossi',
      });
      // Closed at once: an operator's report has no condition to wait for.
      expect((await act(t, op, `/${made.id}/close`)).json).toMatchObject({ state: 'closed' });
      const audit = (await auditEntries(t)).filter((e) => e.action.startsWith('alarm.'));
      expect(audit.map((e) => [e.action, e.cameraId, e.fromMs])).toEqual([
        ['alarm.raise', 'cam-002', now - 2 * MIN],
        ['alarm.close', 'cam-002', now - 2 * MIN],
      ]);
    });

    it('lets the auditor read, and a partner see and handle only what the agreement grants', async () => {
      const city = await createCity(open);
      const { t } = city;
      const op = await t.userCookie('operator');
      const auditor = await t.userCookie('auditor');
      const cc = await t.userCookie('operator', { agencyId: CC, username: 'cc-op' });
      await agree(city, { groupIds: [], cameraIds: ['cam-001'] });
      const cams = cameraStates(t, ['cam-001', 'cam-002']);
      cams.offline.add('cam-001');
      cams.offline.add('cam-002');
      await cams.poll();
      t.services.retention.alarms.raise({
        key: 'storage.low',
        kind: 'storage.low',
        severity: 'critical',
        message: 'recording volume below its low-water mark',
      });
      await t.services.alarmQueue.idle();

      const byCamera = (list: { kind: string; cameraIds: string[] }[]) =>
        list.map((a) => `${a.kind}:${a.cameraIds.join(',')}`).sort();
      expect(byCamera(await listAlarms(t, op))).toEqual([
        'camera_offline:cam-001',
        'camera_offline:cam-002',
        'disk_pressure:',
      ]);
      const forAuditor = await listAlarms(t, auditor);
      expect(byCamera(forAuditor)).toHaveLength(3);
      expect(forAuditor.every((a) => !a.handleable)).toBe(true);
      const first = forAuditor[0]?.id ?? '';
      expect((await act(t, auditor, `/${first}/acknowledge`)).status).toBe(403);

      const forPartner = await listAlarms(t, cc);
      expect(byCamera(forPartner)).toEqual(['camera_offline:cam-001']);
      const theirs = forPartner[0]?.id ?? '';
      expect(forPartner[0]?.handleable).toBe(false);
      expect((await act(t, cc, `/${theirs}/acknowledge`)).status).toBe(403);
      const notTheirs = (await listAlarms(t, op)).find((a) => a.cameraIds[0] === 'cam-002')?.id;
      expect((await t.request('GET', `/api/alarms/${notTheirs}`, { cookie: cc })).status).toBe(404);

      // A second agreement grants alarm.handle on cam-001.
      await agree(city, {
        groupIds: [],
        cameraIds: ['cam-001'],
        permissions: ['live.view', 'alarm.handle'],
      });
      const cc2 = await t.login('cc-op', 'correct horse battery staple');
      expect((await act(t, cc2, `/${theirs}/acknowledge`)).json).toMatchObject({
        state: 'acknowledged',
        acknowledgedBy: 'cc-op',
      });
      const hidden = await act(t, cc2, `/${notTheirs}/acknowledge`);
      expect(hidden.status).toBe(404);
      const report = await t.request('POST', '/api/alarms', {
        cookie: cc2,
        body: { cameraId: 'cam-002', atMs: t.clock.nowMs(), note: 'non mia' },
      });
      expect(report.status).toBe(403);
      cams.stop();
    });

    it('shows guessing at an account as an alarm of the owner agency', async () => {
      const city = await createCity(open);
      const { t } = city;
      const cc = await t.userCookie('operator', { agencyId: CC, username: 'cc-op' });
      await agree(city);
      for (let i = 0; i < 10; i++) {
        await t.request('POST', '/api/session', {
          body: { username: 'admin', password: 'not the password' },
          headers: { 'x-forwarded-for': `10.0.0.${i + 1}` },
        });
      }
      await t.services.alarmQueue.idle();
      expect(await listAlarms(t, city.admin)).toEqual([
        expect.objectContaining({
          kind: 'login_guessing',
          priority: 'medium',
          params: { username: 'admin' },
          cameraIds: [],
          handleable: true,
        }),
      ]);
      expect(await listAlarms(t, cc)).toEqual([]);
    });
  });
});
