import { describe, expect, it } from 'vitest';
import { forEachDatabase } from '../support/databases.ts';
import { auditEntries, CC, createCity } from './fixture.ts';
import { requestsOf, type OpenApiDoc } from './openapi-requests.ts';

/** Routes that any logged-in person may use: who am I, log out. */
const ANY_SESSION = ['GET /api/session', 'DELETE /api/session'];

/**
 * Routes that only give up something the caller holds (hang up their own WebRTC session, end
 * their own mask lift): they need no permission and touch nothing of anyone else's, so a caller
 * with nothing to give up gets 404 (unknown session, without saying whose) or 204 (nothing done).
 */
const OWN_RESOURCE = ['DELETE /api/live/webrtc/{sessionId}', 'DELETE /api/cameras/{id}/mask-lift'];

/** True when a 200 body is a listing with nothing in it (`{ cameras: [] }`, `{ users: [] }`). */
function emptyListing(body: unknown): boolean {
  if (body === null || typeof body !== 'object') return false;
  const arrays = Object.values(body).filter(Array.isArray);
  return arrays.length > 0 && arrays.every((a) => a.length === 0);
}

describe('every documented API route', () => {
  forEachDatabase((_db, open) => {
    it('refuses an unauthenticated caller and callers without the right permission', async () => {
      const city = await createCity(open);
      const { t } = city;
      const role = await t.request('POST', '/api/roles', {
        cookie: city.admin,
        body: { name: 'nessuno', permissions: [] },
      });
      expect(role.status).toBe(201);
      const callers = {
        'owner agency, role without permissions': await t.userCookie('nessuno', {
          username: 'nobody',
        }),
        'partner operator without an agreement': await t.userCookie('operator', {
          agencyId: CC,
          username: 'cc-op',
        }),
      };
      const doc = (await (await t.request('GET', '/api/openapi.json')).json()) as OpenApiDoc;
      const requests = requestsOf(doc);
      expect(requests.length).toBeGreaterThanOrEqual(30);
      const before = (await auditEntries(t)).length;
      let refusals = 0;
      for (const r of requests) {
        if (r.isPublic) continue;
        const anonymous = await t.request(r.method, r.path, { body: r.body });
        expect(anonymous.status, `${r.route} without a session`).toBe(401);
        if (ANY_SESSION.includes(r.route)) continue;
        for (const [who, cookie] of Object.entries(callers)) {
          const res = await t.request(r.method, r.path, { cookie, body: r.body });
          const text = await res.text();
          const ok =
            res.status === 403 ||
            (OWN_RESOURCE.includes(r.route) && (res.status === 404 || res.status === 204)) ||
            (res.status === 200 && r.method === 'GET' && emptyListing(JSON.parse(text)));
          expect(ok, `${r.route} as ${who}: ${res.status} ${text.slice(0, 300)}`).toBe(true);
          if (res.status === 403) refusals += 1;
        }
      }
      const denied = (await auditEntries(t)).slice(before).filter((e) => e.outcome === 'denied');
      expect(denied).toHaveLength(refusals);
    });
  });
});
