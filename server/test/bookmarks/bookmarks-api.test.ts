/**
 * Bookmarks over HTTP: make, list, search, change and delete; who may change whose (author,
 * another operator, a supervisor); a partner agency's user sees only bookmarks on cameras their
 * agreement lets them play back; validation names the key; every change is audited.
 */
import { describe, expect, it } from 'vitest';
import { auditEntries, CC, agree, createCity, type City } from '../access/fixture.ts';
import { forEachDatabase } from '../support/databases.ts';

interface BookmarkJson {
  id: string;
  cameraIds: string[];
  fromMs: number;
  toMs: number;
  title: string;
  note: string;
  caseReference: string | null;
  authorName: string;
  protectedFromRetention: boolean;
  editable: boolean;
}

const MIN = 60_000;

async function make(
  city: City,
  cookie: string,
  body: Record<string, unknown>,
): Promise<BookmarkJson> {
  const res = await city.t.request('POST', '/api/bookmarks', { cookie, body });
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()) as BookmarkJson;
}

async function listed(city: City, cookie: string, query = ''): Promise<string[]> {
  const res = await city.t.request('GET', `/api/bookmarks${query}`, { cookie });
  expect(res.status, await res.clone().text()).toBe(200);
  return ((await res.json()) as { bookmarks: BookmarkJson[] }).bookmarks.map((b) => b.title);
}

async function errorOf(res: Response): Promise<{ status: number; kind: string; message: string }> {
  const body = (await res.json()) as { error: { kind: string; message: string } };
  return { status: res.status, ...body.error };
}

