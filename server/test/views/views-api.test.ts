/**
 * Wall views over HTTP: save, list, replace and delete, audited; personal views seen by their
 * owner alone, shared ones by the owner's agency or by a role of it; sharing needs `view.share`;
 * a layout change keeps the assignments that fit and remembers the rest; validation names the
 * key; a partner's view keeps a camera of a suspended agreement, reported unavailable, and shows
 * it again when the agreement is resumed.
 */
import { describe, expect, it } from 'vitest';
import { agree, auditEntries, CC, createCity, type City } from '../access/fixture.ts';
import { forEachDatabase } from '../support/databases.ts';

interface TileJson {
  cameraId: string | null;
  stream: 'main' | 'sub';
  tour?: { cameraIds: string[]; seconds: number } | null;
}
interface ViewJson {
  id: string;
  name: string;
  folder: string;
  layout: string;
  tiles: TileJson[];
  hiddenTiles: (TileJson | null)[];
  sharing: string;
  role: string | null;
  editable: boolean;
  ownerName: string;
  unavailableCameraIds: string[];
  tour: { cameraIds: string[]; seconds: number } | null;
}

const tile = (cameraId: string | null, stream: 'main' | 'sub' = 'sub') => ({ cameraId, stream });

async function save(city: City, cookie: string, body: Record<string, unknown>): Promise<ViewJson> {
  const res = await city.t.request('POST', '/api/views', { cookie, body });
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()) as ViewJson;
}

async function names(city: City, cookie: string): Promise<string[]> {
  const res = await city.t.request('GET', '/api/views', { cookie });
  expect(res.status, await res.clone().text()).toBe(200);
  return ((await res.json()) as { views: ViewJson[] }).views.map((v) => v.name);
}

/** An audit entry's details, parsed (stored as canonical JSON). */
function detailsOf(e: { details: unknown }): Record<string, unknown> {
  return (typeof e.details === 'string' ? JSON.parse(e.details) : e.details) as Record<
    string,
    unknown
  >;
}

async function errorOf(res: Response): Promise<{ status: number; kind: string; message: string }> {
  const body = (await res.json()) as { error: { kind: string; message: string } };
  return { status: res.status, ...body.error };
}

