/**
 * Wall displays over HTTP: a manager creates a display bound to a display account; an operator
 * pushes a camera, a view or an instant replay and takes it back, every push audited; the display
 * account then may open exactly what is pushed and nothing else (no camera list, no views, no
 * other camera's stream), whatever its role; pushing needs `display.push` (refusal audited) and
 * what is pushed must be what the pusher may see; a partner agency's operator sees only their
 * agency's displays and pushes only the cameras granted to it.
 */
import { describe, expect, it } from 'vitest';
import { agree, auditEntries, CC, createCity } from '../access/fixture.ts';
import { forEachDatabase } from '../support/databases.ts';
import { displayWithAccount, push, tokenStatus, type DisplayJson } from './displays-fixture.ts';

/** An audit entry's details, parsed (stored as canonical JSON). */
function detailsOf(e: { details: unknown }): Record<string, unknown> {
  return (typeof e.details === 'string' ? JSON.parse(e.details) : e.details) as Record<
    string,
    unknown
  >;
}

describe('displays API', () => {
  forEachDatabase((_name, open) => {
    it('pushes a camera and takes it back; the display opens only what is pushed', async () => {
      const city = await createCity(open);
      const { t } = city;
      // An operator-role account: bound to a display, it holds only what is pushed to it.
      const { display, cookie: wall } = await displayWithAccount(city, {
        username: 'schermo1',
        role: 'operator',
      });
      expect(display).toMatchObject({ accountUsername: 'schermo1', content: { kind: 'none' } });
      const op = await t.userCookie('operator', { username: 'rossi' });

      const me = await t.request('GET', '/api/displays/me', { cookie: wall });
      expect(await me.json()).toMatchObject({ id: display.id, content: { kind: 'none' } });
      const session = (await (await t.request('GET', '/api/session', { cookie: wall })).json()) as {
        user: { display: { id: string } | null; permissions: string[] };
      };
      expect(session.user.display?.id).toBe(display.id);
      expect(session.user.permissions).toEqual([]);
      expect(await tokenStatus(t, wall, 'cam-001')).toBe(403);

      const pushed = await push(t, op, display.id, { kind: 'camera', cameraId: 'cam-001' });
      expect(pushed.status, await pushed.clone().text()).toBe(200);
      expect(await pushed.json()).toMatchObject({
        content: { kind: 'camera', cameraId: 'cam-001', stream: 'main' },
        pushedBy: 'rossi',
      });
      const list = (await (await t.request('GET', '/api/displays', { cookie: op })).json()) as {
        displays: DisplayJson[];
      };
      expect(list.displays.map((d) => [d.name, d.content.kind, d.pushedBy])).toEqual([
        ['Videowall', 'camera', 'rossi'],
      ]);

      // The display opens the pushed camera, and nothing else.
      expect(await tokenStatus(t, wall, 'cam-001')).toBe(200);
      expect(await tokenStatus(t, wall, 'cam-002')).toBe(403);
      const masks = await t.request('GET', '/api/cameras/cam-001/masks', { cookie: wall });
      expect(masks.status).toBe(200);
      for (const path of ['/api/cameras', '/api/views', '/api/alarms', '/api/displays']) {
        const res = await t.request('GET', path, { cookie: wall });
        expect(res.status, path).toBe(403);
      }
      expect(
        (await push(t, wall, display.id, { kind: 'camera', cameraId: 'cam-001' })).status,
      ).toBe(403);

      const cleared = await t.request('POST', `/api/displays/${display.id}/clear`, { cookie: op });
      expect(cleared.status).toBe(200);
      expect(await cleared.json()).toMatchObject({ content: { kind: 'none' }, pushedBy: null });
      expect(await tokenStatus(t, wall, 'cam-001')).toBe(403);

      const entries = await auditEntries(t);
      const pushEntry = entries.find((e) => e.action === 'display.push');
      expect(pushEntry).toMatchObject({
        outcome: 'granted',
        username: 'rossi',
        cameraId: 'cam-001',
        resource: `display:${display.id}`,
      });
      expect(detailsOf(pushEntry ?? { details: null })).toMatchObject({
        display: 'Videowall',
        kind: 'camera',
      });
      const clearEntry = entries.find((e) => e.action === 'display.clear');
      expect(detailsOf(clearEntry ?? { details: null })).toMatchObject({
        before: { kind: 'camera', cameras: ['cam-001'] },
        pushedBy: 'rossi',
      });
      expect(entries.some((e) => e.action === 'display.create')).toBe(true);
      // The display's refused browsing is in the audit trail too.
      expect(
        entries.some(
          (e) =>
            e.outcome === 'denied' &&
            e.username === 'schermo1' &&
            detailsOf(e)['path'] === '/api/cameras',
        ),
      ).toBe(true);
    });

    it('refuses a push without display.push (audited) and a camera the pusher may not see', async () => {
      const city = await createCity(open);
      const { t } = city;
      const { display } = await displayWithAccount(city, { username: 'schermo1' });
      const auditor = await t.userCookie('auditor', { username: 'dpo' });
      const op = await t.userCookie('operator', { username: 'rossi' });

      const refused = await push(t, auditor, display.id, { kind: 'camera', cameraId: 'cam-001' });
      expect(refused.status).toBe(403);
      const made = await t.request('POST', '/api/displays', {
        cookie: op,
        body: { name: 'Mio schermo' },
      });
      expect(made.status).toBe(403);
      const entries = await auditEntries(t);
      expect(
        entries.find((e) => e.action === 'display.push' && e.outcome === 'denied'),
      ).toMatchObject({ username: 'dpo' });

      // Unknown camera, a view that is not the pusher's, a display of nowhere.
      expect((await push(t, op, display.id, { kind: 'camera', cameraId: 'cam-999' })).status).toBe(
        404,
      );
      expect((await push(t, op, display.id, { kind: 'view', viewId: 'nope' })).status).toBe(404);
      expect((await push(t, op, 'nope', { kind: 'camera', cameraId: 'cam-001' })).status).toBe(404);
      const bad = await push(t, op, display.id, { kind: 'replay', cameraId: 'cam-001', fromMs: 1 });
      expect(bad.status).toBe(400);
      const future = await push(t, op, display.id, {
        kind: 'replay',
        cameraId: 'cam-001',
        fromMs: t.clock.nowMs() + 60_000,
        reason: 'verifica',
      });
      expect(future.status).toBe(400);
    });

    it('pushes a view (tiles copied) and a replay (playback on its camera only)', async () => {
      const city = await createCity(open);
      const { t } = city;
      const { display, cookie: wall } = await displayWithAccount(city, { username: 'schermo1' });
      const op = await t.userCookie('operator', { username: 'rossi' });
      const saved = await t.request('POST', '/api/views', {
        cookie: op,
        body: {
          name: 'Centro',
          layout: '4',
          tiles: [
            { cameraId: 'cam-001', stream: 'sub' },
            { cameraId: 'cam-002', stream: 'sub' },
            {
              cameraId: null,
              stream: 'sub',
              tour: { cameraIds: ['cam-004', 'cam-005'], seconds: 10 },
            },
            { cameraId: null, stream: 'sub' },
          ],
        },
      });
      expect(saved.status, await saved.clone().text()).toBe(201);
      const view = (await saved.json()) as { id: string };
      const res = await push(t, op, display.id, { kind: 'view', viewId: view.id });
      expect(res.status, await res.clone().text()).toBe(200);
      const shown = (await res.json()) as DisplayJson;
      expect(shown.content).toMatchObject({ kind: 'view', name: 'Centro', layout: '4' });
      expect(shown.content.tiles?.map((x) => x.cameraId)).toEqual([
        'cam-001',
        'cam-002',
        'cam-004',
        null,
      ]);
      // A tile's tour goes with it, and the display may watch every camera of it.
      expect(shown.content.tiles?.[2]).toMatchObject({
        tour: { cameraIds: ['cam-004', 'cam-005'], seconds: 10 },
      });
      expect(await tokenStatus(t, wall, 'cam-002')).toBe(200);
      expect(await tokenStatus(t, wall, 'cam-005')).toBe(200);
      expect(await tokenStatus(t, wall, 'cam-003')).toBe(403);

      const fromMs = t.clock.nowMs() - 120_000;
      const replay = await push(t, op, display.id, {
        kind: 'replay',
        cameraId: 'cam-003',
        fromMs,
        reason: 'Verifica incidente via Roma',
      });
      expect(replay.status, await replay.clone().text()).toBe(200);
      expect(await tokenStatus(t, wall, 'cam-001')).toBe(403);
      // The replay's playback session opens for its camera from its start, not for another.
      const session = (body: Record<string, unknown>) =>
        t.request('POST', '/api/playback/sessions', { cookie: wall, body });
      const iso = (ms: number) => new Date(ms).toISOString();
      const ok = await session({
        cameras: ['cam-003'],
        from: iso(fromMs),
        to: iso(t.clock.nowMs()),
        reason: 'Verifica incidente via Roma',
      });
      expect(ok.status, await ok.clone().text()).toBe(201);
      const other = await session({
        cameras: ['cam-002'],
        from: iso(fromMs),
        to: iso(t.clock.nowMs()),
        reason: 'Verifica incidente via Roma',
      });
      expect(other.status).toBe(403);
      // Nor reaching back before the replay's start.
      const earlier = await session({
        cameras: ['cam-003'],
        from: iso(fromMs - 3_600_000),
        to: iso(fromMs),
        reason: 'Verifica incidente via Roma',
      });
      expect(earlier.status).toBe(403);
      const entries = await auditEntries(t);
      expect(
        entries.find((e) => e.action === 'display.push' && e.cameraId === 'cam-003'),
      ).toMatchObject({ reason: 'Verifica incidente via Roma', fromMs });
    });

    it('renames and rebinds a display: the former account holds nothing any more', async () => {
      const city = await createCity(open);
      const { t } = city;
      const { display, cookie: first } = await displayWithAccount(city, { username: 'schermo1' });
      const op = await t.userCookie('operator', { username: 'rossi' });
      expect((await push(t, op, display.id, { kind: 'camera', cameraId: 'cam-001' })).status).toBe(
        200,
      );
      expect(await tokenStatus(t, first, 'cam-001')).toBe(200);
      await t.services.accounts.users.create({
        username: 'schermo2',
        password: 'correct horse battery staple',
        role: 'auditor',
        agencyId: 'polizia-municipale',
      });
      const res = await t.request('PATCH', `/api/displays/${display.id}`, {
        cookie: city.admin,
        body: { name: 'Videowall destro', accountUsername: 'schermo2' },
      });
      expect(res.status, await res.clone().text()).toBe(200);
      expect(await res.json()).toMatchObject({
        name: 'Videowall destro',
        accountUsername: 'schermo2',
        content: { kind: 'camera' },
      });
      expect(await tokenStatus(t, first, 'cam-001')).toBe(403);
      expect((await t.request('GET', '/api/displays/me', { cookie: first })).status).toBe(404);
      const second = await t.login('schermo2', 'correct horse battery staple');
      expect(await tokenStatus(t, second, 'cam-001')).toBe(200);
      // Another display may not take the same account; an operator may not rebind.
      const other = await t.request('POST', '/api/displays', {
        cookie: city.admin,
        body: { name: 'Altro', accountUsername: 'schermo2' },
      });
      expect(other.status).toBe(400);
      const byOperator = await t.request('PATCH', `/api/displays/${display.id}`, {
        cookie: op,
        body: { accountUsername: null },
      });
      expect(byOperator.status).toBe(403);
      const entries = await auditEntries(t);
      expect(
        detailsOf(entries.find((e) => e.action === 'display.update') ?? { details: null }),
      ).toMatchObject({ account: 'schermo2', accountBefore: 'schermo1', nameBefore: 'Videowall' });
    });

    it("a partner agency's operator sees its own displays and pushes only granted cameras", async () => {
      const city = await createCity(open);
      const { t } = city;
      await agree(city, { cameraIds: ['cam-001'], groupIds: [] });
      await displayWithAccount(city, { username: 'schermo-pm', name: 'Videowall PM' });
      const ccAdmin = await t.userCookie('administrator', { agencyId: CC, username: 'cc-admin' });
      const { display, cookie: wall } = await displayWithAccount(city, {
        manager: ccAdmin,
        username: 'schermo-cc',
        agencyId: CC,
        name: 'Videowall CC',
      });
      const ccOp = await t.userCookie('operator', { agencyId: CC, username: 'cc-op' });
      const list = (await (await t.request('GET', '/api/displays', { cookie: ccOp })).json()) as {
        displays: DisplayJson[];
      };
      expect(list.displays.map((d) => d.name)).toEqual(['Videowall CC']);

      expect(
        (await push(t, ccOp, display.id, { kind: 'camera', cameraId: 'cam-002' })).status,
      ).toBe(403);
      const ok = await push(t, ccOp, display.id, { kind: 'camera', cameraId: 'cam-001' });
      expect(ok.status, await ok.clone().text()).toBe(200);
      expect(await tokenStatus(t, wall, 'cam-001')).toBe(200);

      // An owner operator may not push to the partner's display, nor bind an owner account to it.
      const op = await t.userCookie('operator', { username: 'rossi' });
      expect((await push(t, op, display.id, { kind: 'camera', cameraId: 'cam-002' })).status).toBe(
        404,
      );
      const bind = await t.request('PATCH', `/api/displays/${display.id}`, {
        cookie: ccAdmin,
        body: { accountUsername: 'rossi' },
      });
      expect(bind.status).toBe(400);
    });
  });
});