describe('bookmarks API', () => {
  forEachDatabase((_name, open) => {
    it('makes, lists, searches, changes and deletes, audited', async () => {
      const city = await createCity(open);
      const { t } = city;
      const now = t.clock.nowMs();
      const op = await t.userCookie('operator', { username: 'rossi' });
      const b1 = await make(city, op, {
        cameraIds: ['cam-002', 'cam-001'],
        fromMs: now - 30 * MIN,
        toMs: now - 25 * MIN,
        title: 'Furgone bianco in contromano',
        note: 'Targa parziale AB 12',
        caseReference: 'RGNR 77/2026',
      });
      expect(b1).toMatchObject({
        cameraIds: ['cam-001', 'cam-002'],
        authorName: 'rossi',
        protectedFromRetention: false,
        editable: true,
      });
      await make(city, op, { cameraIds: ['cam-003'], fromMs: now - 5 * MIN, title: 'Lite' });

      expect(await listed(city, op)).toEqual(['Lite', 'Furgone bianco in contromano']);
      expect(await listed(city, op, '?camera=cam-002')).toEqual(['Furgone bianco in contromano']);
      expect(await listed(city, op, '?q=targa')).toEqual(['Furgone bianco in contromano']);
      expect(await listed(city, op, '?q=rgnr%2077')).toEqual(['Furgone bianco in contromano']);
      expect(await listed(city, op, '?q=50%25')).toEqual([]);
      const from = new Date(now - 10 * MIN).toISOString();
      const to = new Date(now).toISOString();
      expect(await listed(city, op, `?from=${from}&to=${to}`)).toEqual(['Lite']);

      const patched = await t.request('PATCH', `/api/bookmarks/${b1.id}`, {
        cookie: op,
        body: { title: 'Furgone bianco', toMs: now - 20 * MIN },
      });
      expect(patched.status, await patched.clone().text()).toBe(200);
      expect(await patched.json()).toMatchObject({ title: 'Furgone bianco', toMs: now - 20 * MIN });

      const deleted = await t.request('DELETE', `/api/bookmarks/${b1.id}`, { cookie: op });
      expect(deleted.status).toBe(204);
      expect(await listed(city, op)).toEqual(['Lite']);
      expect((await t.request('GET', `/api/bookmarks/${b1.id}`, { cookie: op })).status).toBe(404);

      const audit = (await auditEntries(t)).filter((e) => e.action.startsWith('bookmark.'));
      expect(audit.map((e) => [e.action, e.cameraId])).toEqual([
        ['bookmark.create', 'cam-001'],
        ['bookmark.create', 'cam-002'],
        ['bookmark.create', 'cam-003'],
        ['bookmark.update', 'cam-001'],
        ['bookmark.update', 'cam-002'],
        ['bookmark.delete', 'cam-001'],
        ['bookmark.delete', 'cam-002'],
      ]);
      expect(audit[0]).toMatchObject({
        username: 'rossi',
        resource: `bookmark:${b1.id}`,
        fromMs: now - 30 * MIN,
        toMs: now - 25 * MIN,
        caseReference: 'RGNR 77/2026',
      });
      expect(JSON.parse(String(audit[3]?.details))).toMatchObject({ changed: ['title', 'toMs'] });
    });

    it('lets the author and a supervisor of the agency change it, not another operator', async () => {
      const city = await createCity(open);
      const { t } = city;
      const rossi = await t.userCookie('operator', { username: 'rossi' });
      const verdi = await t.userCookie('operator', { username: 'verdi' });
      const capo = await t.userCookie('supervisor', { username: 'capo' });
      const b = await make(city, rossi, {
        cameraIds: ['cam-001'],
        fromMs: t.clock.nowMs() - MIN,
        title: 'Scippo',
      });
      const seen = await t.request('GET', `/api/bookmarks/${b.id}`, { cookie: verdi });
      expect(((await seen.json()) as BookmarkJson).editable).toBe(false);
      const refused = await t.request('PATCH', `/api/bookmarks/${b.id}`, {
        cookie: verdi,
        body: { title: 'Mio' },
      });
      expect(refused.status).toBe(403);
      expect((await t.request('DELETE', `/api/bookmarks/${b.id}`, { cookie: verdi })).status).toBe(
        403,
      );
      const denied = (await auditEntries(t)).filter((e) => e.outcome === 'denied');
      expect(denied.at(-1)?.username).toBe('verdi');

      const bySupervisor = await t.request('PATCH', `/api/bookmarks/${b.id}`, {
        cookie: capo,
        body: { note: 'Verificato' },
      });
      expect(bySupervisor.status).toBe(200);
      const update = (await auditEntries(t)).filter((e) => e.action === 'bookmark.update');
      expect(update[0]?.username).toBe('capo');
      expect(JSON.parse(String(update[0]?.details))).toMatchObject({ author: 'rossi' });
      expect((await t.request('DELETE', `/api/bookmarks/${b.id}`, { cookie: capo })).status).toBe(
        204,
      );
    });

    it('shows a partner agency only bookmarks on cameras it may play back', async () => {
      const city = await createCity(open);
      const { t } = city;
      // cam-001 and the porto group (cam-003, cam-004); bookmark.manage granted too.
      await agree(city, { permissions: ['live.view', 'playback.view', 'bookmark.manage'] });
      const op = await t.userCookie('operator');
      const cc = await t.userCookie('operator', { agencyId: CC, username: 'cc.bruno' });
      const now = t.clock.nowMs();
      await make(city, op, { cameraIds: ['cam-001'], fromMs: now - MIN, title: 'Uno' });
      await make(city, op, { cameraIds: ['cam-002'], fromMs: now - MIN, title: 'Due' });
      await make(city, op, {
        cameraIds: ['cam-001', 'cam-002'],
        fromMs: now - MIN,
        title: 'Misto',
      });
      expect((await listed(city, cc)).sort()).toEqual(['Uno']);

      const mine = await make(city, cc, {
        cameraIds: ['cam-003'],
        fromMs: now - MIN,
        title: 'Pattuglia',
        caseReference: 'Proc. 12/2026',
      });
      expect(mine.editable).toBe(true);
      const outside = await t.request('POST', '/api/bookmarks', {
        cookie: cc,
        body: { cameraIds: ['cam-002'], fromMs: now - MIN, title: 'No' },
      });
      expect(outside.status).toBe(403);
      // The owner's supervisor may not change a partner's bookmark.
      const capo = await t.userCookie('supervisor');
      const other = await t.request('PATCH', `/api/bookmarks/${mine.id}`, {
        cookie: capo,
        body: { title: 'Cambiato' },
      });
      expect(other.status).toBe(403);
    });

    it('validates with clear errors', async () => {
      const city = await createCity(open);
      const { t } = city;
      const op = await t.userCookie('operator');
      const auditor = await t.userCookie('auditor');
      const now = t.clock.nowMs();
      const post = (body: Record<string, unknown>, cookie = op) =>
        t.request('POST', '/api/bookmarks', { cookie, body });
      const base = { cameraIds: ['cam-001'], fromMs: now - MIN, title: 'Ok' };

      const cases: [Record<string, unknown>, number, string][] = [
        [{ ...base, title: '' }, 400, 'title'],
        [{ ...base, title: 'x'.repeat(121) }, 400, 'title'],
        [{ ...base, note: 'x'.repeat(2001) }, 400, 'note'],
        [{ ...base, toMs: now - 2 * MIN }, 400, 'toMs'],
        [{ ...base, cameraIds: [] }, 400, 'cameraIds'],
        [
          { ...base, cameraIds: Array.from({ length: 17 }, (_, i) => `cam-${i}`) },
          400,
          'cameraIds',
        ],
        [{ ...base, cameraIds: ['cam-001', 'cam-999'] }, 404, 'cam-999'],
        [{ ...base, extra: 1 }, 400, 'extra'],
      ];
      for (const [body, status, names] of cases) {
        const e = await errorOf(await post(body));
        expect(e.status, JSON.stringify(body).slice(0, 80)).toBe(status);
        expect(e.message).toContain(names);
      }
      // An auditor may not play back: refused, before anything is looked up.
      expect((await post(base, auditor)).status).toBe(403);
      expect((await t.request('GET', '/api/bookmarks', { cookie: auditor })).status).toBe(403);
    });
  });
});
