/**
 * The re-stream's service accounts administered over HTTP, on both databases: an administrator
 * adds, lists (never an HA1 nor the password) and disables accounts, audited with the command
 * line's actions; the password policy applies; a partner agency's user manager reaches only
 * their own agency's accounts; an operator is refused; `GET /api/restream` says where a VMS
 * connects. Then an account made in the API really reads a granted camera with ffprobe, and
 * disabling it in the API ends that.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { ffprobePath } from '../../src/app/ffmpeg.ts';
import { auditEntries, CC, createCity } from '../access/fixture.ts';
import { forEachDatabase } from '../support/databases.ts';
import { startRestreamCity, type RestreamCity } from './restream-fixture.ts';

const PASSWORD = 'Tre tigri contro tre tigri 2026';
const OWNER = 'polizia-municipale';

interface Account {
  id: string;
  name: string;
  agencyId: string;
  createdMs: number;
  disabledMs: number | null;
}

describe('restream service accounts over the API', () => {
  forEachDatabase((_db, open) => {
    it('are added, listed without secrets and disabled by an administrator, audited', async () => {
      const { t, admin } = await createCity(open);
      const add = (body: Record<string, unknown>, cookie = admin) =>
        t.request('POST', '/api/restream/accounts', { cookie, body });

      const made = await add({ name: 'CC-Milestone', agencyId: CC, password: PASSWORD });
      expect(made.status, await made.clone().text()).toBe(201);
      const madeText = await made.text();
      expect(madeText).not.toContain(PASSWORD);
      const account = JSON.parse(madeText) as Account;
      expect(account).toMatchObject({ name: 'cc-milestone', agencyId: CC, disabledMs: null });
      expect(account.createdMs).toBe(t.clock.nowMs());

      // The policy of people's passwords, said so the page can translate it.
      const weak = await add({ name: 'cc-weak', agencyId: CC, password: 'short' });
      expect(weak.status).toBe(400);
      expect(await weak.json()).toMatchObject({
        error: { kind: 'invalid_argument', details: { key: 'password', reason: 'too_short' } },
      });
      expect((await add({ name: 'cc-milestone', agencyId: CC, password: PASSWORD })).status).toBe(
        409,
      );
      expect((await add({ name: 'x-vms', agencyId: 'nessuno', password: PASSWORD })).status).toBe(
        400,
      );
      expect((await add({ name: 'Bad Name!', agencyId: CC, password: PASSWORD })).status).toBe(400);
      expect(
        (await add({ name: 'cc-x', agencyId: CC, password: PASSWORD, ha1: 'abc' })).status,
      ).toBe(400);

      // Listed with name, agency, created, disabled: never HA1, realm or password.
      const listed = await t.request('GET', '/api/restream/accounts', { cookie: admin });
      expect(listed.status).toBe(200);
      const listText = await listed.text();
      const row = await t.db.selectFrom('restream_accounts').selectAll().executeTakeFirstOrThrow();
      expect(listText).not.toContain(row.digest_ha1);
      expect(listText).not.toContain(PASSWORD);
      expect(JSON.parse(listText)).toEqual({ accounts: [account] });

      // Disabled for good; a second time changes nothing and is not audited again.
      t.clock.advance(60_000);
      const off = await t.request('POST', '/api/restream/accounts/cc-milestone/disable', {
        cookie: admin,
      });
      expect(off.status).toBe(200);
      expect(((await off.json()) as Account).disabledMs).toBe(t.clock.nowMs());
      expect(
        (await t.request('POST', '/api/restream/accounts/cc-milestone/disable', { cookie: admin }))
          .status,
      ).toBe(200);
      expect(
        (await t.request('POST', '/api/restream/accounts/nobody/disable', { cookie: admin }))
          .status,
      ).toBe(404);

      // The command line's audit actions, with who did it from where.
      const entries = (await auditEntries(t)).filter((e) => e.action.startsWith('restream.'));
      expect(
        entries.map((e): unknown[] => [
          e.action,
          e.username,
          e.resource,
          JSON.parse(e.details ?? '{}') as unknown,
        ]),
      ).toEqual([
        [
          'restream.account_create',
          'admin',
          `restream-account:${account.id}`,
          { name: 'cc-milestone', agencyId: CC },
        ],
        [
          'restream.account_disable',
          'admin',
          `restream-account:${account.id}`,
          { name: 'cc-milestone', agencyId: CC },
        ],
      ]);
      expect(JSON.stringify(entries)).not.toContain(PASSWORD);

      // Off in this configuration: no address to give.
      const info = await t.request('GET', '/api/restream', { cookie: admin });
      expect(await info.json()).toEqual({
        enabled: false,
        rtsp: null,
        rtsps: null,
        realm: 'Vedetta',
      });
    });

    it("keep a partner's user manager to their agency and refuse an operator", async () => {
      const { t, admin } = await createCity(open);
      const ccAdmin = await t.userCookie('administrator', { agencyId: CC, username: 'cc-admin' });
      const operator = await t.userCookie('operator', { username: 'op' });
      const add = (cookie: string, name: string, agencyId: string) =>
        t.request('POST', '/api/restream/accounts', {
          cookie,
          body: { name, agencyId, password: PASSWORD },
        });
      const names = async (cookie: string) =>
        (
          (await (await t.request('GET', '/api/restream/accounts', { cookie })).json()) as {
            accounts: Account[];
          }
        ).accounts.map((a) => a.name);

      expect((await add(admin, 'pm-genetec', OWNER)).status).toBe(201);
      expect((await add(ccAdmin, 'cc-owned', OWNER)).status).toBe(403);
      expect((await add(ccAdmin, 'cc-milestone', CC)).status).toBe(201);
      expect(await names(ccAdmin)).toEqual(['cc-milestone']);
      expect(await names(admin)).toEqual(['cc-milestone', 'pm-genetec']);
      // Another agency's account is "not found" to the partner's manager, and stays enabled.
      expect(
        (await t.request('POST', '/api/restream/accounts/pm-genetec/disable', { cookie: ccAdmin }))
          .status,
      ).toBe(404);
      expect((await t.services.restream.accounts.find('pm-genetec'))?.disabledMs).toBeNull();
      expect(
        (
          await t.request('POST', '/api/restream/accounts/cc-milestone/disable', {
            cookie: ccAdmin,
          })
        ).status,
      ).toBe(200);

      // An operator holds no user.manage: refused everywhere, and nothing changes.
      for (const [method, path] of [
        ['GET', '/api/restream'],
        ['GET', '/api/restream/accounts'],
        ['POST', '/api/restream/accounts/pm-genetec/disable'],
      ] as const) {
        expect((await t.request(method, path, { cookie: operator })).status, path).toBe(403);
      }
      expect((await add(operator, 'op-vms', OWNER)).status).toBe(403);
      expect(await names(admin)).toEqual(['cc-milestone', 'pm-genetec']);
      const denied = (await auditEntries(t)).filter(
        (e) => e.username === 'op' && e.outcome === 'denied',
      );
      expect(denied.length).toBeGreaterThan(0);
    });
  });
});

describe('a service account made over the API', () => {
  forEachDatabase((_db, open) => {
    let city: RestreamCity | undefined;
    afterEach(async () => {
      await city?.close();
      city = undefined;
    });

    it('reads a granted camera with ffprobe until disabled over the API', async () => {
      const c = (city = await startRestreamCity(open));
      await c.grant(['cam-001']);
      const made = await c.api('POST', '/api/restream/accounts', {
        name: 'cc-genetec',
        agencyId: CC,
        password: PASSWORD,
      });
      expect(made.status, await made.clone().text()).toBe(201);

      const info = (await (await c.api('GET', '/api/restream')).json()) as {
        rtsp: string;
        rtsps: string;
      };
      expect(info).toMatchObject({
        enabled: true,
        rtsp: `rtsp://127.0.0.1:${c.port}/`,
        rtsps: `rtsps://127.0.0.1:${c.tlsPort}/`,
      });
      const url = c.url('cam-001', { user: 'cc-genetec', pass: PASSWORD });
      expect(url.startsWith(`rtsp://cc-genetec:`)).toBe(true);
      const read = await probeUrl(url);
      expect(read.code, read.out).toBe(0);
      expect(read.out).toContain('codec_name=h264');

      const off = await c.api('POST', '/api/restream/accounts/cc-genetec/disable');
      expect(off.status).toBe(200);
      const refused = await probeUrl(url);
      expect(refused.code).not.toBe(0);
      expect(refused.out).toMatch(/403|401|Forbidden|Unauthorized/);
    });
  });
});

/** ffprobe on `url`. */
function probeUrl(url: string): Promise<{ code: number; out: string }> {
  return promisify(execFile)(
    ffprobePath(),
    ['-v', 'error', '-rtsp_transport', 'tcp', '-show_entries', 'stream=codec_name', url],
    { timeout: 60_000 },
  ).then(
    (r) => ({ code: 0, out: `${r.stdout}${r.stderr}` }),
    (e: unknown) => {
      const err = e as { code?: number; stderr?: string };
      return { code: typeof err.code === 'number' ? err.code : -1, out: `${err.stderr}` };
    },
  );
}
