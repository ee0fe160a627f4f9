import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/app/logger.ts';
import { TEST_HASHING } from '../../src/accounts/index.ts';
import { loginGuessingKey } from '../../src/compose/login-alarms.ts';
import { createServices } from '../../src/main.ts';
import { forEachDatabase } from '../support/databases.ts';
import { waitFor } from '../support/wait-for.ts';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../support/test-app.ts';
import { auditEntries, CC } from '../access/fixture.ts';

const MINUTE = 60_000;

/** Alarm at 4 failures in 10 minutes; waits after 2 failures of a username from one address. */
const CONFIG = {
  auth: { failedLogin: { alarmFailures: 4, windowMinutes: 10, freePerAccountAndAddress: 2 } },
};

async function attempt(t: TestApp, username: string, password: string, address: string) {
  return t.request('POST', '/api/session', {
    body: { username, password },
    headers: { 'x-forwarded-for': address },
  });
}

/** Fails once for `username` from each address given. */
async function failFrom(t: TestApp, username: string, addresses: string[]) {
  for (const a of addresses) {
    expect((await attempt(t, username, 'not the password', a)).status).toBe(401);
  }
}

const userId = async (t: TestApp, username: string) =>
  (await t.services.accounts.users.findByUsername(username))?.id ?? '';

interface Listed {
  username: string;
  signIn: { failedAttempts: number; delayedUntilMs: number | null; guessed: boolean };
}

async function listed(t: TestApp, cookie: string, username: string): Promise<Listed | undefined> {
  const res = await t.request('GET', '/api/users', { cookie });
  const { users } = (await res.json()) as { users: Listed[] };
  return users.find((u) => u.username === username);
}

describe('guessing at an account', () => {
  forEachDatabase((_db, open) => {
    it('raises an alarm for the administrators, cleared when the window passes', async () => {
      const t = await createTestApp(open, { config: CONFIG });
      await t.userCookie('administrator', { username: 'capo' });
      const board = t.services.retention.alarms;
      await failFrom(t, 'capo', ['10.0.0.1', '10.0.0.2', '10.0.0.3']);
      await failFrom(t, 'nobody', ['10.0.0.1', '10.0.0.2', '10.0.0.3', '10.0.0.4']);
      expect(board.active()).toEqual([]); // three for capo; none for a name that is no account
      await failFrom(t, 'capo', ['10.0.0.4']);
      expect(board.active()).toEqual([
        expect.objectContaining({
          key: loginGuessingKey('capo'),
          kind: 'login.guessing',
          severity: 'warning',
          message:
            'account capo is being guessed at: 4 failed logins in the last 10 minutes from 4 addresses',
        }),
      ]);
      t.clock.advance(5 * MINUTE);
      await t.services.accounts.login.reviewGuessing();
      expect(board.has(loginGuessingKey('capo'))).toBe(true);
      t.clock.advance(5 * MINUTE);
      await t.services.accounts.login.reviewGuessing();
      expect(board.active()).toEqual([]);
    });

    it('raises it again after a restart, from the database, and clears it on its minute review', async () => {
      const t = await createTestApp(open, { config: CONFIG });
      await t.userCookie('administrator', { username: 'capo' });
      await failFrom(t, 'capo', ['10.0.0.1', '10.0.0.2', '10.0.0.3', '10.0.0.4']);
      const again = createServices({
        db: t.db,
        clock: t.clock,
        logger: silentLogger(),
        config: t.config,
        hashing: TEST_HASHING,
        loginDelay: () => Promise.resolve(),
      });
      await again.accounts.login.start();
      expect(again.retention.alarms.has(loginGuessingKey('capo'))).toBe(true);
      t.clock.advance(10 * MINUTE); // the window passes
      // The review runs a minute after the last one ended: let a minute pass at each look.
      await waitFor(
        () => {
          t.clock.advance(MINUTE);
          return !again.retention.alarms.has(loginGuessingKey('capo'));
        },
        { timeoutMs: 5000, what: 'the guessing alarm to clear' },
      );
      again.accounts.login.stop();
    });

    it('lets an administrator unlock: the waits end, the alarm clears, and it is audited', async () => {
      const t = await createTestApp(open, { config: CONFIG });
      const admin = await t.userCookie('administrator', { username: 'capo' });
      await t.userCookie('operator', { username: 'rossi' });
      await failFrom(t, 'rossi', ['10.0.0.9', '10.0.0.9', '10.0.0.9', '10.0.0.8']);
      expect((await attempt(t, 'rossi', TEST_PASSWORD, '10.0.0.9')).status).toBe(429);
      expect(t.services.retention.alarms.has(loginGuessingKey('rossi'))).toBe(true);
      expect(await listed(t, admin, 'rossi')).toMatchObject({
        signIn: { failedAttempts: 4, delayedUntilMs: t.clock.nowMs() + 2000, guessed: true },
      });

      const id = await userId(t, 'rossi');
      const res = await t.request('POST', `/api/users/${id}/unlock`, { cookie: admin });
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({
        username: 'rossi',
        signIn: { failedAttempts: 0, delayedUntilMs: null, guessed: false },
      });
      expect(t.services.retention.alarms.active()).toEqual([]);
      expect((await attempt(t, 'rossi', TEST_PASSWORD, '10.0.0.9')).status).toBe(200);
      const unlocks = (await auditEntries(t)).filter((e) => e.action === 'user.unlock');
      expect(unlocks).toHaveLength(1);
      expect(unlocks[0]).toMatchObject({
        outcome: 'granted',
        username: 'capo',
        resource: `user:${id}`,
      });
      expect(JSON.parse(unlocks[0]?.details ?? '{}')).toMatchObject({
        username: 'rossi',
        clearedFailures: 4,
      });
      // The failures stay on record, marked as no longer counting.
      const rows = await t.db
        .selectFrom('login_attempts')
        .select('cleared_ms')
        .where('username', '=', 'rossi')
        .where('succeeded', '=', 0)
        .execute();
      expect(rows.map((r) => r.cleared_ms)).toEqual([1, 2, 3, 4].map(() => t.clock.nowMs()));
    });

    it('refuses an unlock without user.manage, or for another agency', async () => {
      const t = await createTestApp(open, { config: CONFIG });
      await t.userCookie('administrator', { username: 'capo' });
      const operator = await t.userCookie('operator', { username: 'rossi' });
      await t.services.accounts.agencies.addPartner({ id: CC, name: 'Carabinieri' });
      const partnerAdmin = await t.userCookie('administrator', {
        username: 'cc.capo',
        agencyId: CC,
      });
      await failFrom(t, 'capo', ['10.0.0.9', '10.0.0.9', '10.0.0.9']);
      const id = await userId(t, 'capo');
      for (const cookie of [operator, partnerAdmin]) {
        const res = await t.request('POST', `/api/users/${id}/unlock`, { cookie });
        expect(res.status).toBe(403);
      }
      expect((await attempt(t, 'capo', TEST_PASSWORD, '10.0.0.9')).status).toBe(429);
      expect((await auditEntries(t)).filter((e) => e.action === 'user.unlock')).toEqual([]);
    });
  });
});
