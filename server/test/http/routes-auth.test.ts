import { describe, expect, it } from 'vitest';
import { PUBLIC_ROUTES } from '../../src/http/public-routes.ts';
import { forEachDatabase } from '../support/databases.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

/** `METHOD /path` of every API route the app registers (path parameters as `:name`). */
function registeredApiRoutes(t: TestApp): string[] {
  const out = new Set<string>();
  for (const r of t.app.routes) {
    if (r.method === 'ALL' || !r.path.startsWith('/api/')) continue;
    out.add(`${r.method} ${r.path}`);
  }
  return [...out].sort();
}

interface OpenApiDoc {
  paths: Record<string, Record<string, { security?: unknown[] }>>;
}

describe('every API route', () => {
  forEachDatabase((_db, open) => {
    it('refuses an unauthenticated caller with 401, except the public ones', async () => {
      const t = await createTestApp(open);
      const routes = registeredApiRoutes(t);
      expect(routes.length).toBeGreaterThanOrEqual(10);
      for (const route of routes) {
        const [method = '', path = ''] = route.split(' ');
        const concrete = path.replace(/:[A-Za-z_]+/g, 'x1');
        const body = ['POST', 'PUT', 'PATCH'].includes(method) ? {} : undefined;
        const plain = await t.request(method, concrete, { body });
        const forged = await t.request(method, concrete, {
          body,
          cookie: 'vedetta_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
        });
        if (PUBLIC_ROUTES.includes(route)) {
          expect(plain.status, route).not.toBe(401);
        } else {
          expect(plain.status, route).toBe(401);
          expect(forged.status, route).toBe(401);
          expect(await plain.json(), route).toMatchObject({ error: { kind: 'unauthenticated' } });
        }
      }
      const unknown = await t.request('GET', '/api/no-such-route');
      expect(unknown.status).toBe(401);
    });

    it('are exactly the operations of the OpenAPI document, with the right security', async () => {
      const t = await createTestApp(open);
      const res = await t.request('GET', '/api/openapi.json');
      expect(res.status).toBe(200);
      const doc = (await res.json()) as OpenApiDoc;
      const documented: string[] = [];
      for (const [path, ops] of Object.entries(doc.paths)) {
        for (const [method, op] of Object.entries(ops)) {
          const route = `${method.toUpperCase()} ${path.replace(/\{([^}]+)\}/g, ':$1')}`;
          documented.push(route);
          const isPublic = PUBLIC_ROUTES.includes(route);
          expect(op.security?.length === 0, route).toBe(isPublic);
        }
      }
      const registered = registeredApiRoutes(t).filter((r) => r !== 'GET /api/openapi.json');
      expect(documented.sort()).toEqual(registered);
    });

    it('answers unknown API paths with a JSON 404 once logged in', async () => {
      const t = await createTestApp(open);
      const cookie = await t.userCookie('operator');
      const res = await t.request('GET', '/api/no-such-route', { cookie });
      expect(res.status).toBe(404);
      expect(await res.json()).toMatchObject({ error: { kind: 'not_found' } });
      const health = await t.request('GET', '/api/health');
      expect(await health.json()).toMatchObject({ status: 'ok', database: 'ok' });
    });
  });
});