describe('views API', () => {
  forEachDatabase((_name, open) => {
    it('saves, lists, replaces and deletes a personal view, audited', async () => {
      const city = await createCity(open);
      const { t } = city;
      const op = await t.userCookie('operator', { username: 'rossi' });
      const other = await t.userCookie('operator', { username: 'bianchi' });
      const v = await save(city, op, {
        name: 'Centro',
        folder: 'Eventi/Palio',
        layout: '1+5',
        tiles: [
          tile('cam-001', 'main'),
          tile('cam-002'),
          tile(null),
          tile('cam-003'),
          tile(null),
          tile(null),
        ],
        tour: { cameraIds: ['cam-004', 'cam-005'], seconds: 10 },
      });
      expect(v).toMatchObject({
        name: 'Centro',
        folder: 'Eventi/Palio',
        layout: '1+5',
        sharing: 'personal',
        editable: true,
        ownerName: 'rossi',
        unavailableCameraIds: [],
        hiddenTiles: [],
      });
      expect(v.tiles.map((x) => x.cameraId)).toEqual([
        'cam-001',
        'cam-002',
        null,
        'cam-003',
        null,
        null,
      ]);
      expect(v.tiles[0]?.stream).toBe('main');
      expect(v.tour).toEqual({ cameraIds: ['cam-004', 'cam-005'], seconds: 10 });

      // Another PC of the same user reads it back; another operator does not see it at all.
      expect(await names(city, op)).toEqual(['Centro']);
      expect(await names(city, other)).toEqual([]);
      expect((await t.request('GET', `/api/views/${v.id}`, { cookie: other })).status).toBe(404);
      expect((await t.request('DELETE', `/api/views/${v.id}`, { cookie: other })).status).toBe(404);

      const put = await t.request('PUT', `/api/views/${v.id}`, {
        cookie: op,
        body: { name: 'Centro storico', layout: '1', tiles: [tile('cam-002')] },
      });
      expect(put.status, await put.clone().text()).toBe(200);
      expect(((await put.json()) as ViewJson).name).toBe('Centro storico');

      const del = await t.request('DELETE', `/api/views/${v.id}`, { cookie: op });
      expect(del.status).toBe(204);
      expect(await names(city, op)).toEqual([]);

      const entries = (await auditEntries(t)).filter((e) => e.action.startsWith('view.'));
      expect(entries.map((e) => [e.action, e.resource, e.username])).toEqual([
        ['view.create', `view:${v.id}`, 'rossi'],
        ['view.update', `view:${v.id}`, 'rossi'],
        ['view.delete', `view:${v.id}`, 'rossi'],
      ]);
      expect(detailsOf(entries[0] ?? { details: '{}' })).toMatchObject({
        name: 'Centro',
        layout: '1+5',
        cameras: ['cam-001', 'cam-002', 'cam-003', 'cam-004', 'cam-005'],
      });
      expect(detailsOf(entries[1] ?? { details: '{}' })).toMatchObject({ layoutBefore: '1+5' });
    });

    it('shares with the agency or a role (view.share), and only supervisors may', async () => {
      const city = await createCity(open);
      const { t } = city;
      const sup = await t.userCookie('supervisor', { username: 'capo' });
      const op = await t.userCookie('operator', { username: 'rossi' });
      const op2 = await t.userCookie('operator', { username: 'verdi' });
      const ccOp = await t.userCookie('operator', { agencyId: CC, username: 'cc-op' });
      await agree(city);

      const refused = await t.request('POST', '/api/views', {
        cookie: op,
        body: { name: 'Mia', layout: '1', tiles: [tile('cam-001')], sharing: 'agency' },
      });
      expect(await errorOf(refused)).toMatchObject({ status: 403, kind: 'permission_denied' });

      const all = await save(city, sup, {
        name: 'Sala',
        layout: '4',
        tiles: [tile('cam-001'), tile('cam-002'), tile(null), tile(null)],
        sharing: 'agency',
      });
      await save(city, sup, {
        name: 'Solo supervisori',
        layout: '1',
        tiles: [tile('cam-003')],
        sharing: 'role',
        role: 'supervisor',
      });
      const forOps = await save(city, sup, {
        name: 'Operatori',
        layout: '1',
        tiles: [tile('cam-004')],
        sharing: 'role',
        role: 'operator',
      });
      await save(city, op, { name: 'Personale', layout: '1', tiles: [tile('cam-005')] });

      expect(await names(city, sup)).toEqual(['Operatori', 'Sala', 'Solo supervisori']);
      expect(await names(city, op)).toEqual(['Operatori', 'Personale', 'Sala']);
      expect(await names(city, op2)).toEqual(['Operatori', 'Sala']);
      // Another agency's operator sees none of the municipality's views, shared or not.
      expect(await names(city, ccOp)).toEqual([]);
      expect((await t.request('GET', `/api/views/${all.id}`, { cookie: ccOp })).status).toBe(404);

      // A shared view is read-only to an operator; they may save it as their own copy.
      const seen = (await (
        await t.request('GET', `/api/views/${forOps.id}`, { cookie: op })
      ).json()) as ViewJson;
      expect(seen.editable).toBe(false);
      const change = await t.request('PUT', `/api/views/${forOps.id}`, {
        cookie: op,
        body: {
          name: 'Mia ora',
          layout: '1',
          tiles: [tile('cam-004')],
          sharing: 'role',
          role: 'operator',
        },
      });
      expect(change.status).toBe(403);
      expect((await t.request('DELETE', `/api/views/${forOps.id}`, { cookie: op })).status).toBe(
        403,
      );
      await save(city, op, { name: 'Operatori (copia)', layout: '1', tiles: [tile('cam-004')] });

      // Another supervisor of the agency may change and delete the shared view.
      const sup2 = await t.userCookie('supervisor', { username: 'vice' });
      const edit = await t.request('PUT', `/api/views/${all.id}`, {
        cookie: sup2,
        body: {
          name: 'Sala operativa',
          layout: '4',
          tiles: [tile('cam-001'), tile(null), tile(null), tile(null)],
          sharing: 'agency',
        },
      });
      expect(edit.status, await edit.clone().text()).toBe(200);
      expect((await t.request('DELETE', `/api/views/${all.id}`, { cookie: sup2 })).status).toBe(
        204,
      );
      const entries = (await auditEntries(t)).filter((e) => e.resource === `view:${all.id}`);
      expect(entries.map((e) => [e.action, e.username, detailsOf(e)['owner']])).toEqual([
        ['view.create', 'capo', undefined],
        ['view.update', 'vice', 'capo'],
        ['view.delete', 'vice', 'capo'],
      ]);
      // The refusal above is in the audit trail too.
      const denied = (await auditEntries(t)).filter(
        (e) => e.outcome === 'denied' && e.username === 'rossi',
      );
      expect(denied.length).toBeGreaterThanOrEqual(3);
    });

    it('keeps the assignments that fit a new layout and remembers the rest', async () => {
      const city = await createCity(open);
      const { t } = city;
      const op = await t.userCookie('operator', { username: 'rossi' });
      const sixteen = Array.from({ length: 16 }, (_, i) => tile(i < 5 ? `cam-00${i + 1}` : null));
      sixteen[9] = tile('cam-003');
      sixteen[2] = tile(null);
      const v = await save(city, op, { name: 'Grande', layout: '16', tiles: sixteen });
      // Shrinking to 2×2: the first four places are shown, the rest are kept hidden.
      const shrunk = await t.request('PUT', `/api/views/${v.id}`, {
        cookie: op,
        body: {
          name: 'Grande',
          layout: '4',
          tiles: v.tiles.slice(0, 4),
          hiddenTiles: v.tiles.slice(4),
        },
      });
      expect(shrunk.status, await shrunk.clone().text()).toBe(200);
      const s = (await shrunk.json()) as ViewJson;
      expect(s.tiles.map((x) => x.cameraId)).toEqual(['cam-001', 'cam-002', null, 'cam-004']);
      // Trailing empty places are not kept; the hidden ones are, in their places.
      expect(s.hiddenTiles.map((x) => x?.cameraId ?? null)).toEqual([
        'cam-005',
        null,
        null,
        null,
        null,
        'cam-003',
      ]);
      // Growing to 1+7 shows places 0–7 again, the rest still remembered.
      const grown = await t.request('PUT', `/api/views/${v.id}`, {
        cookie: op,
        body: {
          name: 'Grande',
          layout: '1+7',
          tiles: [...s.tiles, ...s.hiddenTiles.slice(0, 4).map((x) => x ?? tile(null))],
          hiddenTiles: s.hiddenTiles.slice(4),
        },
      });
      const g = (await grown.json()) as ViewJson;
      expect(g.tiles.map((x) => x.cameraId)).toEqual([
        'cam-001',
        'cam-002',
        null,
        'cam-004',
        'cam-005',
        null,
        null,
        null,
      ]);
      expect(g.hiddenTiles.map((x) => x?.cameraId ?? null)).toEqual([null, 'cam-003']);
    });

    it('refuses malformed views, naming the key', async () => {
      const city = await createCity(open);
      const { t } = city;
      const op = await t.userCookie('operator', { username: 'rossi' });
      const cases: [Record<string, unknown>, string][] = [
        [{ name: '', layout: '1', tiles: [tile('cam-001')] }, 'name: must not be empty'],
        [
          { name: 'x'.repeat(81), layout: '1', tiles: [tile('cam-001')] },
          'name: must be at most 80',
        ],
        [{ name: 'A', layout: '2', tiles: [tile('cam-001')] }, 'layout: must be one of'],
        [
          { name: 'A', layout: '4', tiles: [tile('cam-001')] },
          'tiles: layout 4 has 4 tiles, got 1',
        ],
        [
          { name: 'A', layout: '1', tiles: [tile('cam-404')] },
          'tiles[0].cameraId: unknown camera cam-404',
        ],
        [
          {
            name: 'A',
            layout: '1',
            tiles: [
              { cameraId: null, stream: 'sub', tour: { cameraIds: ['cam-001'], seconds: 4 } },
            ],
          },
          'tiles[0].tour.seconds: must be at least 5 seconds',
        ],
        [
          {
            name: 'A',
            layout: '1',
            tiles: [tile(null)],
            tour: { cameraIds: ['cam-001', 'cam-999'], seconds: 5 },
          },
          'tour.cameraIds[1]: unknown camera cam-999',
        ],
        [
          { name: 'A', layout: '1', tiles: [tile(null)], sharing: 'role' },
          'role: is required to share with a role',
        ],
        [{ name: 'A', layout: '1', tiles: [tile('cam-001', 'sub')], colour: 'red' }, 'colour'],
      ];
      for (const [body, message] of cases) {
        const res = await t.request('POST', '/api/views', { cookie: op, body });
        const e = await errorOf(res);
        expect(e.status, JSON.stringify(body)).toBe(400);
        expect(e.kind).toBe('invalid_argument');
        expect(e.message).toContain(message);
      }
      const sup = await t.userCookie('supervisor', { username: 'capo' });
      const role = await t.request('POST', '/api/views', {
        cookie: sup,
        body: { name: 'A', layout: '1', tiles: [tile(null)], sharing: 'role', role: 'nessuno' },
      });
      expect((await errorOf(role)).message).toContain('role: unknown role nessuno');
      expect(await names(city, op)).toEqual([]);
    });

    it("keeps a partner's camera through a suspended agreement and shows it again when resumed", async () => {
      const city = await createCity(open);
      const { t } = city;
      // Two agreements: cam-001 alone, and the porto group (cam-003, cam-004).
      const one = await agree(city, { cameraIds: ['cam-001'], groupIds: [] });
      await agree(city, { cameraIds: [], groupIds: ['grp-porto'], title: 'Porto' });
      const cc = await t.userCookie('operator', { agencyId: CC, username: 'cc-op' });
      // A camera outside the agreements cannot be put on a view (as if it did not exist).
      const outside = await t.request('POST', '/api/views', {
        cookie: cc,
        body: { name: 'CC', layout: '1', tiles: [tile('cam-002')] },
      });
      expect((await errorOf(outside)).message).toContain(
        'tiles[0].cameraId: unknown camera cam-002',
      );
      const v = await save(city, cc, {
        name: 'Porto e centro',
        layout: '4',
        tiles: [tile('cam-001'), tile('cam-003'), tile(null), tile('cam-004')],
      });
      expect(v.unavailableCameraIds).toEqual([]);

      const suspend = await t.request('POST', `/api/agreements/${one}/suspend`, {
        cookie: city.admin,
        body: { reason: 'Verifica del protocollo' },
      });
      expect(suspend.status, await suspend.clone().text()).toBe(200);
      const during = (await (
        await t.request('GET', `/api/views/${v.id}`, { cookie: cc })
      ).json()) as ViewJson;
      expect(during.tiles.map((x) => x.cameraId)).toEqual(['cam-001', 'cam-003', null, 'cam-004']);
      expect(during.unavailableCameraIds).toEqual(['cam-001']);
      // Saving the view meanwhile (a layout change, say) keeps the unavailable camera.
      const saved = await t.request('PUT', `/api/views/${v.id}`, {
        cookie: cc,
        body: {
          name: 'Porto e centro',
          layout: '1',
          tiles: [tile('cam-001')],
          hiddenTiles: during.tiles.slice(1),
        },
      });
      expect(saved.status, await saved.clone().text()).toBe(200);

      const resume = await t.request('POST', `/api/agreements/${one}/resume`, {
        cookie: city.admin,
      });
      expect(resume.status, await resume.clone().text()).toBe(200);
      const after = (await (
        await t.request('GET', `/api/views/${v.id}`, { cookie: cc })
      ).json()) as ViewJson;
      expect(after.tiles.map((x) => x.cameraId)).toEqual(['cam-001']);
      expect(after.hiddenTiles.map((x) => x?.cameraId ?? null)).toEqual([
        'cam-003',
        null,
        'cam-004',
      ]);
      expect(after.unavailableCameraIds).toEqual([]);
    });

    it('needs live.view for every route', async () => {
      const city = await createCity(open);
      const { t } = city;
      const auditor = await t.userCookie('auditor', { username: 'dpo' });
      expect((await t.request('GET', '/api/views', { cookie: auditor })).status).toBe(403);
      const res = await t.request('POST', '/api/views', {
        cookie: auditor,
        body: { name: 'A', layout: '1', tiles: [tile(null)] },
      });
      expect(res.status).toBe(403);
      expect((await t.request('GET', '/api/views')).status).toBe(401);
    });
  });
});
