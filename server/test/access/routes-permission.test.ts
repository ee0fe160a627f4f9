import { describe, expect, it } from 'vitest';
import { forEachDatabase } from '../support/databases.ts';
import { auditEntries, CC, createCity } from './fixture.ts';
import { requestsOf, type OpenApiDoc } from './openapi-requests.ts';

/**
 * Routes that any logged-in person may use: who am I, log out, the installation's public key
 * (public by nature: whoever receives an export needs it to check the signature), and enrolling
 * one's own second factor.
 */
const ANY_SESSION = [
  'GET /api/session',
  'DELETE /api/session',
  'GET /api/keys/public',
  'POST /api/session/totp/enrol',
  'POST /api/session/totp/confirm',
];

/** Event streams that, like listings, carry only what the caller may see (none here). */
const FILTERED_STREAMS = ['GET /api/alarms/stream'];

/**
 * Routes on something that belongs to the caller or their agency, named by an opaque id (their
 * WebRTC session, their playback session — opened only after the camera check — their agency's
 * export jobs, their agency's wall displays, the display their account shows) or given up (ending
 * their own mask lift). Anyone else's, or one that does not
 * exist, is answered 404 without saying which (or 204: nothing to give up); a malformed id, 400.
 */
const OWN_RESOURCE: RegExp[] = [
  /^DELETE \/api\/live\/webrtc\/\{sessionId\}$/,
  /^DELETE \/api\/cameras\/\{id\}\/mask-lift$/,
  /^GET \/api\/playback\/sessions\/\{session\}\//,
  /^GET \/api\/exports\/\{id\}/,
  // The caller's agency's wall display (push, take back); the display an account shows.
  /^POST \/api\/displays\/\{id\}\/(push|clear)$/,
  /^GET \/api\/displays\/me(\/stream)?$/,
];

/** True when a 200 body is a listing with nothing in it (`{ cameras: [] }`, `{ users: [] }`). */
function emptyListing(text: string): boolean {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return false;
  }
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
      const failures: string[] = [];
      for (const r of requests) {
        if (r.isPublic) continue;
        const anonymous = await t.request(r.method, r.path, { body: r.body });
        if (anonymous.status !== 401)
          failures.push(`${r.route} without a session: ${anonymous.status}`);
        if (ANY_SESSION.includes(r.route)) continue;
        for (const [who, cookie] of Object.entries(callers)) {
          const res = await t.request(r.method, r.path, { cookie, body: r.body });
          if (FILTERED_STREAMS.includes(r.route) && res.status === 200) {
            await res.body?.cancel();
            continue;
          }
          const text = await res.text();
          const ok =
            res.status === 403 ||
            (OWN_RESOURCE.some((re) => re.test(r.route)) && [400, 404, 204].includes(res.status)) ||
            (res.status === 200 && r.method === 'GET' && emptyListing(text));
          if (!ok) failures.push(`${r.route} as ${who}: ${res.status} ${text.slice(0, 200)}`);
          if (res.status === 403) refusals += 1;
        }
      }
      expect(failures).toEqual([]);
      const denied = (await auditEntries(t)).slice(before).filter((e) => e.outcome === 'denied');
      expect(denied).toHaveLength(refusals);
    });
  });
});
